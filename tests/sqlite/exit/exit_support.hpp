// Shared by the programs that end with a reset in-memory connection still open
// (tests/sqlite/exit/*.cpp): each must exit 0 with nothing on stderr, whatever
// order the C++ runtime destroys the connection and dbpush's own state in.
#pragma once

#include <dbpush/sqlite.hpp>
#include <dbpush/sqlite/testing.hpp>

#include <SQLiteCpp/Database.h>

#include <string>

namespace exit_test {

inline SQLite::Database memory_connection() {
  SQLite::Database conn(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  conn.exec("PRAGMA foreign_keys = ON");
  return conn;
}

// Two tables, one referencing the other; `extra_column` makes a second target.
inline db::schema blog(bool extra_column = false) {
  db::table users{.name = "users",
                  .columns = {{.name = "id", .type = "INTEGER", .autoincrement = true},
                              {.name = "email", .type = "TEXT"}},
                  .primary_key = {"id"},
                  .indexes = {{.columns = {"email"}, .unique = true}}};
  if (extra_column) users.columns.push_back({.name = "bio", .type = "TEXT", .nullable = true});
  db::table posts{.name = "posts",
                  .columns = {{.name = "id", .type = "INTEGER", .autoincrement = true},
                              {.name = "user_id", .type = "INTEGER"}},
                  .primary_key = {"id"},
                  .foreign_keys = {{.columns = {"user_id"}, .referenced_table = "users", .referenced_columns = {"id"}}}};
  return db::schema{.tables = {users, posts}};
}

// Resets as a test suite does: the first reset saves the image, the ones after
// a test wrote rows keep their DELETE statements prepared on the connection.
inline void use_like_a_test_suite(SQLite::Database& conn, bool extra_column = false) {
  for (int test = 0; test < 3; ++test) {
    db::sqlite::testing::reset(conn, blog(extra_column));
    conn.exec("INSERT INTO users (email) VALUES ('a@example.com')");
    conn.exec("INSERT INTO posts (user_id) VALUES (1)");
  }
  db::sqlite::testing::reset(conn, blog(extra_column));
}

}  // namespace exit_test
