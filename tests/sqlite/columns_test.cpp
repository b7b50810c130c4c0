// Column steps: add, drop, rename, type, nullability, default.
#include "sqlite/fixture.hpp"

using namespace sqlite_test;

namespace {
db::table& users(db::schema& s) { return s.tables[0]; }
}  // namespace

TEST_CASE("sqlite adds a nullable column and a defaulted column without copying the table") {
  seeded_blog t;
  auto target = blog();
  users(target).columns.push_back(col("bio", "TEXT", true));
  users(target).columns.push_back(col("karma", "INTEGER", false, "10"));
  auto r = push_checked(t, target);
  CHECK(r.sql == std::vector<std::string>{"ALTER TABLE \"users\" ADD COLUMN \"bio\" TEXT",
                                          "ALTER TABLE \"users\" ADD COLUMN \"karma\" INTEGER NOT NULL DEFAULT 10"});
  CHECK(rows(t.conn, "SELECT id, email, bio, karma FROM users ORDER BY id") ==
        std::vector<std::string>{"1|'ada@x'|NULL|10", "2|'bob@x'|NULL|10", "3|'cy@x'|NULL|10"});
  CHECK(r.warnings.empty());
}

TEST_CASE("sqlite refuses a required column without default on a non-empty table and adds it to an empty one") {
  temp_db t;
  push_checked(t, blog());
  auto target = blog();
  users(target).columns.push_back(col("age", "INTEGER"));
  seed_blog(t.conn);
  auto e = refused<db::unexecutable_error>(t, target, accepting());
  REQUIRE(e);
  CHECK(only_message(e->findings()) ==
        "Added the required column `age` to the `users` table without a default value. There are 3 rows in this "
        "table, it is not possible to execute this step.");
  t.conn.exec("DELETE FROM posts; DELETE FROM users");
  auto r = push_checked(t, target);
  CHECK(has_statement_starting(r.sql, "CREATE TABLE \"dbpush_new_users\""));
}

TEST_CASE("sqlite adds a column whose default is not constant through a redefinition that keeps the rows") {
  seeded_blog t;
  auto target = blog();
  users(target).columns.push_back(col("joined", "DATETIME", false, "CURRENT_TIMESTAMP"));
  push_checked(t, target);
  CHECK(count(t.conn, "SELECT count(*) FROM users WHERE joined IS NOT NULL") == 3);
  CHECK(rows(t.conn, "SELECT id, email, name FROM users ORDER BY id") ==
        std::vector<std::string>{"1|'ada@x'|'Ada'", "2|'bob@x'|NULL", "3|'cy@x'|'Cy'"});
  CHECK(count(t.conn, "SELECT count(*) FROM posts") == 4);
}

TEST_CASE("sqlite drops a column: warns with the non-null count, silent when all NULL") {
  seeded_blog t;
  auto target = blog();
  users(target).columns.pop_back();  // name
  auto e = refused<db::data_loss_error>(t, target);
  REQUIRE(e);
  CHECK(only_message(e->warnings()) ==
        "You are about to drop the column `name` on the `users` table, which still contains 2 non-null values.");
  auto r = push_checked(t, target, accepting());
  CHECK(r.sql == std::vector<std::string>{"ALTER TABLE \"users\" DROP COLUMN \"name\""});
  REQUIRE(r.warnings.size() == 1);
  CHECK(rows(t.conn, "SELECT * FROM users ORDER BY id") ==
        std::vector<std::string>{"1|'ada@x'", "2|'bob@x'", "3|'cy@x'"});

  t.conn.exec("ALTER TABLE users ADD COLUMN spare TEXT");
  auto quiet = push_checked(t, target);
  CHECK(quiet.warnings.empty());
  CHECK(quiet.sql == std::vector<std::string>{"ALTER TABLE \"users\" DROP COLUMN \"spare\""});
}

TEST_CASE("sqlite renames a column from a hint and keeps its values") {
  seeded_blog t;
  auto target = blog();
  users(target).columns[2].name = "display_name";
  users(target).columns[2].renamed_from = "name";
  auto r = push_checked(t, target);
  CHECK(r.sql == std::vector<std::string>{"ALTER TABLE \"users\" RENAME COLUMN \"name\" TO \"display_name\""});
  CHECK(rows(t.conn, "SELECT display_name FROM users ORDER BY id") == std::vector<std::string>{"'Ada'", "NULL", "'Cy'"});
}

TEST_CASE("sqlite risky cast warns with the non-null count and casts when accepted") {
  temp_db t;
  auto target = sch({tbl("m", {id_col("id", "INTEGER"), col("v", "REAL", true)})});
  push_checked(t, target);
  t.conn.exec("INSERT INTO m (v) VALUES (1.5), (2.0), (NULL)");
  target.tables[0].columns[1].type = "INTEGER";
  auto e = refused<db::data_loss_error>(t, target);
  REQUIRE(e);
  CHECK(only_message(e->warnings()) ==
        "You are about to alter the column `v` on the `m` table, which contains 2 non-null values. The data in that "
        "column will be cast from `REAL` to `INTEGER`.");
  push_checked(t, target, accepting());
  CHECK(rows(t.conn, "SELECT v, typeof(v) FROM m ORDER BY id") ==
        std::vector<std::string>{"1|'integer'", "2|'integer'", "NULL|'null'"});
}

