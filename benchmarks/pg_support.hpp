// Shared pieces of the PostgreSQL benchmark programs: the cluster's conninfo,
// a fresh schema per benchmark, and counting every statement a connection sends.
#pragma once

#include <pqxx/pqxx>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>

namespace dbpush_bench {

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

  // The statements sent so far; with `containing`, those whose text holds it.
  long count(const std::string& containing = {}) {
    std::fflush(trace_);
    std::rewind(trace_);
    long n = 0;
    std::array<char, 65536> line{};
    while (std::fgets(line.data(), static_cast<int>(line.size()), trace_)) {
      const std::string text = line.data();
      if (text.find("\tF\t") != std::string::npos &&
          (text.find("\tQuery\t") != std::string::npos || text.find("\tParse\t") != std::string::npos) &&
          text.find(containing) != std::string::npos)
        ++n;
    }
    std::fseek(trace_, 0, SEEK_END);
    return n;
  }

 private:
  pqxx::connection_base& conn_;
  FILE* trace_;
};

// Drops a schema (namespace) and everything in it, in batches of tables: one
// DROP SCHEMA ... CASCADE of 1000 tables needs more locks than the server's lock
// table holds (max_locks_per_transaction).
inline void drop_schema(pqxx::connection_base& conn, const std::string& name) {
  for (;;) {
    pqxx::work tx(conn);
    const auto batch = tx.exec_params("SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) "
                                      "FROM pg_tables WHERE schemaname = $1 LIMIT 100", name);
    if (batch.empty()) break;
    std::string names;
    for (const auto& row : batch) names += (names.empty() ? "" : ", ") + row[0].as<std::string>();
    tx.exec("DROP TABLE " + names + " CASCADE");
    tx.commit();
  }
  pqxx::nontransaction(conn).exec("DROP SCHEMA IF EXISTS " + conn.quote_name(name) + " CASCADE");
  // Dead catalog rows and stale catalog statistics of a dropped 1000-table
  // schema otherwise raise the planner's estimates of every later catalog query
  // past jit_above_cost, and each benchmark would measure its predecessor.
  pqxx::nontransaction(conn).exec("VACUUM ANALYZE");
}

inline void recreate_schema(pqxx::connection_base& conn, const std::string& name) {
  drop_schema(conn, name);
  pqxx::nontransaction(conn).exec("CREATE SCHEMA " + conn.quote_name(name));
}

// A schema created empty for one benchmark and dropped at the end.
class pg_scratch_schema {
 public:
  pg_scratch_schema(pqxx::connection_base& conn, std::string name) : conn_(conn), name_(std::move(name)) { recreate(); }
  ~pg_scratch_schema() {
    try {
      drop_schema(conn_, name_);
    } catch (...) {
      // The cluster is thrown away after the run anyway.
    }
  }
  pg_scratch_schema(const pg_scratch_schema&) = delete;
  pg_scratch_schema& operator=(const pg_scratch_schema&) = delete;
  const std::string& name() const { return name_; }
  void recreate() { recreate_schema(conn_, name_); }

 private:
  pqxx::connection_base& conn_;
  std::string name_;
};

}  // namespace dbpush_bench
