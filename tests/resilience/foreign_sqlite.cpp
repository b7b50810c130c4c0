#include "resilience/foreign_sqlite.hpp"

using namespace sqlite_test;

namespace resilience {

void make_foreign_database(SQLite::Database& db) {
  for (const char* sql : {
           "CREATE TABLE users (id INTEGER NOT NULL PRIMARY KEY, email TEXT NOT NULL, name TEXT)",
           "CREATE TABLE audit (id INTEGER NOT NULL PRIMARY KEY, user_id INTEGER NOT NULL, what TEXT NOT NULL)",
           "CREATE TABLE invoices (id INTEGER NOT NULL PRIMARY KEY, net REAL NOT NULL, tax REAL NOT NULL, "
           "gross REAL GENERATED ALWAYS AS (net + tax) STORED)",
           "CREATE TABLE scores (id INTEGER NOT NULL PRIMARY KEY, points INTEGER NOT NULL CHECK (points >= 0))",
           "CREATE TABLE kv (k TEXT NOT NULL PRIMARY KEY, v TEXT) WITHOUT ROWID",
           "CREATE TABLE measurements (id INTEGER NOT NULL PRIMARY KEY, value REAL) STRICT",
           "CREATE VIRTUAL TABLE docs USING fts5(title, body)",
           "CREATE VIEW named_users AS SELECT id, email, name FROM users WHERE name IS NOT NULL",
           "CREATE TRIGGER users_renamed AFTER UPDATE OF name ON users BEGIN "
           "INSERT INTO audit (user_id, what) VALUES (NEW.id, 'renamed to ' || coalesce(NEW.name, 'nothing')); END",
           "CREATE INDEX users_email_lower ON users (lower(email))",
           "INSERT INTO users VALUES (1, 'Ada@x', 'Ada'), (2, 'bob@x', NULL), (3, 'Cy@x', 'Cy')",
           "INSERT INTO invoices (id, net, tax) VALUES (1, 10.0, 2.5), (2, 4.0, 1.0)",
           "INSERT INTO scores VALUES (1, 5), (2, 0)",
           "INSERT INTO kv VALUES ('a', '1'), ('b', NULL)",
           "INSERT INTO measurements VALUES (1, 0.5), (2, NULL)",
           "INSERT INTO docs (title, body) VALUES ('push', 'dbpush keeps virtual tables'), ('fts', 'full text')",
       })
    db.exec(sql);
}

db::schema foreign_modelled() {
  auto users = tbl("users", {col("id", "INTEGER"), col("email", "TEXT"), col("name", "TEXT", true)});
  auto audit = tbl("audit", {col("id", "INTEGER"), col("user_id", "INTEGER"), col("what", "TEXT")});
  auto invoices = tbl("invoices", {col("id", "INTEGER"), col("net", "REAL"), col("tax", "REAL")});
  auto scores = tbl("scores", {col("id", "INTEGER"), col("points", "INTEGER")});
  auto kv = tbl("kv", {col("k", "TEXT"), col("v", "TEXT", true)}, {"k"});
  auto measurements = tbl("measurements", {col("id", "INTEGER"), col("value", "REAL", true)});
  return sch({users, audit, invoices, scores, kv, measurements});
}

std::optional<std::string> refused_push(temp_db& t, const db::schema& target) {
  const auto before = dump(t.conn);
  try {
    const auto result = db::push(t.conn, target, accepting());
    FAIL_CHECK("the push was not refused; it ran:\n" << result.to_string());
    return std::nullopt;
  } catch (const db::error& e) {
    CHECK(dump(t.conn) == before);
    return std::string(e.what());
  }
}

void check_foreign_objects_work(SQLite::Database& db, bool expression_index) {
  CHECK(rows(db, "SELECT id, name FROM named_users ORDER BY id") == std::vector<std::string>{"1|'Ada'", "3|'Cy'"});
  const auto audited = count(db, "SELECT count(*) FROM audit");
  db.exec("UPDATE users SET name = 'Bob' WHERE id = 2");
  CHECK(count(db, "SELECT count(*) FROM audit") == audited + 1);
  db.exec("UPDATE users SET name = NULL WHERE id = 2");
  CHECK(rows(db, "SELECT gross FROM invoices ORDER BY id") == std::vector<std::string>{"12.5", "5.0"});
  CHECK_THROWS(db.exec("INSERT INTO scores (id, points) VALUES (99, -1)"));
  CHECK(count(db, "SELECT count(*) FROM docs WHERE docs MATCH 'virtual'") == 1);
  if (expression_index) CHECK(count(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'users_email_lower'") == 1);
  CHECK(rows(db, "PRAGMA integrity_check") == std::vector<std::string>{"'ok'"});
}

}  // namespace resilience
