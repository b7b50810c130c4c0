#include "resilience/postgres_support.hpp"

#include "postgres/pg_fixture.hpp"
#include "resilience/scenarios.hpp"
#include "resilience/state.hpp"

#include <dbpush/postgres.hpp>

#include <pqxx/pqxx>

#include <unistd.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace resilience {

std::string postgres_child_program() { return RESILIENCE_CHILD_POSTGRES; }

std::string postgres_state(pqxx::connection_base& conn, const std::string& pg_schema) {
  pqxx::nontransaction tx(conn);
  return postgres_state(tx, pg_schema);
}

std::string postgres_state(pqxx::transaction_base& tx, const std::string& pg_schema) {
  auto& conn = tx.conn();
  const std::string ns = "(SELECT oid FROM pg_namespace WHERE nspname = " + tx.quote(pg_schema) + ")";
  const std::vector<std::pair<std::string, std::string>> catalog = {
      {"relation", "SELECT relname, relkind FROM pg_class WHERE relnamespace = " + ns + " ORDER BY 1"},
      {"column",
       "SELECT c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
       "pg_get_expr(d.adbin, d.adrelid), a.attidentity FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid "
       "AND a.attnum > 0 AND NOT a.attisdropped LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum "
       "WHERE c.relnamespace = " + ns + " ORDER BY 1, 2"},
      {"constraint",
       "SELECT c.relname, k.conname, pg_get_constraintdef(k.oid) FROM pg_constraint k JOIN pg_class c ON c.oid = "
       "k.conrelid WHERE c.relnamespace = " + ns + " ORDER BY 1, 2"},
      {"index", "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = " + tx.quote(pg_schema) + " ORDER BY 1"},
      {"enum",
       "SELECT t.typname, string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) FROM pg_type t JOIN pg_enum e ON "
       "e.enumtypid = t.oid WHERE t.typnamespace = " + ns + " GROUP BY 1 ORDER BY 1"},
      {"sequence",
       "SELECT sequencename, data_type, start_value, max_value, last_value FROM pg_sequences WHERE schemaname = " +
           tx.quote(pg_schema) + " ORDER BY 1"},
      {"view", "SELECT c.relname, pg_get_viewdef(c.oid) FROM pg_class c WHERE c.relkind IN ('v', 'm') AND "
               "c.relnamespace = " + ns + " ORDER BY 1"},
      {"trigger", "SELECT t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                  "WHERE NOT t.tgisinternal AND c.relnamespace = " + ns + " ORDER BY 1"},
      {"function", "SELECT proname, pg_get_functiondef(oid) FROM pg_proc WHERE pronamespace = " + ns + " ORDER BY 1"},
  };
  std::string out;
  for (const auto& [what, query] : catalog)
    for (const auto& row : tx.exec(query)) {
      out += what;
      for (const auto& field : row) out += " | " + std::string(field.is_null() ? "NULL" : field.c_str());
      out += "\n";
    }
  for (const auto& row : tx.exec("SELECT relname FROM pg_class WHERE relkind IN ('r', 'm', 'p') AND relnamespace = " +
                                 ns + " ORDER BY 1")) {
    const std::string table = row[0].c_str();
    std::vector<std::string> rows;
    for (const auto& r : tx.exec("SELECT t::text FROM " + conn.quote_name(pg_schema) + "." + conn.quote_name(table) +
                                 " AS t"))
      rows.push_back(r[0].c_str());
    out += table_line(table, rows) + "\n";
  }
  return out;
}

void make_postgres_ledger(pqxx::connection_base& conn, const std::string& pg_schema, int tables, long long rows) {
  {
    pqxx::nontransaction tx(conn);
    tx.exec("DROP SCHEMA IF EXISTS " + conn.quote_name(pg_schema) + " CASCADE");
  }
  db::push_options options;
  options.postgres.schema = pg_schema;
  db::push(conn, postgres_ledger(1, tables), options);
  pqxx::work tx(conn);
  for (const auto& sql : postgres_ledger_seed(pg_schema, tables, rows)) tx.exec(sql);
  tx.commit();
}

push_subject postgres_ledger_subject(const std::string& conninfo, const std::string& name, int tables, long long rows,
                                     int from_version) {
  push_subject s;
  s.program = postgres_child_program();
  s.push_args = {"push", "conninfo=" + conninfo, "schema=" + name, "version=" + std::to_string(from_version + 1),
                 "tables=" + std::to_string(tables), "accept"};
  s.restore_old = [=] {
    pqxx::connection conn(conninfo);
    if (from_version == 1) return make_postgres_ledger(conn, name, tables, rows);
    pqxx::nontransaction tx(conn);
    tx.exec("DROP SCHEMA IF EXISTS " + conn.quote_name(name) + " CASCADE");
  };
  s.state = [=] {
    pqxx::connection conn(conninfo);
    return postgres_state(conn, name);
  };
  s.settle = [=](const std::string& backend) {
    pqxx::connection conn(conninfo);
    wait_until_backend_gone(conn, backend);
  };
  s.recover = [=] {
    pqxx::connection conn(conninfo);
    db::push_options options;
    options.postgres.schema = name;
    options.accept_data_loss = true;
    db::push(conn, postgres_ledger(from_version + 1, tables), options);
  };
  return s;
}

void wait_until_backend_gone(pqxx::connection_base& conn, const std::string& pid) {
  if (pid.empty()) return;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  for (;;) {
    pqxx::nontransaction tx(conn);
    if (tx.exec1("SELECT count(*) FROM pg_stat_activity WHERE pid = " + tx.quote(pid) + "::int")[0].as<int>() == 0)
      return;
    if (std::chrono::steady_clock::now() > deadline)
      throw std::runtime_error("backend " + pid + " still runs a minute after its client died");
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

void terminate_backend(pqxx::connection_base& conn, const std::string& pid) {
  {
    pqxx::nontransaction tx(conn);
    tx.exec("SELECT pg_terminate_backend(" + tx.quote(pid) + "::int)");
  }
  wait_until_backend_gone(conn, pid);
}

namespace {
std::string cluster_script() { return RESILIENCE_PG_CLUSTER_SCRIPT; }
}  // namespace

own_cluster::own_cluster()
    : dir_("/tmp/dbpush-resilience-pg-" + std::to_string(::getpid()) + "-" +
           std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000)) {
  pgtest::run_command(cluster_script() + " start " + dir_);
  std::ifstream in(dir_ + "/conninfo");
  std::getline(in, conninfo_);
  if (conninfo_.empty()) throw std::runtime_error("no conninfo in " + dir_);
  // The shared cluster commits asynchronously (scripts/pg-cluster.sh), so an
  // immediate stop would lose the last commits: here a commit must survive it.
  pqxx::connection conn(conninfo_);
  pqxx::nontransaction tx(conn);
  tx.exec("ALTER DATABASE postgres SET synchronous_commit = on");
}

own_cluster::~own_cluster() {
  try {
    pgtest::run_command(cluster_script() + " stop " + dir_);
  } catch (...) {
  }
}

void own_cluster::restart() { pgtest::run_command(cluster_script() + " restart " + dir_); }

}  // namespace resilience
