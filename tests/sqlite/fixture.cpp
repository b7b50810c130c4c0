#include "sqlite/fixture.hpp"

#include <doctest/doctest.h>

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace sqlite_test {

namespace {
std::filesystem::path fresh_dir() {
  static std::atomic<int> counter{0};
  auto dir = std::filesystem::temp_directory_path() /
             ("dbpush-sqlite-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}
}  // namespace

temp_db::temp_db()
    : dir(fresh_dir()), path(dir / "test.db"), conn(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE) {
  conn.exec("PRAGMA foreign_keys = ON");
}

temp_db::~temp_db() {
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

statement_log::statement_log(SQLite::Database& db) : db_(db) {
  sqlite3_trace_v2(db_.getHandle(), SQLITE_TRACE_STMT, &statement_log::on_statement, this);
}

statement_log::~statement_log() { sqlite3_trace_v2(db_.getHandle(), 0, nullptr, nullptr); }

int statement_log::on_statement(unsigned, void* self, void*, void* sql) {
  static_cast<statement_log*>(self)->statements_.emplace_back(static_cast<const char*>(sql));
  return 0;
}

bool statement_log::introspected() const {
  // Introspection's first statement reads the index rows of sqlite_schema
  // beside the tables; the fast path's reads every row without a condition.
  for (const auto& s : statements_)
    if (s.find("m.type = 'index'") != std::string::npos) return true;
  return false;
}

std::vector<std::string> rows(SQLite::Database& db, const std::string& sql) {
  SQLite::Statement q(db, sql);
  std::vector<std::string> out;
  while (q.executeStep()) {
    std::string row;
    for (int i = 0; i < q.getColumnCount(); ++i) {
      if (i) row += "|";
      auto c = q.getColumn(i);
      if (c.isNull()) row += "NULL";
      else if (c.isText()) row += "'" + c.getString() + "'";
      else row += c.getString();
    }
    out.push_back(std::move(row));
  }
  return out;
}

long long count(SQLite::Database& db, const std::string& sql) { return db.execAndGet(sql).getInt64(); }

std::string dump(SQLite::Database& db) {
  std::string out;
  std::vector<std::string> tables;
  for (const auto& r : rows(db, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name")) out += r + "\n";
  // A WITHOUT ROWID table has no rowid; it returns its rows in key order.
  std::vector<bool> without_rowid;
  SQLite::Statement q(db, "SELECT m.name, coalesce(l.wr, 0) FROM sqlite_schema AS m LEFT JOIN pragma_table_list AS l "
                          "ON l.schema = 'main' AND l.name = m.name WHERE m.type = 'table' ORDER BY m.name");
  while (q.executeStep()) {
    tables.push_back(q.getColumn(0).getString());
    without_rowid.push_back(q.getColumn(1).getInt() != 0);
  }
  for (std::size_t i = 0; i < tables.size(); ++i) {
    out += "-- " + tables[i] + "\n";
    for (const auto& r : rows(db, "SELECT * FROM " + db::sqlite::detail::quote_identifier(tables[i]) +
                                      (without_rowid[i] ? "" : " ORDER BY rowid")))
      out += r + "\n";
  }
  return out;
}

std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

db::schema blog() {
  auto users = tbl("users", {id_col("id", "INTEGER"), col("email", "TEXT"), col("name", "TEXT", true)});
  users.indexes.push_back(unique_index({"email"}));
  auto posts = tbl("posts", {id_col("id", "INTEGER"), col("author_id", "INTEGER"), col("title", "TEXT")});
  posts.foreign_keys.push_back(references({"author_id"}, "users", {"id"}, db::referential_action::cascade));
  posts.indexes.push_back(plain_index({"author_id"}));
  return sch({users, posts});
}

void seed_blog(SQLite::Database& db) {
  db.exec("INSERT INTO users (id, email, name) VALUES (1, 'ada@x', 'Ada'), (2, 'bob@x', NULL), (3, 'cy@x', 'Cy')");
  db.exec("INSERT INTO posts (id, author_id, title) VALUES (1, 1, 'a'), (2, 1, 'b'), (3, 2, 'c'), (4, 3, 'd')");
}

db::push_result push_checked(temp_db& t, const db::schema& target, const db::push_options& options) {
  auto result = db::push(t.conn, target, options);
  auto canonical = target;
  db::sqlite::detail::canonicalise(canonical);
  db::normalise(canonical);
  auto live = db::introspect(t.conn, options);
  CHECK_MESSAGE(live == canonical, "read back:\n" << live << "target:\n" << canonical);
  // data_version changes when another connection commits: watch from a second one.
  SQLite::Database observer(t.path.string(), SQLite::OPEN_READONLY);
  const auto bytes = file_bytes(t.path);
  const auto modified = std::filesystem::last_write_time(t.path);
  const auto version = count(observer, "PRAGMA data_version");
  auto again_options = options;
  again_options.force_reset = false;
  auto again = db::push(t.conn, target, again_options);
  CHECK_MESSAGE(again.steps.empty(), "second push: " << again.to_string());
  CHECK(again.sql.empty());
  CHECK_FALSE(again.changed);
  // The push above may have taken the no-op fast path; a plan always introspects
  // and diffs, so the full path is checked as well.
  auto p = db::plan(t.conn, target, again_options);
  CHECK_MESSAGE(p.empty(), "plan after the push: " << p.to_string());
  CHECK(file_bytes(t.path) == bytes);
  CHECK(std::filesystem::last_write_time(t.path) == modified);
  CHECK(count(observer, "PRAGMA data_version") == version);
  return result;
}

seeded_blog::seeded_blog() {
  push_checked(*this, blog());
  seed_blog(conn);
}

std::string only_message(const std::vector<db::finding>& findings) {
  REQUIRE(findings.size() == 1);
  return findings.front().message;
}

bool has_statement_starting(const std::vector<std::string>& sql, std::string_view prefix) {
  for (const auto& s : sql)
    if (s.starts_with(prefix)) return true;
  return false;
}

db::push_options accepting() {
  db::push_options o;
  o.accept_data_loss = true;
  return o;
}

}  // namespace sqlite_test
