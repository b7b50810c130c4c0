// Shared pieces of the SQLite benchmark programs: scratch files and counting
// every statement a connection runs.
#pragma once

#include <SQLiteCpp/Database.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <unistd.h>

namespace dbpush_bench {

// A fresh path in the temporary directory (plus -wal/-shm/-journal), removed at the end.
class scratch_file {
 public:
  explicit scratch_file(const std::string& stem)
      : path_(std::filesystem::temp_directory_path() /
              ("dbpush_bench_" + stem + "_" + std::to_string(::getpid()) + ".db")) {
    remove();
  }
  ~scratch_file() { remove(); }
  scratch_file(const scratch_file&) = delete;
  scratch_file& operator=(const scratch_file&) = delete;
  std::string path() const { return path_.string(); }

 private:
  void remove() {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path_.string() + suffix);
  }
  std::filesystem::path path_;
};

// Counts every statement SQLite starts on a connection, including the catalog
// reads and pragmas dbpush issues itself (push_options::on_sql only sees changes).
class sqlite_statement_counter {
 public:
  explicit sqlite_statement_counter(SQLite::Database& db) : handle_(db.getHandle()) {
    sqlite3_trace_v2(handle_, SQLITE_TRACE_STMT, &on_statement, this);
  }
  ~sqlite_statement_counter() { sqlite3_trace_v2(handle_, 0, nullptr, nullptr); }
  sqlite_statement_counter(const sqlite_statement_counter&) = delete;
  sqlite_statement_counter& operator=(const sqlite_statement_counter&) = delete;
  long count() const { return count_; }
  void clear() { count_ = 0; }

 private:
  static int on_statement(unsigned, void* self, void*, void* sql_text) {
    // A trigger's sub-statements arrive as "-- ..." comments: not statements the client sent.
    if (static_cast<const char*>(sql_text)[0] != '-' || static_cast<const char*>(sql_text)[1] != '-')
      ++static_cast<sqlite_statement_counter*>(self)->count_;
    return 0;
  }
  sqlite3* handle_;
  long count_ = 0;
};

}  // namespace dbpush_bench
