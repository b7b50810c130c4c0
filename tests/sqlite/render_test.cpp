// Rendered SQL for hand-built diffs: no database.
#include <dbpush/sqlite/render.hpp>
#include <dbpush/sqlite/detail/sql_text.hpp>
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

std::vector<db::statement> render_statements(db::schema from, db::schema to) {
  db::sqlite::detail::canonicalise(to);
  return db::sqlite::detail::render(db::diff(std::move(from), std::move(to)));
}

std::vector<std::string> render_diff(db::schema from, db::schema to) {
  std::vector<std::string> sql;
  for (auto& s : render_statements(std::move(from), std::move(to))) sql.push_back(std::move(s.sql));
  return sql;
}

bool any_starts_with(const std::vector<std::string>& sql, std::string_view prefix) {
  return std::any_of(sql.begin(), sql.end(), [&](const std::string& s) { return s.starts_with(prefix); });
}

}  // namespace

TEST_CASE("sqlite quotes identifiers and literals by doubling quotes") {
  CHECK(db::sqlite::detail::quote_identifier("we\"ird name") == "\"we\"\"ird name\"");
  CHECK(db::sqlite::detail::quote_literal("it's") == "'it''s'");
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
}

TEST_CASE("sqlite marks a redefinition's copy, and only it, as copying the rows of its table") {
  auto from = one_table({column("id", "INTEGER"), column("n", "TEXT", true)});
  auto retyped = one_table({column("id", "INTEGER"), column("n", "INTEGER", true)});
  auto required = one_table({column("id", "INTEGER"), column("n", "TEXT")});
  auto stamped = from;
  auto at = column("at", "DATETIME");
  at.default_sql = "CURRENT_TIMESTAMP";
  stamped.tables[0].columns.push_back(at);
  auto in_place = from;
  in_place.tables[0].columns.push_back(column("bio", "TEXT", true));
  for (const auto& [to, copies] : {std::pair{retyped, 1}, {required, 1}, {stamped, 1}, {in_place, 0}}) {
    int copied = 0;
    for (const auto& s : render_statements(from, to)) {
      CHECK(s.table == "t");
      if (s.kind != db::statement_kind::copy_rows) continue;
      ++copied;
      CHECK(s.sql.starts_with("INSERT INTO \"dbpush_new_t\" ("));
      CHECK(s.sql.ends_with(" FROM \"t\""));
    }
    CHECK(copied == copies);
  }
}

TEST_CASE("sqlite marks every statement that creates an index, and only those, as creating one") {
  auto from = one_table({column("id", "INTEGER"), column("n", "TEXT", true), column("m", "TEXT", true)});
  auto indexed = [](db::schema s, db::index i) {
    s.tables[0].indexes.push_back(std::move(i));
    return s;
  };
  const auto on_n = indexed(from, {.name = "t_n_idx", .columns = {"n"}});
  const auto unique_n = indexed(from, {.name = "t_n_key", .columns = {"n"}, .unique = true});
  const auto partial_m = indexed(from, {.name = "t_m_idx", .columns = {"m"}, .where = "m IS NOT NULL"});
  auto retyped_with_index = on_n;
  retyped_with_index.tables[0].columns[1].type = "INTEGER";  // a redefinition creates the index again
  auto renamed_index = on_n;
  renamed_index.tables[0].indexes[0].name = "t_n_renamed";
  struct case_ {
    const char* what;
    db::schema from, to;
    int indexes_created;
  };
  const case_ cases[] = {
      {"index added", from, on_n, 1},
      {"unique index added", from, unique_n, 1},
      {"partial index added", from, partial_m, 1},
      {"table redefined with its index", on_n, retyped_with_index, 1},
      {"index renamed", on_n, renamed_index, 1},
      {"index dropped", on_n, from, 0},
      {"column added", from, one_table({column("id", "INTEGER"), column("n", "TEXT", true), column("m", "TEXT", true),
                                        column("o", "TEXT", true)}), 0},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    int created = 0;
    for (const auto& s : render_statements(c.from, c.to)) {
      CAPTURE(s.sql);
      const bool creates = s.sql.starts_with("CREATE INDEX ") || s.sql.starts_with("CREATE UNIQUE INDEX ");
      CHECK(creates == (s.kind == db::statement_kind::create_index));
      if (creates) CHECK(s.table == "t");
      created += creates;
    }
    CHECK(created == c.indexes_created);
  }
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
