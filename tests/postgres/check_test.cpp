// Destructive-change checks answered by COUNT queries, and refusals that leave
// the schema and data exactly as they were (compared with pg_dump).
#include "pg_fixture.hpp"

using pgtest::col;
using pgtest::id_col;
using pgtest::tbl;

namespace {

db::schema users_posts(bool with_posts, bool with_bio) {
  db::schema s;
  auto users = tbl("users", {id_col(), col("email", "text")});
  if (with_bio) users.columns.push_back(col("bio", "text", true));
  s.tables.push_back(users);
  if (with_posts) s.tables.push_back(tbl("posts", {id_col(), col("user_id", "bigint")}));
  return s;
}

db::schema single_posts() {
  db::schema s;
  s.tables.push_back(tbl("posts", {id_col(), col("user_id", "bigint", true)}));
  return s;
}

}  // namespace

TEST_CASE("dropping a table with rows and a column with values warns with the counts") {
  pgtest::fixture f;
  f.push(users_posts(true, true));
  f.exec("INSERT INTO " + f.q("users") + " (email, bio) VALUES ('a', 'x'), ('b', NULL), ('c', 'y')");
  f.exec("INSERT INTO " + f.q("posts") + " (user_id) VALUES (1), (2)");
  auto message = f.refused<db::data_loss_error>(users_posts(false, false)).what;
  CHECK(message ==
        "There might be data loss when applying the changes:\n\n"
        "  - You are about to drop the `posts` table, which is not empty (2 rows).\n"
        "  - You are about to drop the column `bio` on the `users` table, which still contains 2 non-null values.\n\n"
        "Use accept_data_loss (push_options{.accept_data_loss = true}) to apply anyway.");
  auto r = f.push(users_posts(false, false), true);
  CHECK(r.warnings.size() == 2);
  CHECK(f.live() == [] { auto s = users_posts(false, false); db::postgres::detail::canonicalise(s); db::normalise(s); return s; }());
  f.check_idempotent(users_posts(false, false));
}

TEST_CASE("empty tables and all-NULL columns are dropped without a warning") {
  pgtest::fixture f;
  f.push(users_posts(true, true));
  f.exec("INSERT INTO " + f.q("users") + " (email) VALUES ('a')");
  auto r = f.push(users_posts(false, false));
  CHECK(r.warnings.empty());
  CHECK(r.changed);
}

TEST_CASE("a unique index over duplicates is refused; over clean data it applies") {
  pgtest::fixture f;
  f.push(users_posts(false, false));
  f.exec("INSERT INTO " + f.q("users") + " (email) VALUES ('a'), ('a'), ('a'), ('b')");
  auto target = users_posts(false, false);
  target.tables[0].indexes.push_back({"", {"email"}, true, std::nullopt, false});
  auto message = f.refused<db::unexecutable_error>(target, true).what;
  CHECK(message.find("A unique index `users_email_key` on table `users` (columns `email`) cannot be created: "
                     "3 rows have duplicate values.") != std::string::npos);
  f.exec("DELETE FROM " + f.q("users") + " WHERE id IN (2, 3)");
  f.push(target);
  f.check_idempotent(target);
}

TEST_CASE("a foreign key over orphans is refused; once they are gone it applies") {
  pgtest::fixture f;
  f.push(users_posts(true, false));
  f.exec("INSERT INTO " + f.q("users") + " (email) VALUES ('a')");
  f.exec("INSERT INTO " + f.q("posts") + " (user_id) VALUES (1), (7), (8)");
  auto target = users_posts(true, false);
  target.tables[1].foreign_keys.push_back({"", {"user_id"}, "users", {"id"}, {}, {}});
  auto message = f.refused<db::unexecutable_error>(target, true).what;
  CHECK(message.find("The foreign key `posts_user_id_fkey` on table `posts` cannot be added: 2 rows of "
                     "`posts` reference no row of `users`.") != std::string::npos);
  f.exec("DELETE FROM " + f.q("posts") + " WHERE user_id > 1");
  f.push(target);
  f.check_idempotent(target);
}

TEST_CASE("a foreign key to a table created in the same push: rows with a key are orphans") {
  pgtest::fixture f;
  f.push(single_posts());
  f.exec("INSERT INTO " + f.q("posts") + " (user_id) VALUES (1), (NULL), (2)");
  auto target = users_posts(true, false);
  target.tables[1].columns[1].nullable = true;
  target.tables[1].foreign_keys.push_back({"", {"user_id"}, "users", {"id"}, {}, {}});
  auto refusal = f.refused<db::unexecutable_error>(target, true);
  REQUIRE(refusal.findings.size() == 1);
  CHECK(refusal.findings[0].message ==
        "The foreign key `posts_user_id_fkey` on table `posts` cannot be added: 2 rows of `posts` reference no row of `users`.");
  f.exec("DELETE FROM " + f.q("posts") + " WHERE user_id IS NOT NULL");
  f.push(target);
  f.check_idempotent(target);
}

