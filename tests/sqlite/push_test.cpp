// Creating tables and pushing again.
#include "sqlite/fixture.hpp"

#include <doctest/doctest.h>

using namespace sqlite_test;

TEST_CASE("sqlite push creates tables, indexes and foreign keys and is idempotent") {
  temp_db t;
  auto r = push_checked(t, blog());
  CHECK(r.changed);
  CHECK(r.steps.size() >= 2);
  seed_blog(t.conn);
  CHECK(count(t.conn, "SELECT count(*) FROM posts") == 4);
  // The foreign key works (the connection enforces them) and cascades.
  CHECK_THROWS(t.conn.exec("INSERT INTO posts (author_id, title) VALUES (99, 'x')"));
  t.conn.exec("DELETE FROM users WHERE id = 1");
  CHECK(count(t.conn, "SELECT count(*) FROM posts") == 2);
  CHECK(count(t.conn, "PRAGMA foreign_keys") == 1);
}
