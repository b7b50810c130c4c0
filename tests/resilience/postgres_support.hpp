// PostgreSQL side of the resilience tests: the state of a schema, a ledger to
// start from, backends to end, and a cluster of the test's own to restart.
#pragma once

#include "resilience/harness.hpp"

#include <pqxx/connection_base>
#include <pqxx/transaction_base>

#include <string>

namespace resilience {

// The helper program child_postgres.cpp (its path is compiled in).
std::string postgres_child_program();

// Every relation, column (type, NOT NULL, default, identity), constraint,
// index, enum, sequence, view, trigger and function of `pg_schema`, and one
// line per table with its row count and the checksum of its rows (state.hpp).
std::string postgres_state(pqxx::connection_base& conn, const std::string& pg_schema);
// The same, read in `tx` (e.g. a reader's snapshot).
std::string postgres_state(pqxx::transaction_base& tx, const std::string& pg_schema);

// `pg_schema` made again, holding version 1 of the PostgreSQL ledger
// (scenarios.hpp) with `rows` rows per table.
void make_postgres_ledger(pqxx::connection_base& conn, const std::string& pg_schema, int tables, long long rows);

// The push the PostgreSQL harnesses cut short or run at once: schema `name`
// on `conninfo` pushed to version from_version + 1 of the ledger (`tables`
// tables) with accept_data_loss by the helper program. restore_old makes
// version 1 with `rows` rows per table, or, from version 0, drops the schema.
// Each call connects anew, so the subject outlives a server restart.
push_subject postgres_ledger_subject(const std::string& conninfo, const std::string& name, int tables, long long rows,
                                     int from_version = 1);

// pg_terminate_backend(pid), then waits until the backend is gone.
void terminate_backend(pqxx::connection_base& conn, const std::string& pid);
// Waits until no backend has this pid (a killed client's backend notices late).
void wait_until_backend_gone(pqxx::connection_base& conn, const std::string& pid);

// A throwaway cluster of one test (scripts/pg-cluster.sh in a directory of its
// own), for tests that must restart the server: never the CTest fixture's.
class own_cluster {
 public:
  own_cluster();
  ~own_cluster();
  own_cluster(const own_cluster&) = delete;
  own_cluster& operator=(const own_cluster&) = delete;
  const std::string& conninfo() const { return conninfo_; }
  // Stops the server at once (as a crash would: `pg_ctl -m immediate`) and
  // starts it again on the same port and data; returns when it accepts connections.
  void restart();

 private:
  std::string dir_;
  std::string conninfo_;
};

}  // namespace resilience
