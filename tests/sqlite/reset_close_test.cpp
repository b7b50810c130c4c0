// Statements db::reset keeps prepared on a connection do not stop SQLiteCpp
// closing it: sqlite3_close (not _v2) refuses, and leaks the connection, while
// any statement is unfinalized. SQLite's memory counter shows whether the close
// released everything: this test binary runs one test case at a time on one thread.
#include "sqlite/reset_support.hpp"

using namespace sqlite_test;

namespace {

// Resets in a way that keeps statements, then closes; the memory the
// connection held while open.
sqlite3_int64 resets_then_close(int rounds, void (*between)(SQLite::Database&) = nullptr) {
  memory_connection m;
  db::sqlite::testing::reset(m.conn, blog());
  for (int round = 0; round < rounds; ++round) {
    seed_blog(m.conn);
    if (between) between(m.conn);
    db::sqlite::testing::reset(m.conn, blog());
  }
  check_blog_empty(m.conn);
  CHECK(unfinalized_statements(m.conn) == (rounds > 0 ? blog_reset_statements : 0));
  return sqlite3_memory_used();
}

void drop_every_module(SQLite::Database& db) { sqlite3_drop_modules(db.getHandle(), nullptr); }

}  // namespace

TEST_CASE("sqlite closing a connection after resets releases all its memory") {
  // The first reset of blog() in the process saves its image, which stays.
  resets_then_close(1);
  const auto before = sqlite3_memory_used();
  CHECK(resets_then_close(3) > before);
  CHECK(sqlite3_memory_used() == before);
  CHECK(resets_then_close(0) > before);
  CHECK(sqlite3_memory_used() == before);
}

TEST_CASE("sqlite statements dropped with the reset's module are kept again by the next reset") {
  resets_then_close(1);
  const auto before = sqlite3_memory_used();
  // Dropping the module disconnects its table, which finalizes the statements;
  // the reset that follows keeps new ones, and the close still releases them.
  CHECK(resets_then_close(3, &drop_every_module) > before);
  CHECK(sqlite3_memory_used() == before);
}
