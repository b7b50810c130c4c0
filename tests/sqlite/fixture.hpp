// Shared fixture of the SQLite tests: a real database file in a temporary
// directory, a dump of its schema and data for before/after comparisons; the
// builders of hand-written target schemas are support/schema_builders.hpp's.
#pragma once

#include "support/schema_builders.hpp"

#include <dbpush/sqlite.hpp>
#include <dbpush/sqlite/detail/sql_text.hpp>  // quote_identifier
#include <dbpush/sqlite/types.hpp>     // canonicalise

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sqlite_test {

using namespace schema_builders;

struct temp_db {
  temp_db();
  ~temp_db();
  temp_db(const temp_db&) = delete;
  temp_db& operator=(const temp_db&) = delete;

  std::filesystem::path dir;
  std::filesystem::path path;
  SQLite::Database conn;
};

// Every row of sqlite_schema (sqlite_sequence included) and every row of every
// table, values rendered with quote(): equal dumps mean equal schema and data.
std::string dump(SQLite::Database& db);
std::string file_bytes(const std::filesystem::path& path);
// Rows of a query, each value rendered with quote() and joined by '|'.
std::vector<std::string> rows(SQLite::Database& db, const std::string& sql);
long long count(SQLite::Database& db, const std::string& sql);

// Every statement a connection starts while it lives (sqlite3_trace_v2), to tell
// which path a push took.
class statement_log {
 public:
  explicit statement_log(SQLite::Database& db);
  ~statement_log();
  statement_log(const statement_log&) = delete;
  statement_log& operator=(const statement_log&) = delete;
  const std::vector<std::string>& statements() const { return statements_; }
  // Whether the full introspection (db::introspect's reading of sqlite_schema) ran.
  bool introspected() const;

 private:
  static int on_statement(unsigned, void* self, void*, void* sql);
  SQLite::Database& db_;
  std::vector<std::string> statements_;
};

// users(id, email UNIQUE, name NULL) and posts(id, author_id -> users.id CASCADE, title).
db::schema blog();
void seed_blog(SQLite::Database& db);  // 3 users, 4 posts

// Pushes and asserts idempotence: the schema reads back equal to the target and
// a second push has no steps and changes no byte of the file.
db::push_result push_checked(temp_db& t, const db::schema& target, const db::push_options& options = {});

// A database pushed to blog() (checked) and seeded: where most change tests start.
struct seeded_blog : temp_db {
  seeded_blog();
};

// Pushes expecting `Error`; asserts the database (schema and data) is exactly as
// before and foreign key enforcement is back on. Returns the error caught.
template <class Error>
std::optional<Error> refused(temp_db& t, const db::schema& target, const db::push_options& options = {}) {
  const auto before = dump(t.conn);
  std::optional<Error> caught;
  try {
    db::push(t.conn, target, options);
    FAIL("the push was not refused");
  } catch (const Error& e) {
    caught = e;
  }
  CHECK(dump(t.conn) == before);
  CHECK(count(t.conn, "PRAGMA foreign_keys") == 1);
  return caught;
}

// The message of the only finding of a refusal.
std::string only_message(const std::vector<db::finding>& findings);

bool has_statement_starting(const std::vector<std::string>& sql, std::string_view prefix);

db::push_options accepting();

}  // namespace sqlite_test
