// Introspection of tables written by hand and by dbpush.
#include "sqlite/fixture.hpp"

#include <doctest/doctest.h>

#include <sqlite3.h>

#include <string_view>

using namespace sqlite_test;

TEST_CASE("sqlite introspection reads columns, keys, indexes, foreign keys and enums") {
  temp_db t;
  t.conn.exec(R"(CREATE TABLE "Us""ers" (id integer PRIMARY KEY AUTOINCREMENT, email varchar( 20 ) NOT NULL UNIQUE,
                   role TEXT NOT NULL DEFAULT 'member' CONSTRAINT "dbpush_enum:Role" CHECK (role IN ('member', 'it''s')),
                   at DATETIME DEFAULT (CURRENT_TIMESTAMP), score REAL DEFAULT -1.5))");
  t.conn.exec(R"(CREATE TABLE child (a INT, b INT, note TEXT, PRIMARY KEY (a, b),
                   CONSTRAINT "my fk" FOREIGN KEY (a) REFERENCES "Us""ers" ON DELETE CASCADE ON UPDATE SET NULL))");
  t.conn.exec(R"(CREATE INDEX "child note" ON child (note, b) WHERE note IS NOT NULL)");
  t.conn.exec("CREATE TABLE ignored (x)");
  db::push_options options;
  options.ignore_tables = {"ignored"};
  auto s = db::introspect(t.conn, options);
  REQUIRE(s.tables.size() == 2);
  const auto* users = s.find_table("Us\"ers");
  REQUIRE(users);
  CHECK(users->primary_key == std::vector<std::string>{"id"});
  CHECK(users->find_column("id")->autoincrement);
  CHECK(users->find_column("id")->type == "INTEGER");
  CHECK(users->find_column("email")->type == "VARCHAR(20)");
  CHECK_FALSE(users->find_column("email")->nullable);
  CHECK(users->find_column("role")->enum_type == "Role");
  CHECK(users->find_column("role")->default_sql == "'member'");
  CHECK(users->find_column("at")->default_sql == "CURRENT_TIMESTAMP");
  CHECK(users->find_column("at")->nullable);
  CHECK(users->find_column("score")->default_sql == "-1.5");
  REQUIRE(users->indexes.size() == 1);
  CHECK(users->indexes[0].name == "Us\"ers_email_key");
  CHECK(users->indexes[0].unique);
  CHECK(users->indexes[0].from_constraint);
  REQUIRE(s.enums.size() == 1);
  CHECK(s.enums[0].values == std::vector<std::string>{"member", "it's"});

  const auto* child = s.find_table("child");
  REQUIRE(child);
  CHECK(child->primary_key == std::vector<std::string>{"a", "b"});
  REQUIRE(child->foreign_keys.size() == 1);
  CHECK(child->foreign_keys[0].name == "my fk");
  CHECK(child->foreign_keys[0].referenced_columns == std::vector<std::string>{"id"});
  CHECK(child->foreign_keys[0].on_delete == db::referential_action::cascade);
  CHECK(child->foreign_keys[0].on_update == db::referential_action::set_null);
  REQUIRE(child->indexes.size() == 1);
  CHECK(child->indexes[0].name == "child note");
  CHECK(child->indexes[0].columns == std::vector<std::string>{"note", "b"});
  CHECK(child->indexes[0].where == "note IS NOT NULL");
  // Parents first.
  CHECK(s.tables.front().name != "child");
}

TEST_CASE("sqlite introspection issues one statement whatever the number of tables") {
  temp_db t;
  for (int i = 0; i < 30; ++i)
    t.conn.exec("CREATE TABLE t" + std::to_string(i) + " (id INTEGER PRIMARY KEY, a TEXT UNIQUE, b INTEGER REFERENCES t0)");
  // The pragma functions run statements of their own, traced as "-- PRAGMA ..."; count ours.
  int statements = 0;
  sqlite3_trace_v2(
      t.conn.getHandle(), SQLITE_TRACE_STMT,
      [](unsigned, void* n, void*, void* sql) {
        if (!std::string_view(static_cast<const char*>(sql)).starts_with("--")) ++*static_cast<int*>(n);
        return 0;
      },
      &statements);
  auto s = db::introspect(t.conn);
  sqlite3_trace_v2(t.conn.getHandle(), 0, nullptr, nullptr);
  CHECK(s.tables.size() == 30);
  CHECK(statements == 1 + 2);  // sqlite_schema alone, inside SAVEPOINT ... RELEASE
}

TEST_CASE("sqlite virtual tables and their shadow tables are neither read nor touched") {
  temp_db t;
  t.conn.exec("CREATE VIRTUAL TABLE docs USING fts5(body); INSERT INTO docs (body) VALUES ('hello world')");
  const auto before = rows(t.conn, "SELECT name, sql FROM sqlite_schema WHERE name LIKE 'docs%' ORDER BY name");
  auto r = push_checked(t, blog());
  for (const auto& s : r.sql) CHECK(s.find("docs") == std::string::npos);
  CHECK(db::introspect(t.conn).tables.size() == 2);
  db::reset(t.conn, blog());
  CHECK(rows(t.conn, "SELECT name, sql FROM sqlite_schema WHERE name LIKE 'docs%' ORDER BY name") == before);
  CHECK(count(t.conn, "SELECT count(*) FROM docs WHERE docs MATCH 'hello'") == 1);
}
