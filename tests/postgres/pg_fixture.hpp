// Shared set-up of the PostgreSQL tests: a connection to the CTest fixture's
// throwaway cluster and a fresh schema per test (random name, dropped at the
// end), so tests do not depend on each other or on their order.
#pragma once

#include <dbpush/postgres.hpp>
#include <dbpush/postgres/canonical.hpp>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace pgtest {

// The conninfo of the cluster CTest started. Without it the test fails: running
// the binary alone must not look like a pass.
inline std::string conninfo() {
  const char* file = std::getenv("DBPUSH_PG_CONNINFO_FILE");
  if (!file)
    throw std::runtime_error(
        "DBPUSH_PG_CONNINFO_FILE is not set: run the PostgreSQL tests through ctest or "
        "scripts/test.sh, which start a throwaway cluster and set it");
  std::ifstream in(file);
  std::string info;
  if (!std::getline(in, info) || info.empty())
    throw std::runtime_error(std::string("cannot read a conninfo string from ") + file);
  return info;
}

inline std::string random_schema_name(const std::string& prefix) {
  std::random_device rd;
  std::mt19937_64 gen(rd());
  return prefix + std::to_string(gen() % 1000000000000ull);
}

// Runs a command and returns its standard output.
inline std::string run_command(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + command);
  std::array<char, 4096> buf{};
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  if (pclose(pipe) != 0) throw std::runtime_error("command failed: " + command);
  return out;
}

inline std::vector<db::finding> findings_of(const db::data_loss_error& e) { return e.warnings(); }
inline std::vector<db::finding> findings_of(const db::unexecutable_error& e) { return e.findings(); }

class fixture {
 public:
  fixture() : conn(conninfo()), name(random_schema_name("dbpush_test_")) {
    exec("CREATE SCHEMA " + conn.quote_name(name));
  }
  ~fixture() {
    try {
      exec("DROP SCHEMA IF EXISTS " + conn.quote_name(name) + " CASCADE");
    } catch (...) {
    }
  }
  fixture(const fixture&) = delete;
  fixture& operator=(const fixture&) = delete;

  // Options for the test's schema; `sql` collects every statement dbpush runs.
  db::push_options options(bool accept_data_loss = false) {
    db::push_options o;
    o.postgres.schema = name;
    o.accept_data_loss = accept_data_loss;
    o.on_sql = [this](const std::string& s) { sql.push_back(s); };
    return o;
  }

  db::push_result push(const db::schema& target, bool accept_data_loss = false) {
    sql.clear();
    return db::push(conn, target, options(accept_data_loss));
  }

  // A push of the same target right after: must find nothing to do.
  void check_idempotent(const db::schema& target) {
    auto r = push(target);
    CHECK_MESSAGE(r.steps.empty(), "second push still had steps:\n" << r.to_string());
    CHECK(sql.empty());
    CHECK_FALSE(r.changed);
    auto canonical = target;
    db::postgres::canonicalise(canonical);
    db::normalise(canonical);
    // The push above compared defaults and predicates as the server stores
    // them and found them equal: here only their presence is compared.
    auto live = db::introspect(conn, options());
    take_expressions(live, canonical);
    CHECK_MESSAGE(live == canonical, "live:\n" << live << "\ntarget:\n" << canonical);
  }

  // Where `live` and `target` both have a default (or predicate) on the same
  // column (or index), live takes the target's text.
  static void take_expressions(db::schema& live, const db::schema& target) {
    for (auto& t : live.tables) {
      const auto* wanted = target.find_table(t.name);
      if (!wanted) continue;
      for (auto& c : t.columns)
        if (const auto* w = wanted->find_column(c.name); w && c.default_sql && w->default_sql)
          c.default_sql = w->default_sql;
      for (auto& i : t.indexes)
        if (const auto* w = wanted->find_index(i.name); w && i.where && w->where) i.where = w->where;
    }
  }

  std::string q(const std::string& table) { return conn.quote_name(name) + "." + conn.quote_name(table); }

  void exec(const std::string& statement) {
    pqxx::nontransaction tx(conn);
    tx.exec(statement);
  }

  std::int64_t count(const std::string& query) {
    pqxx::nontransaction tx(conn);
    return tx.exec1(query)[0].as<std::int64_t>();
  }

  std::vector<std::string> column_of(const std::string& query) {
    pqxx::nontransaction tx(conn);
    std::vector<std::string> out;
    for (const auto& row : tx.exec(query)) out.push_back(row[0].is_null() ? "NULL" : row[0].as<std::string>());
    return out;
  }

  // pg_dump of the test schema (definitions and data): an independent view to
  // compare before and after a refused push.
  // Lines of \restrict/\unrestrict carry a random key per run and are dropped.
  std::string dump() {
    return run_command("pg_dump --no-owner --schema='" + name + "' '" + conninfo() +
                       "' | grep -v '^\\\\\\(un\\)\\?restrict '");
  }

  db::schema live() { return db::introspect(conn, options()); }

  struct refusal {
    std::string what;
    std::vector<db::finding> findings;
  };

  // Pushes a target that must be refused with Error (data_loss_error or
  // unexecutable_error) and checks that schema and data are as before (pg_dump).
  template <class Error>
  refusal refused(const db::schema& target, bool accept_data_loss = false) {
    const auto before = dump();
    refusal out;
    try {
      push(target, accept_data_loss);
      FAIL("the push was not refused");
    } catch (const Error& e) {
      out = {e.what(), findings_of(e)};
    }
    CHECK(dump() == before);
    return out;
  }

  pqxx::connection conn;
  std::string name;
  std::vector<std::string> sql;
};

// Small builders for target schemas.
inline db::column col(std::string name, std::string type, bool nullable = false,
                      std::optional<std::string> default_sql = std::nullopt) {
  db::column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.nullable = nullable;
  c.default_sql = std::move(default_sql);
  return c;
}

inline db::column id_col(std::string name = "id", std::string type = "bigint") {
  db::column c = col(std::move(name), std::move(type));
  c.autoincrement = true;
  return c;
}

inline db::table tbl(std::string name, std::vector<db::column> columns,
                     std::vector<std::string> primary_key = {"id"}) {
  db::table t;
  t.name = std::move(name);
  t.columns = std::move(columns);
  t.primary_key = std::move(primary_key);
  return t;
}

}  // namespace pgtest
