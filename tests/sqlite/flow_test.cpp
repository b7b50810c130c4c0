// The push options: plan/apply, force_reset, reset, ignore_tables, generators, on_sql.
#include "sqlite/fixture.hpp"

#include <dbpush/sqlite/testing.hpp>

using namespace sqlite_test;

TEST_CASE("sqlite plan changes nothing and apply runs exactly the plan") {
  seeded_blog t;
  auto target = blog();
  target.tables[0].columns.pop_back();
  const auto before = dump(t.conn);
  auto p = db::plan(t.conn, target);
  CHECK(dump(t.conn) == before);
  REQUIRE(p.diff.steps.size() == 1);
  CHECK(p.sql == std::vector<std::string>{"ALTER TABLE \"users\" DROP COLUMN \"name\""});
  CHECK(only_message(p.warnings) ==
        "You are about to drop the column `name` on the `users` table, which still contains 2 non-null values.");
  CHECK_THROWS_AS(db::apply(t.conn, p), db::data_loss_error);
  CHECK(dump(t.conn) == before);
  auto r = db::apply(t.conn, p, accepting());
  CHECK(r.sql == p.sql);
  CHECK(r.changed);
  CHECK(db::introspect(t.conn).find_table("users")->find_column("name") == nullptr);
}

TEST_CASE("sqlite apply refuses a plan made before the database changed") {
  seeded_blog t;
  auto target = blog();
  target.tables[0].columns.pop_back();
  auto p = db::plan(t.conn, target);
  t.conn.exec("UPDATE users SET name = 'Bob' WHERE id = 2");  // 3 non-null values now, the plan said 2
  const auto before = dump(t.conn);
  CHECK_THROWS_AS(db::apply(t.conn, p, accepting()), db::stale_plan_error);
  CHECK(dump(t.conn) == before);
  t.conn.exec("CREATE TABLE extra (x)");
  auto fresh = db::plan(t.conn, target);
  t.conn.exec("DROP TABLE extra");
  CHECK_THROWS_AS(db::apply(t.conn, fresh, accepting()), db::stale_plan_error);
}

TEST_CASE("sqlite force_reset drops everything but ignored tables; reset empties and pushes") {
  seeded_blog t;
  t.conn.exec("CREATE TABLE external (x TEXT); INSERT INTO external VALUES ('keep me')");
  db::push_options options;
  options.ignore_tables = {"external"};
  auto target = blog();
  target.tables[0].columns.push_back(col("age", "INTEGER"));
  REQUIRE(refused<db::unexecutable_error>(t, target, options));
  options.force_reset = true;
  auto r = db::push(t.conn, target, options);
  CHECK(r.reset);
  CHECK(r.changed);
  CHECK(count(t.conn, "SELECT count(*) FROM users") == 0);
  CHECK(count(t.conn, "SELECT count(*) FROM posts") == 0);
  CHECK(rows(t.conn, "SELECT x FROM external") == std::vector<std::string>{"'keep me'"});
  options.force_reset = false;
  push_checked(t, target, options);

  t.conn.exec("INSERT INTO users (email, age) VALUES ('ada@x', 1)");
  auto again = db::reset(t.conn, target, options);
  CHECK(again.reset);
  CHECK(count(t.conn, "SELECT count(*) FROM users") == 0);
  CHECK(db::introspect(t.conn, options) == db::introspect(t.conn, options));
  CHECK(rows(t.conn, "SELECT x FROM external") == std::vector<std::string>{"'keep me'"});
}

TEST_CASE("sqlite ignore_tables are neither read nor touched") {
  temp_db t;
  t.conn.exec("CREATE TABLE legacy (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO legacy (v) VALUES ('old')");
  db::push_options options;
  options.ignore_tables = {"legacy"};
  const auto legacy_sql = rows(t.conn, "SELECT sql FROM sqlite_schema WHERE name = 'legacy'");
  auto r = push_checked(t, blog(), options);
  for (const auto& s : r.sql) CHECK(s.find("legacy") == std::string::npos);
  CHECK(rows(t.conn, "SELECT sql FROM sqlite_schema WHERE name = 'legacy'") == legacy_sql);
  CHECK(rows(t.conn, "SELECT v FROM legacy") == std::vector<std::string>{"'old'"});
  // Without the option, the same table is dbpush's to drop.
  auto p = db::plan(t.conn, blog());
  REQUIRE(p.diff.steps.size() == 1);
  CHECK(p.diff.steps[0].kind == db::step_kind::drop_table);
}

TEST_CASE("sqlite generators run after a push unless skip_generate, and on_sql sees every statement") {
  temp_db t;
  int runs = 0;
  bool saw_changed = false;
  std::vector<std::string> seen;
  db::push_options options;
  options.generators.push_back([&](const db::schema& target, const db::push_result& r) {
    ++runs;
    saw_changed = r.changed && target.find_table("users");
  });
  options.on_sql = [&](const std::string& sql) { seen.push_back(sql); };
  auto r = db::push(t.conn, blog(), options);
  CHECK(runs == 1);
  CHECK(saw_changed);
  CHECK(seen == r.sql);
  CHECK(seen.size() == 4);  // two tables, two indexes
  db::push(t.conn, blog(), options);
  CHECK(runs == 2);  // a push that confirms the schema runs them too
  options.skip_generate = true;
  db::push(t.conn, blog(), options);
  CHECK(runs == 2);
  CHECK(seen.size() == 4);
}

TEST_CASE("sqlite push summary says what happened") {
  temp_db t;
  auto r = db::push(t.conn, blog());
  CHECK(r.to_string().starts_with("Your database is now in sync with the models."));
  CHECK(db::push(t.conn, blog()).to_string() == "The database is already in sync with the models.");
}

TEST_CASE("sqlite a no-op push in WAL mode writes nothing, not even to the WAL") {
  temp_db t;
  t.conn.exec("PRAGMA journal_mode = WAL");
  push_checked(t, blog());
  seed_blog(t.conn);
  t.conn.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  const auto wal = t.path.string() + "-wal";
  const auto before = file_bytes(wal);
  CHECK_FALSE(db::push(t.conn, blog()).changed);
  CHECK(file_bytes(wal) == before);
}

TEST_CASE("sqlite reset of an in-memory database restores the image of the first reset") {
  SQLite::Database conn(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  conn.exec("PRAGMA foreign_keys = ON");
  int generated = 0;
  db::push_options options;
  options.generators.push_back([&](const db::schema&, const db::push_result&) { ++generated; });
  auto first = db::sqlite::testing::reset(conn, blog(), options);
  seed_blog(conn);
  conn.exec("CREATE TABLE scratch (x)");
  auto second = db::sqlite::testing::reset(conn, blog(), options);
  CHECK(generated == 2);
  CHECK(second.sql == first.sql);
  CHECK(second.reset);
  CHECK(count(conn, "SELECT count(*) FROM users") == 0);
  CHECK(count(conn, "SELECT count(*) FROM sqlite_schema WHERE name = 'scratch'") == 0);
  auto expected = blog();
  db::sqlite::detail::canonicalise(expected);
  db::normalise(expected);
  CHECK(db::introspect(conn) == expected);
  seed_blog(conn);  // the restored tables work, keys included
  CHECK_THROWS(conn.exec("INSERT INTO posts (author_id, title) VALUES (99, 'x')"));
  CHECK_FALSE(db::push(conn, blog()).changed);

  // A database with a view is reset the long way, which keeps the view.
  conn.exec("CREATE VIEW emails AS SELECT 1");
  db::sqlite::testing::reset(conn, blog());
  CHECK(count(conn, "SELECT count(*) FROM emails") == 1);
}
