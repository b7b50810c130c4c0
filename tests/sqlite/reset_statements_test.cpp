// db::sqlite::testing::reset keeps the statements of a rows-only reset prepared on the
// connection: they run again at each reset, and every way a test can leave the
// database still ends in the pushed schema with no rows.
#include "sqlite/reset_support.hpp"

#include <thread>

using namespace sqlite_test;

namespace {

// AUTOINCREMENT starts again at 1 after a reset.
void check_counter_restarts(SQLite::Database& db) {
  db.exec("INSERT INTO users (email) VALUES ('first@x')");
  CHECK(count(db, "SELECT id FROM users") == 1);
  db.exec("DELETE FROM users");
}

}  // namespace

TEST_CASE("sqlite db::reset without the testing header keeps nothing on the connection") {
  for (const bool foreign_keys : {false, true}) {
    CAPTURE(foreign_keys);
    memory_connection m(foreign_keys);
    db::reset(m.conn, blog());
    for (int round = 1; round <= 3; ++round) {
      seed_blog(m.conn);
      const auto r = db::reset(m.conn, blog());
      CHECK(r.reset);
      CHECK_FALSE(r.sql.empty());  // the DDL ran again: no image, no rows-only shortcut
      check_blog_empty(m.conn, foreign_keys);
      CHECK(unfinalized_statements(m.conn) == 0);
    }
    CHECK(schema_rows(m.conn) == pushed_schema(blog()));
  }
}

TEST_CASE("sqlite resets after writes reuse the statements they keep and leave every table empty") {
  for (const bool foreign_keys : {false, true}) {
    CAPTURE(foreign_keys);
    memory_connection m(foreign_keys);
    db::sqlite::testing::reset(m.conn, blog());
    CHECK(unfinalized_statements(m.conn) == 0);
    for (int round = 1; round <= 3; ++round) {
      seed_blog(m.conn);
      db::sqlite::testing::reset(m.conn, blog());
      check_blog_empty(m.conn, foreign_keys);
      CHECK(unfinalized_statements(m.conn) == blog_reset_statements);
      // Never prepared again: posts is emptied before users, so foreign keys stay on.
      CHECK(runs_of(m.conn, "DELETE FROM \"posts\"") == statement_runs{round, 0});
    }
    CHECK(schema_rows(m.conn) == pushed_schema(blog()));
    check_counter_restarts(m.conn);
    if (foreign_keys) CHECK_THROWS(m.conn.exec("INSERT INTO posts (author_id, title) VALUES (99, 'x')"));
  }
}

TEST_CASE("sqlite reset after a test changed the schema restores the pushed one, then keeps new statements") {
  memory_connection m;
  db::sqlite::testing::reset(m.conn, blog());
  seed_blog(m.conn);
  db::sqlite::testing::reset(m.conn, blog());
  REQUIRE(unfinalized_statements(m.conn) == blog_reset_statements);
  // The kept DELETE of posts names a table that is gone.
  m.conn.exec("DROP TABLE posts; ALTER TABLE users ADD COLUMN age INTEGER; CREATE TABLE scratch (x)");
  m.conn.exec("INSERT INTO scratch VALUES (1); INSERT INTO users (email) VALUES ('z@x')");
  db::sqlite::testing::reset(m.conn, blog());
  CHECK(schema_rows(m.conn) == pushed_schema(blog()));
  check_blog_empty(m.conn);
  // The statements for the old schema were finalized with the full reset.
  CHECK(unfinalized_statements(m.conn) == 0);
  seed_blog(m.conn);
  db::sqlite::testing::reset(m.conn, blog());
  check_blog_empty(m.conn);
  CHECK(unfinalized_statements(m.conn) == blog_reset_statements);
  CHECK(runs_of(m.conn, "DELETE FROM \"posts\"").runs == 1);
}

TEST_CASE("sqlite reset after a test added a view and a trigger takes the long way, as before") {
  memory_connection m;
  db::sqlite::testing::reset(m.conn, blog());
  seed_blog(m.conn);
  db::sqlite::testing::reset(m.conn, blog());
  m.conn.exec("CREATE VIEW titles AS SELECT title FROM posts");
  m.conn.exec("CREATE TRIGGER stamp AFTER INSERT ON users BEGIN UPDATE users SET name = 'x' WHERE id = new.id; END");
  for (int round = 0; round < 2; ++round) {
    seed_blog(m.conn);
    statement_log log(m.conn);
    db::sqlite::testing::reset(m.conn, blog());
    CHECK(has_statement_starting(log.statements(), "DROP TABLE"));
    check_blog_empty(m.conn);
    // A reset keeps views; the trigger went with its table.
    CHECK(rows(m.conn, "SELECT type, name FROM sqlite_schema WHERE type IN ('view', 'trigger')") ==
          std::vector<std::string>{"'view'|'titles'"});
  }
  m.conn.exec("DROP VIEW titles");
  db::sqlite::testing::reset(m.conn, blog());
  CHECK(schema_rows(m.conn) == pushed_schema(blog()));
  seed_blog(m.conn);
  statement_log log(m.conn);
  db::sqlite::testing::reset(m.conn, blog());
  CHECK_FALSE(has_statement_starting(log.statements(), "DROP TABLE"));
  check_blog_empty(m.conn);
  check_counter_restarts(m.conn);
}

