// Rendered SQL for hand-built diffs: no database.
#include <dbpush/sqlite/render.hpp>
#include <dbpush/sqlite/sql_text.hpp>
#include <dbpush/sqlite/types.hpp>

#include <doctest/doctest.h>

#include <algorithm>

namespace {

db::column column(std::string name, std::string type, bool nullable = false) {
  db::column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.nullable = nullable;
  return c;
}

db::schema one_table(std::vector<db::column> columns) {
  db::table t;
  t.name = "t";
  t.columns = std::move(columns);
  t.primary_key = {"id"};
  db::schema s;
  s.tables.push_back(std::move(t));
  return s;
}

std::vector<std::string> render_diff(db::schema from, db::schema to) {
  db::sqlite::canonicalise(to);
  return db::sqlite::render(db::diff(std::move(from), std::move(to)));
}

bool any_starts_with(const std::vector<std::string>& sql, std::string_view prefix) {
  return std::any_of(sql.begin(), sql.end(), [&](const std::string& s) { return s.starts_with(prefix); });
}

}  // namespace

TEST_CASE("sqlite quotes identifiers and literals by doubling quotes") {
  CHECK(db::sqlite::quote_identifier("we\"ird name") == "\"we\"\"ird name\"");
  CHECK(db::sqlite::quote_literal("it's") == "'it''s'");
}

TEST_CASE("sqlite adds a nullable column or one with a constant default in place") {
  auto from = one_table({column("id", "INTEGER")});
  auto to = from;
  to.tables[0].columns.push_back(column("bio", "TEXT", true));
  auto counted = column("n", "INTEGER");
  counted.default_sql = "0";
  to.tables[0].columns.push_back(counted);
  auto sql = render_diff(from, to);
  CHECK(sql == std::vector<std::string>{"ALTER TABLE \"t\" ADD COLUMN \"bio\" TEXT",
                                        "ALTER TABLE \"t\" ADD COLUMN \"n\" INTEGER NOT NULL DEFAULT 0"});
}

TEST_CASE("sqlite redefines a table for a column whose default is not constant") {
  auto from = one_table({column("id", "INTEGER")});
  auto to = from;
  auto at = column("at", "DATETIME");
  at.default_sql = "CURRENT_TIMESTAMP";
  to.tables[0].columns.push_back(at);
  auto sql = render_diff(from, to);
  REQUIRE(sql.size() == 6);
  CHECK(sql[0] == "CREATE TABLE \"dbpush_new_t\" (\n  \"id\" INTEGER NOT NULL,\n  \"at\" DATETIME NOT NULL DEFAULT "
                  "CURRENT_TIMESTAMP,\n  PRIMARY KEY (\"id\")\n)");
  CHECK(sql[1] == "INSERT INTO \"dbpush_new_t\" (\"id\") SELECT \"id\" FROM \"t\"");
  CHECK(sql[2] == "DROP TABLE \"t\"");
  CHECK(sql[3] == "PRAGMA legacy_alter_table = ON");
  CHECK(sql[4] == "ALTER TABLE \"dbpush_new_t\" RENAME TO \"t\"");
  CHECK(sql[5] == "PRAGMA legacy_alter_table = OFF");
  CHECK(db::sqlite::copy_source_table(sql[1]) == "t");
  CHECK(db::sqlite::copy_source_table(sql[0]) == std::nullopt);
}

TEST_CASE("sqlite copies with CAST and coalesce when a column changes type and becomes required") {
  auto from = one_table({column("id", "INTEGER"), column("n", "TEXT", true)});
  auto to = one_table({column("id", "INTEGER"), column("n", "INTEGER")});
  to.tables[0].columns[1].default_sql = "7";
  auto sql = render_diff(from, to);
  CHECK(std::find(sql.begin(), sql.end(),
                  "INSERT INTO \"dbpush_new_t\" (\"id\", \"n\") SELECT \"id\", coalesce(CAST(\"n\" AS INTEGER), 7) FROM \"t\"") !=
        sql.end());
}

TEST_CASE("sqlite drops an unconstrained column in place and renames in place") {
  auto from = one_table({column("id", "INTEGER"), column("old", "TEXT", true), column("gone", "TEXT", true)});
  auto to = one_table({column("id", "INTEGER"), column("new", "TEXT", true)});
  to.tables[0].columns[1].renamed_from = "old";
  auto sql = render_diff(from, to);
  CHECK(sql == std::vector<std::string>{"ALTER TABLE \"t\" RENAME COLUMN \"old\" TO \"new\"",
                                        "ALTER TABLE \"t\" DROP COLUMN \"gone\""});
}

TEST_CASE("sqlite creates and drops indexes without touching the table") {
  auto from = one_table({column("id", "INTEGER"), column("a", "TEXT")});
  auto to = from;
  to.tables[0].indexes.push_back(db::index{"", {"a"}, true, std::nullopt, false});
  auto sql = render_diff(from, to);
  CHECK(sql == std::vector<std::string>{"CREATE UNIQUE INDEX \"t_a_key\" ON \"t\" (\"a\")"});
  CHECK(render_diff(to, from) == std::vector<std::string>{"DROP INDEX \"t_a_key\""});
  CHECK_FALSE(any_starts_with(sql, "CREATE TABLE"));
}