TEST_CASE("a new primary key over NULLs is refused with the count") {
  pgtest::fixture f;
  auto keyless = users_posts(false, false);
  keyless.tables[0].columns.push_back(col("code", "text", true));
  f.push(keyless);
  f.exec("INSERT INTO " + f.q("users") + " (email, code) VALUES ('a', NULL), ('b', 'x')");
  auto keyed = keyless;
  keyed.tables[0].primary_key = {"code"};
  auto refusal = f.refused<db::unexecutable_error>(keyed, true);
  // Key columns become NOT NULL, which the NULL refuses too.
  REQUIRE(refusal.findings.size() == 2);
  CHECK(refusal.findings[0].message ==
        "Made the column `code` on table `users` required, but there is 1 existing NULL value. Fill the NULL values "
        "first, or declare a default value for the column so the push fills them.");
  CHECK(refusal.findings[1].message ==
        "The primary key of table `users` (columns `code`) cannot be created: 1 row has NULL values in its columns.");
}

TEST_CASE("plan changes nothing; apply runs exactly the plan and refuses a stale one") {
  pgtest::fixture f;
  f.push(users_posts(false, true));
  f.exec("INSERT INTO " + f.q("users") + " (email, bio) VALUES ('a', 'x')");
  const auto before = f.dump();
  auto plan = db::plan(f.conn, users_posts(true, false), f.options());
  CHECK(f.dump() == before);
  CHECK(plan.warnings.size() == 1);
  CHECK_FALSE(plan.sql.empty());
  CHECK_THROWS_AS(db::apply(f.conn, plan, f.options()), db::data_loss_error);
  CHECK(f.dump() == before);

  f.exec("INSERT INTO " + f.q("users") + " (email, bio) VALUES ('b', 'y')");
  CHECK_THROWS_AS(db::apply(f.conn, plan, f.options(true)), db::stale_plan_error);

  plan = db::plan(f.conn, users_posts(true, false), f.options());
  f.sql.clear();
  auto r = db::apply(f.conn, plan, f.options(true));
  CHECK(f.sql == plan.sql);
  CHECK(r.sql == plan.sql);
  f.check_idempotent(users_posts(true, false));
}

TEST_CASE("reset and force_reset drop the managed tables but ignore_tables") {
  pgtest::fixture f;
  f.push(users_posts(true, false));
  f.exec("INSERT INTO " + f.q("users") + " (email) VALUES ('a')");
  f.exec("CREATE TABLE " + f.q("external") + " (x int)");
  f.exec("INSERT INTO " + f.q("external") + " VALUES (1)");
  auto options = f.options();
  options.ignore_tables = {"external"};
  auto r = db::reset(f.conn, users_posts(true, false), options);
  CHECK(r.reset);
  CHECK(f.count("SELECT count(*) FROM " + f.q("users")) == 0);
  CHECK(f.count("SELECT count(*) FROM " + f.q("external")) == 1);

  f.exec("INSERT INTO " + f.q("users") + " (email) VALUES ('a'), ('a')");
  auto target = users_posts(false, false);
  target.tables[0].indexes.push_back({"", {"email"}, true, std::nullopt, false});
  options.force_reset = true;
  db::push(f.conn, target, options);
  CHECK(f.count("SELECT count(*) FROM " + f.q("users")) == 0);
  CHECK(f.count("SELECT count(*) FROM " + f.q("external")) == 1);
  options.force_reset = false;
  f.sql.clear();
  CHECK_FALSE(db::push(f.conn, target, options).changed);
  CHECK(f.sql.empty());
}

TEST_CASE("database errors say what failed and why") {
  pgtest::fixture f;
  const std::string role = pgtest::random_schema_name("dbpush_reader_");
  f.exec("CREATE ROLE " + role + " LOGIN");
  f.exec("GRANT USAGE ON SCHEMA " + f.conn.quote_name(f.name) + " TO " + role);
  {
    pqxx::connection reader(pgtest::conninfo() + " user=" + role);
    try {
      db::push(reader, users_posts(false, false), f.options());
      FAIL("expected a database error");
    } catch (const db::database_error& e) {
      const std::string what = e.what();
      CHECK(what.rfind("PostgreSQL permission denied while running `CREATE TABLE ", 0) == 0);
      CHECK(what.find("ERROR:  permission denied for schema " + f.name) != std::string::npos);
    }
  }
  CHECK(f.live().tables.empty());
  f.exec("DROP OWNED BY " + role);
  f.exec("DROP ROLE " + role);
}

TEST_CASE("a connection lost before the push is a database error") {
  pgtest::fixture f;
  pqxx::connection victim(pgtest::conninfo());
  const auto pid = victim.backendpid();
  f.exec("SELECT pg_terminate_backend(" + std::to_string(pid) + ")");
  try {
    db::push(victim, users_posts(false, false), f.options());
    FAIL("expected a database error");
  } catch (const db::database_error& e) {
    INFO(e.what());
    CHECK(std::string(e.what()).rfind("PostgreSQL connection lost while locking schema \"" + f.name + "\"", 0) == 0);
  }
  CHECK(f.live().tables.empty());
}
