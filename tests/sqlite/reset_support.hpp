// Shared by the tests of the statements db::reset keeps prepared on an
// in-memory connection between resets.
#pragma once

#include "sqlite/fixture.hpp"

#include <dbpush/sqlite/testing.hpp>

#include <sqlite3.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sqlite_test {

struct memory_connection {
  explicit memory_connection(bool foreign_keys = true) {
    if (foreign_keys) conn.exec("PRAGMA foreign_keys = ON");
  }
  SQLite::Database conn{":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE};
};

// sqlite_schema, every row: what a reset must leave as a full push left it.
inline std::vector<std::string> schema_rows(SQLite::Database& db) {
  return rows(db, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name");
}

// sqlite_schema as a full push of `target` into an empty database leaves it.
inline std::vector<std::string> pushed_schema(const db::schema& target) {
  memory_connection fresh;
  db::push(fresh.conn, target);
  return schema_rows(fresh.conn);
}

// Statements not finalized on the connection: the ones a reset keeps, since a
// test's own statements are all finalized when it resets.
inline int unfinalized_statements(SQLite::Database& db) {
  int found = 0;
  for (auto* s = sqlite3_next_stmt(db.getHandle(), nullptr); s; s = sqlite3_next_stmt(db.getHandle(), s)) ++found;
  return found;
}

// How often the connection's unfinalized statement starting with `prefix` ran,
// and how often SQLite prepared it again; {-1, -1} when there is none. (A
// DELETE that fires foreign-key actions counts their runs too: ask about a
// table no foreign key references.)
struct statement_runs {
  int runs = -1;
  int reprepared = -1;
  bool operator==(const statement_runs&) const = default;
};
inline statement_runs runs_of(SQLite::Database& db, std::string_view prefix) {
  for (auto* s = sqlite3_next_stmt(db.getHandle(), nullptr); s; s = sqlite3_next_stmt(db.getHandle(), s))
    if (std::string_view(sqlite3_sql(s)).starts_with(prefix))
      return {sqlite3_stmt_status(s, SQLITE_STMTSTATUS_RUN, 0), sqlite3_stmt_status(s, SQLITE_STMTSTATUS_REPREPARE, 0)};
  return {};
}

// A reset left exactly the blog's tables empty, its counters at zero and
// foreign keys as the connection had them.
inline void check_blog_empty(SQLite::Database& db, bool foreign_keys = true) {
  CHECK(count(db, "SELECT count(*) FROM users") == 0);
  CHECK(count(db, "SELECT count(*) FROM posts") == 0);
  CHECK(count(db, "SELECT count(*) FROM sqlite_sequence") == 0);
  CHECK(count(db, "PRAGMA foreign_keys") == (foreign_keys ? 1 : 0));
}

// The statements a rows-only reset keeps: the schema version check, three
// about the journal mode, BEGIN, a DELETE per table and sqlite_sequence, COMMIT.
constexpr int kept_reset_statements(std::size_t tables) { return 7 + static_cast<int>(tables); }
inline constexpr int blog_reset_statements = kept_reset_statements(2);

}  // namespace sqlite_test
