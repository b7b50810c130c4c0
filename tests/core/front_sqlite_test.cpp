// The push front's flow (db::detail::push / make_plan / apply) through the real
// SQLite session, on real files: what the front decides, not the dialect's SQL.
#include "sqlite/fixture.hpp"

#include <stdexcept>

using namespace sqlite_test;

namespace {

db::schema blog_without_posts() {
  auto s = blog();
  std::erase_if(s.tables, [](const db::table& t) { return t.name == "posts"; });
  return s;
}

struct generator_log {
  int runs = 0;
  bool last_changed = false;
  std::size_t last_tables = 0;

  db::push_options options(db::push_options o = {}) {
    o.generators.push_back([this](const db::schema& target, const db::push_result& r) {
      ++runs;
      last_changed = r.changed;
      last_tables = target.tables.size();
    });
    return o;
  }
};

}  // namespace

TEST_CASE("front: a no-op push rolls back, writes nothing, and still runs generators") {
  seeded_blog t;
  const auto bytes = file_bytes(t.path);
  generator_log log;
  auto r = db::push(t.conn, blog(), log.options());
  CHECK_FALSE(r.changed);
  CHECK(r.steps.empty());
  CHECK(r.sql.empty());
  CHECK(r.to_string() == "The database is already in sync with the models.");
  CHECK(file_bytes(t.path) == bytes);
  CHECK(log.runs == 1);
  CHECK_FALSE(log.last_changed);
  CHECK(log.last_tables == 2);

  auto skip = log.options();
  skip.skip_generate = true;
  db::push(t.conn, blog(), skip);
  CHECK(log.runs == 1);
}

TEST_CASE("front: data loss is refused unchanged, then applied with accept_data_loss and reported") {
  seeded_blog t;
  generator_log log;
  auto error = refused<db::data_loss_error>(t, blog_without_posts(), log.options());
  REQUIRE(error);
  CHECK(std::string(error->what()) ==
        "There might be data loss when applying the changes:\n\n"
        "  - You are about to drop the `posts` table, which is not empty (4 rows).\n\n"
        "Use accept_data_loss (push_options{.accept_data_loss = true}) to apply anyway.");
  CHECK(log.runs == 0);

  auto r = db::push(t.conn, blog_without_posts(), log.options(accepting()));
  CHECK(r.changed);
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].count == 4);
  CHECK(r.to_string() ==
        "Your database is now in sync with the models.\n\n"
        "Applied changes:\n\n  - Dropped table `posts`\n\n"
        "Accepted data loss warnings:\n\n  - You are about to drop the `posts` table, which is not empty (4 rows).");
  CHECK(count(t.conn, "SELECT count(*) FROM sqlite_schema WHERE name = 'posts'") == 0);
  CHECK(count(t.conn, "SELECT count(*) FROM users") == 3);
  CHECK(log.runs == 1);
}

TEST_CASE("front: unexecutable steps are refused even with accept_data_loss") {
  seeded_blog t;
  auto target = blog();
  target.tables[0].columns.push_back(col("age", "INTEGER"));
  auto error = refused<db::unexecutable_error>(t, target, accepting());
  REQUIRE(error);
  CHECK(only_message(error->findings()) ==
        "Added the required column `age` to the `users` table without a default value. There are 3 rows in this "
        "table, it is not possible to execute this step.");
  CHECK(std::string(error->what()).ends_with("all data will be lost."));
}

TEST_CASE("front: on_sql sees exactly what runs, and an exception mid-way rolls everything back") {
  seeded_blog t;
  auto target = blog();
  target.tables[0].columns.push_back(col("bio", "TEXT", true));
  target.tables.push_back(tbl("tags", {id_col("id", "INTEGER"), col("label", "TEXT")}));
  std::vector<std::string> seen;
  db::push_options options;
  options.on_sql = [&seen](const std::string& sql) { seen.push_back(sql); };
  const auto before = dump(t.conn);
  auto plan = db::plan(t.conn, target, options);
  CHECK(plan.sql.size() >= 2);
  CHECK(seen.empty());
  CHECK(dump(t.conn) == before);

  std::size_t calls = 0;
  db::push_options failing;
  failing.on_sql = [&calls](const std::string&) {
    if (++calls == 2) throw std::runtime_error("interrupted");
  };
  CHECK_THROWS_WITH_AS(db::push(t.conn, target, failing), "interrupted", std::runtime_error);
  CHECK(dump(t.conn) == before);
  CHECK(count(t.conn, "PRAGMA foreign_keys") == 1);

  auto r = db::push(t.conn, target, options);
  CHECK(seen == r.sql);
  CHECK(r.sql == plan.sql);
  CHECK(count(t.conn, "SELECT count(*) FROM pragma_table_info('users') WHERE name = 'bio'") == 1);
}

