// Databases dbpush did not create, on SQLite (docs/reliability.md, "Hostile
// input"): views, triggers, generated columns, CHECK constraints, expression
// indexes, WITHOUT ROWID and STRICT tables, an FTS5 virtual table. Introspection
// reads what the models can say, a push leaves the rest alone and working, and
// a change that would break or drop it is refused, naming it, with nothing changed.
#include "resilience/foreign_sqlite.hpp"
#include "sqlite/fixture.hpp"

#include <functional>
#include <tuple>

using namespace sqlite_test;
using namespace resilience;


TEST_CASE("sqlite introspection of a database another tool made reads what a model can say, and only that") {
  temp_db t;
  make_foreign_database(t.conn);
  auto expected = foreign_modelled();
  db::sqlite::detail::canonicalise(expected);
  db::normalise(expected);
  const auto live = db::introspect(t.conn);
  CHECK_MESSAGE(live == expected, "read:\n" << live << "expected:\n" << expected);
}

TEST_CASE("sqlite pushing what introspection read changes nothing in a database another tool made") {
  temp_db t;
  make_foreign_database(t.conn);
  const auto before = dump(t.conn);
  const auto bytes = file_bytes(t.path);
  const auto result = db::push(t.conn, db::introspect(t.conn));
  CHECK_FALSE(result.changed);
  CHECK(result.sql.empty());
  CHECK(db::plan(t.conn, foreign_modelled()).empty());
  CHECK(dump(t.conn) == before);
  CHECK(file_bytes(t.path) == bytes);
  check_foreign_objects_work(t.conn);
}

// Changes SQLite makes in place, one table at a time: the objects around the
// table stay and keep working.
TEST_CASE("sqlite changes made in place keep views, triggers, generated columns, CHECKs and virtual tables working") {
  const std::vector<std::pair<std::string, std::function<void(db::schema&)>>> changes = {
      {"a column added to every table",
       [](db::schema& s) {
         for (auto& t : s.tables) t.columns.push_back(col("extra", "TEXT", true));
       }},
      {"an index on every table",
       [](db::schema& s) {
         for (auto& t : s.tables) t.indexes.push_back(plain_index({t.columns[1].name}));
       }},
      {"a new table", [](db::schema& s) { s.tables.push_back(tbl("tags", {col("id", "INTEGER"), col("label", "TEXT")})); }},
      {"a column renamed",
       [](db::schema& s) {
         auto& v = table_named(s, "measurements").columns[1];
         v.renamed_from = v.name;
         v.name = "reading";
       }},
      {"a table renamed",
       [](db::schema& s) {
         auto& kv = table_named(s, "kv");
         kv.renamed_from = kv.name;
         kv.name = "settings";
       }},
  };
  for (const auto& [change, edit] : changes) {
    CAPTURE(change);
    temp_db t;
    make_foreign_database(t.conn);
    auto target = foreign_modelled();
    edit(target);
    const auto result = db::push(t.conn, target);
    CHECK(result.changed);
    for (const auto& sql : result.sql) CHECK_MESSAGE(!sql.starts_with("INSERT INTO \"dbpush_new_"), "copied: " << sql);
    check_foreign_objects_work(t.conn);
  }
}

// A redefinition copies the table into a new one: what the copy cannot carry
// (a CHECK, a generated column, WITHOUT ROWID, STRICT) makes dbpush refuse.
TEST_CASE("sqlite a redefinition of a table with parts no model states is refused, naming the table and the parts") {
  const std::vector<std::tuple<std::string, std::string, std::string>> tables = {
      {"invoices", "net", "a generated column"},
      {"scores", "points", "a CHECK constraint"},
      {"kv", "v", "WITHOUT ROWID"},
      {"measurements", "value", "STRICT"},
  };
  for (const auto& [name, column, part] : tables) {
    CAPTURE(name);
    temp_db t;
    make_foreign_database(t.conn);
    auto target = foreign_modelled();
    for (auto& c : table_named(target, name).columns)
      if (c.name == column) c.default_sql = "0";  // a new default: SQLite redefines the table
    const auto what = refused_push(t, target);
    CHECK_MESSAGE(what.value_or("").find("table `" + name + "` has " + part) != std::string::npos, what.value_or(""));
    check_foreign_objects_work(t.conn);
  }
}

// A redefinition of users (its email given a default) keeps the view over it
// and its trigger (its expression index: found bug R5).
TEST_CASE("sqlite a redefinition keeps the views and triggers on the table working") {
  temp_db t;
  make_foreign_database(t.conn);
  auto target = foreign_modelled();
  table_named(target, "users").columns[1].default_sql = "''";
  const auto result = db::push(t.conn, target);
  CHECK(result.changed);
  CHECK(has_statement_starting(result.sql, "INSERT INTO \"dbpush_new_users\""));
  check_foreign_objects_work(t.conn, false);
}

// SQLite itself refuses to drop in place a column a view or a trigger of its
// table uses; the other ways to break them are found bug R4.
TEST_CASE("sqlite a column a view uses is not dropped in place: refused, naming the view") {
  temp_db t;
  make_foreign_database(t.conn);
  auto target = foreign_modelled();
  table_named(target, "users").columns.pop_back();
  const auto what = refused_push(t, target);
  CHECK_MESSAGE(what.value_or("").find("named_users") != std::string::npos, what.value_or(""));
  check_foreign_objects_work(t.conn);
}

TEST_CASE("sqlite reset keeps views and virtual tables, and the views work over the new tables") {
  temp_db t;
  make_foreign_database(t.conn);
  db::reset(t.conn, foreign_modelled());
  CHECK(count(t.conn, "SELECT count(*) FROM docs WHERE docs MATCH 'virtual'") == 1);
  t.conn.exec("INSERT INTO users VALUES (7, 'g@x', 'Gus')");
  CHECK(rows(t.conn, "SELECT id, name FROM named_users") == std::vector<std::string>{"7|'Gus'"});
}

TEST_CASE("sqlite a model table named like a view is refused, naming the view, nothing changed") {
  temp_db t;
  make_foreign_database(t.conn);
  t.conn.exec("CREATE VIEW tags AS SELECT 1 AS id, 'x' AS label");
  auto target = foreign_modelled();
  target.tables.push_back(tbl("tags", {col("id", "INTEGER"), col("label", "TEXT")}));
  const auto what = refused_push(t, target);
  CHECK_MESSAGE(what.value_or("").find("view \"tags\" already exists") != std::string::npos, what.value_or(""));
  check_foreign_objects_work(t.conn);
}
