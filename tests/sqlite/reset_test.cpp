// db::reset of an in-memory database when only rows changed since the last
// reset of the same connection to the same target: the rows are deleted, the
// schema is left alone; anything else takes the full reset.
#include "sqlite/reset_support.hpp"

#include <algorithm>

using namespace sqlite_test;

namespace {

bool ran(const statement_log& log, std::string_view prefix) {
  return std::any_of(log.statements().begin(), log.statements().end(),
                     [&](const std::string& s) { return s.starts_with(prefix); });
}

void check_reset_state(SQLite::Database& conn, const db::schema& target) {
  CHECK(schema_rows(conn) == pushed_schema(target));
  CHECK(count(conn, "SELECT count(*) FROM users") == 0);
  CHECK(count(conn, "SELECT count(*) FROM posts") == 0);
  CHECK(count(conn, "SELECT count(*) FROM sqlite_sequence") == 0);
  CHECK(count(conn, "PRAGMA foreign_keys") == 1);
  // AUTOINCREMENT starts again at 1, and the foreign keys still hold.
  conn.exec("INSERT INTO users (email) VALUES ('first@x')");
  CHECK(count(conn, "SELECT id FROM users") == 1);
  CHECK_THROWS(conn.exec("INSERT INTO posts (author_id, title) VALUES (99, 'x')"));
  conn.exec("DELETE FROM users");
}

// A test case: seeds the blog and runs `sql`; then resets and checks the
// result. Returns whether the rows-only way ran.
bool rows_only_reset_after(memory_connection& m, const std::string& sql) {
  seed_blog(m.conn);
  m.conn.exec(sql);
  statement_log log(m.conn);
  db::sqlite::testing::reset(m.conn, blog());
  const bool rows_only = ran(log, "DELETE FROM \"users\" WHERE true");
  CHECK_FALSE((rows_only && ran(log, "CREATE")));
  check_reset_state(m.conn, blog());
  return rows_only;
}

}  // namespace

TEST_CASE("sqlite reset after a test wrote rows deletes them and keeps the schema") {
  memory_connection m;
  int generated = 0;
  db::push_options options;
  options.generators.push_back([&](const db::schema&, const db::push_result& r) {
    ++generated;
    CHECK(r.reset);
  });
  auto first = db::sqlite::testing::reset(m.conn, blog(), options);
  seed_blog(m.conn);
  statement_log log(m.conn);
  auto second = db::sqlite::testing::reset(m.conn, blog(), options);
  CHECK(ran(log, "DELETE FROM \"users\" WHERE true"));
  CHECK(ran(log, "DELETE FROM \"posts\" WHERE true"));
  CHECK(ran(log, "DELETE FROM \"sqlite_sequence\" WHERE true"));
  CHECK_FALSE(ran(log, "CREATE"));
  CHECK_FALSE(ran(log, "DROP"));
  CHECK(generated == 2);
  CHECK(second.sql == first.sql);
  CHECK(second.steps.size() == first.steps.size());
  CHECK(second.changed);
  check_reset_state(m.conn, blog());
}

TEST_CASE("sqlite reset with nothing written since the last one runs no statement") {
  memory_connection m;
  db::sqlite::testing::reset(m.conn, blog());
  statement_log log(m.conn);
  auto again = db::sqlite::testing::reset(m.conn, blog());
  CHECK(log.statements().empty());
  CHECK(again.reset);
  check_reset_state(m.conn, blog());
  // Rolled-back writes leave nothing to delete either (check_reset_state wrote
  // and deleted a row, so one reset first).
  db::sqlite::testing::reset(m.conn, blog());
  m.conn.exec("BEGIN; INSERT INTO users (email) VALUES ('gone@x'); ROLLBACK");
  statement_log after_rollback(m.conn);
  db::sqlite::testing::reset(m.conn, blog());
  CHECK(after_rollback.statements().empty());
  check_reset_state(m.conn, blog());
}

TEST_CASE("sqlite reset after a test changed sqlite_sequence restarts every counter") {
  memory_connection m;
  db::sqlite::testing::reset(m.conn, blog());
  CHECK(rows_only_reset_after(
      m, "UPDATE sqlite_sequence SET seq = 100; INSERT INTO sqlite_sequence (name, seq) VALUES ('ghost', 5)"));
}

TEST_CASE("sqlite reset after a test changed the schema takes the full reset") {
  memory_connection m;
  db::sqlite::testing::reset(m.conn, blog());
  CHECK_FALSE(rows_only_reset_after(
      m, "ALTER TABLE users ADD COLUMN age INTEGER; CREATE TABLE scratch (x); CREATE INDEX posts_title ON posts (title)"));
  // The full reset was remembered: the next one deletes rows again.
  CHECK(rows_only_reset_after(m, "UPDATE users SET name = 'x'"));
}

TEST_CASE("sqlite reset to another target, or after many rows, takes the full reset") {
  memory_connection m;
  db::sqlite::testing::reset(m.conn, blog());
  auto target = blog();
  target.tables[0].columns.push_back(col("age", "INTEGER", true));
  db::sqlite::testing::reset(m.conn, target);
  CHECK(schema_rows(m.conn) == pushed_schema(target));
  // Column order matters to a reset (schema's operator== ignores it).
  auto reordered = target;
  std::swap(reordered.tables[0].columns[1], reordered.tables[0].columns[2]);
  db::sqlite::testing::reset(m.conn, reordered);
  CHECK(rows(m.conn, "SELECT name FROM pragma_table_info('users')") ==
        std::vector<std::string>{"'id'", "'name'", "'email'", "'age'"});

  db::sqlite::testing::reset(m.conn, blog());
  CHECK_FALSE(rows_only_reset_after(m, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) "
                                       "INSERT INTO users (email) SELECT 'u' || i FROM n"));
}

TEST_CASE("sqlite a connection never inherits the reset state of a closed one") {
  for (int i = 0; i < 3; ++i) {
    memory_connection m;
    if (i > 0) m.conn.exec("CREATE TABLE scratch (x); INSERT INTO scratch VALUES (1)");
    db::sqlite::testing::reset(m.conn, blog());
    CHECK(count(m.conn, "SELECT count(*) FROM sqlite_schema WHERE name = 'scratch'") == 0);
    check_reset_state(m.conn, blog());
  }
}
