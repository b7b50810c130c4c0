// SQLite keeps a default or a partial index's predicate as written (in the
// CREATE text): the spellings PostgreSQL rewrites (issue 10, tests/postgres/
// expressions_test.cpp) are stable here as they are. Each pushes once, reads
// back equal to its target, and the second push (and a plan) has nothing to do.
#include "sqlite/fixture.hpp"
#include "support/expression_spellings.hpp"

#include <string>
#include <vector>

using namespace sqlite_test;

namespace {

db::table orders() {
  auto status = col("status", "TEXT", true);
  status.enum_type = "order_status";
  return tbl("orders", {id_col("id", "INTEGER"), status, col("email", "TEXT"), col("code", "VARCHAR(10)"),
                          col("paid", "BOOLEAN"), col("amount", "INTEGER"), col("Region", "TEXT"),
                          col("total", "NUMERIC(10,2)"), col("note", "TEXT", true), col("deleted_at", "DATETIME", true),
                          col("created_at", "DATETIME", true), col("meta", "TEXT", true), col("token", "TEXT", true)});
}

db::schema with_predicate(const std::string& predicate) {
  auto t = orders();
  auto i = plain_index({"email"});
  i.where = predicate;
  t.indexes.push_back(i);
  return sch({t}, {db::enum_type{"order_status", {"active", "pending", "done"}}});
}

db::schema with_default(const std::string& column, const std::string& expression) {
  auto t = orders();
  for (auto& c : t.columns)
    if (c.name == column) c.default_sql = expression;
  return sch({t}, {db::enum_type{"order_status", {"active", "pending", "done"}}});
}

// Spellings only SQLite accepts, added to the shared ones.
std::vector<std::string> predicates() {
  auto out = spellings::predicates;
  for (const char* p : {"paid = 0", "CAST(code AS TEXT) <> ''"}) out.emplace_back(p);
  return out;
}

std::vector<spellings::default_case> defaults() {
  auto out = spellings::defaults;
  const std::vector<spellings::default_case> more = {
      {"created_at", "(datetime('now'))"},
      {"created_at", "(datetime('now', '+1 day'))"},
      {"token", "(lower(hex(randomblob(16))))"},
      {"total", "12.50"},
      {"paid", "0"},
  };
  out.insert(out.end(), more.begin(), more.end());
  return out;
}

}  // namespace

TEST_CASE("sqlite: every spelling of a partial index predicate pushes once, then is a no-op") {
  for (const auto& predicate : predicates()) {
    CAPTURE(predicate);
    temp_db t;
    push_checked(t, with_predicate(predicate));
  }
}

TEST_CASE("sqlite: every spelling of a column default pushes once, then is a no-op") {
  for (const auto& d : defaults()) {
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
