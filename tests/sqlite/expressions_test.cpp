// SQLite keeps a default or a partial index's predicate as written (in the
// CREATE text): the spellings PostgreSQL rewrites (issue 10, tests/postgres/
// expressions_test.cpp) are stable here as they are. Each pushes once, reads
// back equal to its target, and the second push (and a plan) has nothing to do.
#include "sqlite/fixture.hpp"

#include <string>
#include <vector>

using namespace sqlite_test;

namespace {

db::table orders() {
  auto status = col("status", "TEXT", true);
  status.enum_type = "order_status";
  return table("orders", {id_column(), status, col("email", "TEXT"), col("code", "VARCHAR(10)"),
                          col("paid", "BOOLEAN"), col("amount", "INTEGER"), col("Region", "TEXT"),
                          col("total", "NUMERIC(10,2)"), col("note", "TEXT", true), col("deleted_at", "DATETIME", true),
                          col("created_at", "DATETIME", true), col("meta", "TEXT", true), col("token", "TEXT", true)});
}

db::schema with_predicate(const std::string& predicate) {
  auto t = orders();
  auto i = plain_index({"email"});
  i.where = predicate;
  t.indexes.push_back(i);
  return schema_of({t}, {db::enum_type{"order_status", {"active", "pending", "done"}}});
}

db::schema with_default(const std::string& column, const std::string& expression) {
  auto t = orders();
  for (auto& c : t.columns)
    if (c.name == column) c.default_sql = expression;
  return schema_of({t}, {db::enum_type{"order_status", {"active", "pending", "done"}}});
}

const std::vector<std::string> predicates = {
    "status IN ('active', 'pending')",
    "status IN ('pending')",
    "email IN ('a@example.com', 'b@example.com')",
    "email IN ('a@example.com')",
    "code IN ('x', 'y')",
    "email NOT IN ('a', 'b')",
    "status NOT IN ('done')",
    "deleted_at IS NULL",
    "note IS NOT NULL",
    "deleted_at is null and note is not null",
    "paid",
    "paid = false",
    "paid = 0",
    "NOT paid",
    "paid IS TRUE",
    "email LIKE '%@example.com'",
    "CAST(code AS TEXT) <> ''",
    "CAST(amount AS TEXT) <> '0'",
    "amount * 2 + 1 > 10",
    "lower(email) = 'a@example.com'",
    "LOWER( email ) <> ''",
    "amount BETWEEN 1 AND 10",
    "amount NOT BETWEEN -10 AND -1",
    "\"Region\" = 'EU'",
    "  ( ( amount   >  0 ) )  ",
    "(amount > 0) AND ((total < 100) OR (note IS NULL))",
    "amount > -1",
    "total > 9.99",
    "created_at > '2024-01-01'",
    "coalesce(note, '') = ''",
    "length(code) > 2",
};

struct default_case {
  std::string column;
  std::string expression;
};

const std::vector<default_case> defaults = {
    {"created_at", "CURRENT_TIMESTAMP"},
    {"created_at", "current_timestamp"},
    {"created_at", "(datetime('now'))"},
    {"created_at", "(datetime('now', '+1 day'))"},
    {"created_at", "'2024-01-01'"},
    {"meta", "'{}'"},
    {"meta", "'{\"a\": 1}'"},
    {"token", "(lower(hex(randomblob(16))))"},
    {"amount", "-1"},
    {"amount", "(1 + 2)"},
    {"amount", "0"},
    {"total", "-1.5"},
    {"total", "12.50"},
    {"code", "'x'"},
    {"note", "(lower('ABC'))"},
    {"note", "'it''s'"},
    {"note", "('a' || 'b')"},
    {"paid", "false"},
    {"paid", "FALSE"},
    {"paid", "0"},
    {"status", "'pending'"},
    {"Region", "(upper('eu'))"},
};

}  // namespace

TEST_CASE("sqlite: every spelling of a partial index predicate pushes once, then is a no-op") {
  for (const auto& predicate : predicates) {
    CAPTURE(predicate);
    temp_db t;
    push_checked(t, with_predicate(predicate));
  }
}

TEST_CASE("sqlite: every spelling of a column default pushes once, then is a no-op") {
  for (const auto& d : defaults) {
    CAPTURE(d.column);
    CAPTURE(d.expression);
    temp_db t;
    push_checked(t, with_default(d.column, d.expression));
  }
}

TEST_CASE("sqlite: a predicate or default that really changed is still a change") {
  temp_db t;
  push_checked(t, with_predicate("status IN ('active', 'pending')"));
  auto r = db::push(t.conn, with_predicate("status IN ('active')"));
  REQUIRE(r.steps.size() == 2);
  CHECK(r.steps[0].kind == db::step_kind::drop_index);
  CHECK(r.steps[1].kind == db::step_kind::create_index);

  temp_db d;
  push_checked(d, with_default("amount", "-1"));
  auto changed = db::push(d.conn, with_default("amount", "-2"));
  REQUIRE(changed.steps.size() == 1);
  CHECK(changed.steps[0].kind == db::step_kind::alter_column);
}
