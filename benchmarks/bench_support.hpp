// Shared pieces of the benchmark programs: scratch files, counting every
// statement a connection sends, and the PostgreSQL conninfo.
#pragma once

#include <SQLiteCpp/Database.h>
#include <benchmark/benchmark.h>
#include <pqxx/connection>
#include <sqlite3.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
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

// The conninfo of the cluster named by DBPUSH_PG_CONNINFO_FILE (run.sh starts
// one), or nothing: the PostgreSQL benchmarks then skip with a message.
inline std::optional<std::string> pg_conninfo() {
  const char* file = std::getenv("DBPUSH_PG_CONNINFO_FILE");
  if (!file) return std::nullopt;
  std::ifstream in(file);
  std::string info;
  if (!std::getline(in, info) || info.empty())
    throw std::runtime_error(std::string("dbpush benchmarks: cannot read a conninfo string from ") + file);
  return info;
}

inline constexpr const char* pg_skip_message =
    "DBPUSH_PG_CONNINFO_FILE is not set (benchmarks/run.sh starts a cluster and sets it)";

// Counts the statements the client sends to PostgreSQL while it is alive: the
// Query and Parse messages of libpq's protocol trace (one per statement, both
// for simple and extended query protocol). Tracing costs a little time, so
// benchmarks count in a separate, untimed run.
class pg_statement_counter {
 public:
  explicit pg_statement_counter(pqxx::connection_base& conn) : conn_(conn), trace_(std::tmpfile()) {
    if (!trace_) throw std::runtime_error("dbpush benchmarks: cannot open a temporary file");
    conn_.trace(trace_);
  }
  ~pg_statement_counter() {
    conn_.trace(nullptr);
    std::fclose(trace_);
  }
  pg_statement_counter(const pg_statement_counter&) = delete;
  pg_statement_counter& operator=(const pg_statement_counter&) = delete;

  long count() {
    std::fflush(trace_);
    std::rewind(trace_);
    long n = 0;
    std::array<char, 65536> line{};
    while (std::fgets(line.data(), static_cast<int>(line.size()), trace_)) {
      const std::string text = line.data();
      if (text.find("\tF\t") != std::string::npos &&
          (text.find("\tQuery\t") != std::string::npos || text.find("\tParse\t") != std::string::npos))
        ++n;
    }
    std::fseek(trace_, 0, SEEK_END);
    return n;
  }

 private:
  pqxx::connection_base& conn_;
  FILE* trace_;
};

}  // namespace dbpush_bench