TEST_CASE("sqlite two connections resetting alternately keep their own statements") {
  memory_connection first;
  memory_connection second(false);
  auto bigger = blog();
  bigger.tables.push_back(tbl("tags", {id_col("id", "INTEGER"), col("label", "TEXT")}));
  db::sqlite::testing::reset(first.conn, blog());
  db::sqlite::testing::reset(second.conn, bigger);
  for (int round = 1; round <= 3; ++round) {
    seed_blog(first.conn);
    seed_blog(second.conn);
    second.conn.exec("INSERT INTO tags (label) VALUES ('t')");
    db::sqlite::testing::reset(first.conn, blog());
    check_blog_empty(first.conn);
    // The first connection's reset deleted nothing of the second's.
    CHECK(count(second.conn, "SELECT count(*) FROM posts") == 4);
    db::sqlite::testing::reset(second.conn, bigger);
    check_blog_empty(second.conn, false);
    CHECK(count(second.conn, "SELECT count(*) FROM tags") == 0);
    CHECK(unfinalized_statements(first.conn) == blog_reset_statements);
    CHECK(unfinalized_statements(second.conn) == blog_reset_statements + 1);
    CHECK(runs_of(first.conn, "DELETE FROM \"posts\"").runs == round);
    CHECK(runs_of(second.conn, "DELETE FROM \"tags\"").runs == round);
  }
}

TEST_CASE("sqlite connections reset and closed on several threads at once") {
  // A close disconnects the keeper, which takes the process-wide lock that
  // resets on other threads take too; none may wait for the other.
  constexpr int threads = 4;
  constexpr int connections_per_thread = 25;
  std::vector<int> emptied(threads, 0);
  std::vector<std::thread> running;
  for (int t = 0; t < threads; ++t)
    running.emplace_back([t, &emptied] {
      for (int c = 0; c < connections_per_thread; ++c) {
        memory_connection m(t % 2 == 0);
        db::sqlite::testing::reset(m.conn, blog());
        for (int round = 0; round < 3; ++round) {
          seed_blog(m.conn);
          db::sqlite::testing::reset(m.conn, blog());
        }
        const bool kept = unfinalized_statements(m.conn) == blog_reset_statements;
        const bool empty = m.conn.execAndGet("SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM posts)").getInt() == 0;
        emptied[t] += kept && empty;
      }
    });
  for (auto& thread : running) thread.join();
  CHECK(emptied == std::vector<int>(threads, connections_per_thread));
}

TEST_CASE("sqlite reset gives the in-memory database its rollback journal back, and touches no other journal") {
  memory_connection m;
  temp_db attached;
  attached.conn.exec("CREATE TABLE kept (x); INSERT INTO kept VALUES (1)");
  m.conn.exec("ATTACH DATABASE '" + attached.path.string() + "' AS other; PRAGMA other.journal_mode = TRUNCATE");
  db::sqlite::testing::reset(m.conn, blog());
  for (int round = 0; round < 2; ++round) {
    seed_blog(m.conn);
    db::sqlite::testing::reset(m.conn, blog());
    check_blog_empty(m.conn);
    CHECK(rows(m.conn, "PRAGMA main.journal_mode") == std::vector<std::string>{"'memory'"});
    CHECK(rows(m.conn, "PRAGMA other.journal_mode") == std::vector<std::string>{"'truncate'"});
    CHECK(count(m.conn, "SELECT count(*) FROM other.kept") == 1);
    // A test's rollback still undoes its writes.
    m.conn.exec("BEGIN; INSERT INTO users (email) VALUES ('gone@x'); DELETE FROM other.kept; ROLLBACK");
    CHECK(count(m.conn, "SELECT count(*) FROM users") == 0);
    CHECK(count(m.conn, "SELECT count(*) FROM other.kept") == 1);
  }
  CHECK(unfinalized_statements(m.conn) == blog_reset_statements);

  // A journal the test switched off itself stays off.
  m.conn.exec("PRAGMA main.journal_mode = OFF");
  seed_blog(m.conn);
  db::sqlite::testing::reset(m.conn, blog());
  check_blog_empty(m.conn);
  CHECK(rows(m.conn, "PRAGMA main.journal_mode") == std::vector<std::string>{"'off'"});
}