TEST_CASE("sqlite text to integer: refused when values do not cast, a warning when they all do") {
  temp_db t;
  auto target = sch({tbl("m", {id_col("id", "INTEGER"), col("v", "TEXT", true)})});
  push_checked(t, target);
  t.conn.exec("INSERT INTO m (v) VALUES ('12'), ('abc'), (NULL)");
  auto retyped = target;
  retyped.tables[0].columns[1].type = "INTEGER";
  auto e = refused<db::unexecutable_error>(t, retyped, accepting());
  REQUIRE(e);
  CHECK(only_message(e->findings()) ==
        "Changed the type of `v` on the `m` table from `TEXT` to `INTEGER`, but 1 non-null value cannot be cast. It "
        "is not possible to execute this step.");
  t.conn.exec("UPDATE m SET v = '7' WHERE v = 'abc'");
  auto w = refused<db::data_loss_error>(t, retyped);
  REQUIRE(w);
  CHECK(w->warnings().front().count == 2);
  push_checked(t, retyped, accepting());
  CHECK(rows(t.conn, "SELECT v, typeof(v) FROM m ORDER BY id") ==
        std::vector<std::string>{"12|'integer'", "7|'integer'", "NULL|'null'"});
}

TEST_CASE("sqlite safe casts and NOT NULL to nullable change the table silently") {
  temp_db t;
  auto target = sch({tbl("m", {id_col("id", "INTEGER"), col("n", "INTEGER"), col("s", "VARCHAR(10)")})});
  push_checked(t, target);
  t.conn.exec("INSERT INTO m (n, s) VALUES (1, 'a'), (2, 'b')");
  target.tables[0].columns[1] = col("n", "REAL", true);
  target.tables[0].columns[2] = col("s", "TEXT");
  auto r = push_checked(t, target);
  CHECK(r.warnings.empty());
  CHECK(rows(t.conn, "SELECT n, typeof(n), s FROM m ORDER BY id") ==
        std::vector<std::string>{"1.0|'real'|'a'", "2.0|'real'|'b'"});
}

TEST_CASE("sqlite making a column required: refused over NULLs without default, NULLs filled with one") {
  seeded_blog t;
  auto target = blog();
  users(target).columns[2].nullable = false;
  auto e = refused<db::unexecutable_error>(t, target, accepting());
  REQUIRE(e);
  CHECK(only_message(e->findings()) ==
        "Made the column `name` on table `users` required, but there is 1 existing NULL value. Fill the NULL values "
        "first, or declare a default value for the column so the push fills them.");
  users(target).columns[2].default_sql = "'anonymous'";
  auto r = push_checked(t, target);
  CHECK(r.warnings.empty());
  CHECK(rows(t.conn, "SELECT name FROM users ORDER BY id") == std::vector<std::string>{"'Ada'", "'anonymous'", "'Cy'"});
  CHECK(count(t.conn, "SELECT count(*) FROM posts") == 4);
}

TEST_CASE("sqlite changes a default and autoincrement through a redefinition") {
  temp_db t;
  auto target = sch({tbl("m", {id_col("id", "INTEGER"), col("n", "INTEGER", false, "1")})});
  push_checked(t, target);
  t.conn.exec("INSERT INTO m (n) VALUES (5), (6)");
  t.conn.exec("DELETE FROM m WHERE id = 2");
  target.tables[0].columns[1].default_sql = "2";
  auto r = push_checked(t, target);
  CHECK(has_statement_starting(r.sql, "INSERT INTO \"dbpush_new_m\""));
  t.conn.exec("INSERT INTO m DEFAULT VALUES");
  CHECK(rows(t.conn, "SELECT id, n FROM m ORDER BY id") == std::vector<std::string>{"1|5", "3|2"});
  target.tables[0].columns[0].autoincrement = false;
  push_checked(t, target);
  CHECK(count(t.conn, "SELECT count(*) FROM m") == 2);
  CHECK(count(t.conn, "SELECT count(*) FROM sqlite_sequence WHERE name = 'm'") == 0);
}

TEST_CASE("sqlite keeps the rows of a table whose every column is replaced") {
  temp_db t;
  auto target = sch({tbl("log", {col("a", "TEXT", true)}, {})});
  push_checked(t, target);
  t.conn.exec("INSERT INTO log VALUES (NULL), (NULL)");
  auto replaced = sch({tbl("log", {col("at", "DATETIME", false, "CURRENT_TIMESTAMP")}, {})});
  auto r = push_checked(t, replaced);
  CHECK(r.warnings.empty());
  CHECK(count(t.conn, "SELECT count(*) FROM log WHERE at IS NOT NULL") == 2);
}
