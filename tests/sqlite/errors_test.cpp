// Databases that cannot be read or written, and pushes inside a user's transaction.
#include "sqlite/fixture.hpp"

#include <fstream>

using namespace sqlite_test;

TEST_CASE("sqlite read-only database: database_error that says so, nothing changed") {
  temp_db t;
  push_checked(t, blog());
  SQLite::Database reader(t.path.string(), SQLite::OPEN_READONLY);
  auto target = blog();
  target.tables[0].columns.push_back(col("bio", "TEXT", true));
  try {
    db::push(reader, target);
    FAIL("pushed through a read-only connection");
  } catch (const db::database_error& e) {
    CHECK(std::string(e.what()).find("is read-only") != std::string::npos);
  }
  CHECK(db::introspect(t.conn).find_table("users")->find_column("bio") == nullptr);
  // In sync: a read-only replica's start-up push succeeds.
  CHECK_FALSE(db::push(reader, blog()).changed);
}

TEST_CASE("sqlite file that is not a database: database_error that says so") {
  temp_db t;
  const auto path = t.dir / "garbage.db";
  {
    std::ofstream out(path, std::ios::binary);
    out << std::string(4096, 'x');
  }
  SQLite::Database conn(path.string(), SQLite::OPEN_READWRITE);
  try {
    db::push(conn, blog());
    FAIL("pushed into a file that is not a database");
  } catch (const db::database_error& e) {
    CHECK(std::string(e.what()).find("is not a SQLite database") != std::string::npos);
  }
  CHECK(file_bytes(path) == std::string(4096, 'x'));
}

TEST_CASE("sqlite database locked by another writer: database_error after waiting") {
  temp_db t;
  push_checked(t, blog());
  SQLite::Database other(t.path.string(), SQLite::OPEN_READWRITE);
  other.exec("BEGIN EXCLUSIVE");
  auto target = blog();
  target.tables[0].columns.push_back(col("bio", "TEXT", true));
  try {
    db::push(t.conn, target);
    FAIL("pushed while another connection held the lock");
  } catch (const db::database_error& e) {
    CHECK(std::string(e.what()).find("is locked") != std::string::npos);
  }
  other.exec("ROLLBACK");
  CHECK(count(t.conn, "PRAGMA foreign_keys") == 1);
  push_checked(t, target);
}

TEST_CASE("sqlite refuses to push inside a transaction the caller opened") {
  temp_db t;
  t.conn.exec("BEGIN");
  CHECK_THROWS_WITH_AS(db::push(t.conn, blog()),
                       "dbpush: cannot push inside a transaction already open on this connection; commit or roll it "
                       "back first.",
                       db::error);
  t.conn.exec("ROLLBACK");
  CHECK(count(t.conn, "PRAGMA foreign_keys") == 1);
}

TEST_CASE("sqlite statement failing half-way rolls everything back") {
  seeded_blog t;
  auto target = blog();
  target.tables[0].columns.push_back(col("bio", "TEXT", true));
  // A partial unique index is not probed; the duplicates make CREATE UNIQUE INDEX fail.
  auto partial = unique_index({"name"}, "one name");
  partial.where = "name IS NOT NULL";
  target.tables[0].indexes.push_back(partial);
  t.conn.exec("UPDATE users SET name = 'Ada'");
  auto e = refused<db::error>(t, target);
  REQUIRE(e);
  CHECK(std::string(e->what()).find("UNIQUE constraint failed") != std::string::npos);
}

TEST_CASE("sqlite refuses to rebuild a table whose definition has parts dbpush does not model") {
  temp_db t;
  t.conn.exec("CREATE TABLE scores (id INTEGER NOT NULL PRIMARY KEY, points INTEGER NOT NULL CHECK (points >= 0), "
              "nick TEXT COLLATE NOCASE)");
  t.conn.exec("INSERT INTO scores VALUES (1, 5, 'ada')");
  auto target = sch({tbl("scores", {col("id", "INTEGER"), col("points", "REAL"), col("nick", "TEXT", true)})});
  const auto error = refused<db::error>(t, target, accepting());
  REQUIRE(error);
  CHECK(std::string(error->what()) ==
        "dbpush: these changes need SQLite to rebuild (copy) tables whose definitions have parts dbpush does not "
        "model, and the rebuilt tables would lose them silently; nothing was changed:\n"
        "  - table `scores` has a CHECK constraint, a COLLATE clause\n"
        "Remove those parts from the tables by hand first, or list the tables in ignore_tables.");
  // Changes SQLite makes in place do not rebuild the table, so they still apply.
  target.tables[0].columns[1].type = "INTEGER";
  target.tables[0].columns.push_back(col("level", "INTEGER", true));
  CHECK(db::push(t.conn, target).changed);
  CHECK(rows(t.conn, "SELECT points, nick, level FROM scores") == std::vector<std::string>{"5|'ada'|NULL"});
  CHECK(count(t.conn, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%CHECK (points >= 0)%'") == 1);
}

TEST_CASE("sqlite unreproducible_parts names what a rebuild would drop, and nothing dbpush writes itself") {
  CHECK(db::sqlite::detail::unreproducible_parts(
            "CREATE TABLE t (a INTEGER, b TEXT CONSTRAINT \"dbpush_enum:Role\" CHECK (\"b\" IN ('x')), "
            "c INTEGER DEFAULT (CAST(1 AS INTEGER)))")
            .empty());
  CHECK(db::sqlite::detail::unreproducible_parts("CREATE TABLE t (a INTEGER PRIMARY KEY, b INTEGER AS (a * 2)) WITHOUT ROWID") ==
        std::vector<std::string>{"a generated column", "WITHOUT ROWID"});
  CHECK(db::sqlite::detail::unreproducible_parts("CREATE TABLE t (a INTEGER GENERATED ALWAYS AS (1) STORED) STRICT") ==
        std::vector<std::string>{"a generated column", "STRICT"});
}