TEST_CASE("front: a plan changes nothing and apply runs exactly it") {
  seeded_blog t;
  const auto bytes = file_bytes(t.path);
  auto target = blog();
  target.tables.push_back(tbl("tags", {id_col("id", "INTEGER"), col("label", "TEXT")}));
  auto p = db::plan(t.conn, target);
  CHECK(file_bytes(t.path) == bytes);
  CHECK(p.fingerprint.size() == 16);
  CHECK(p.to_string().starts_with("Planned changes:\n\n  - Created table `tags`"));
  auto r = db::apply(t.conn, p);
  CHECK(r.changed);
  CHECK(r.sql == p.sql);
  CHECK(r.steps == p.diff.steps);
  CHECK(db::plan(t.conn, target).empty());
}

TEST_CASE("front: apply refuses a stale plan: schema or counts changed since") {
  seeded_blog t;
  auto p = db::plan(t.conn, blog_without_posts());
  REQUIRE(p.warnings.size() == 1);

  t.conn.exec("INSERT INTO posts (author_id, title) VALUES (1, 'late')");
  const auto before = dump(t.conn);
  CHECK_THROWS_AS(db::apply(t.conn, p, accepting()), db::stale_plan_error);
  CHECK(dump(t.conn) == before);

  auto fresh = db::plan(t.conn, blog_without_posts());
  t.conn.exec("CREATE TABLE side (x INTEGER)");
  CHECK_THROWS_WITH_AS(db::apply(t.conn, fresh, accepting()),
                       doctest::Contains("The database changed since the plan was made"), db::stale_plan_error);
}

TEST_CASE("front: apply enforces accept_data_loss and refuses unexecutable plans") {
  seeded_blog t;
  auto p = db::plan(t.conn, blog_without_posts());
  const auto before = dump(t.conn);
  CHECK_THROWS_AS(db::apply(t.conn, p), db::data_loss_error);
  CHECK(dump(t.conn) == before);
  auto r = db::apply(t.conn, p, accepting());
  CHECK(r.warnings.size() == 1);
  CHECK(count(t.conn, "SELECT count(*) FROM sqlite_schema WHERE name = 'posts'") == 0);

  auto target = blog_without_posts();
  target.tables[0].columns.push_back(col("age", "INTEGER"));
  auto impossible = db::plan(t.conn, target);
  REQUIRE(impossible.unexecutable.size() == 1);
  CHECK_THROWS_AS(db::apply(t.conn, impossible, accepting()), db::unexecutable_error);
}

TEST_CASE("front: force_reset drops the data and pushes onto an empty schema, also through a plan") {
  seeded_blog t;
  auto r = db::push(t.conn, blog(), db::push_options{.force_reset = true});
  CHECK(r.reset);
  CHECK(r.changed);
  CHECK(r.warnings.empty());
  CHECK(count(t.conn, "SELECT count(*) FROM users") == 0);
  CHECK(r.to_string().starts_with("Your database is now in sync with the models.\n"
                                  "The database was reset: its previous contents were dropped."));
  CHECK(db::plan(t.conn, blog()).empty());

  seed_blog(t.conn);
  db::push_options reset;
  reset.force_reset = true;
  auto p = db::plan(t.conn, blog(), reset);
  CHECK(count(t.conn, "SELECT count(*) FROM users") == 3);
  // A reset plan applied without force_reset would run on the wrong schema.
  CHECK_THROWS_AS(db::apply(t.conn, p), db::stale_plan_error);
  auto applied = db::apply(t.conn, p, reset);
  CHECK(applied.reset);
  CHECK(count(t.conn, "SELECT count(*) FROM users") == 0);
  CHECK(count(t.conn, "SELECT count(*) FROM sqlite_schema WHERE name = 'posts'") == 1);
}
