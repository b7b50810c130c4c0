// The no-op fast path: a push whose target's CREATE texts are exactly those
// stored in sqlite_schema ends without the table-valued pragmas; anything else
// takes the full introspection and diff.
#include "sqlite/fixture.hpp"

#include <algorithm>

using namespace sqlite_test;

namespace {

// blog() with an enum column, a partial index and a composite primary key, so
// every part of the rendered text is compared.
db::schema rich_blog() {
  auto s = blog();
  s.enums.push_back(db::enum_type{"Role", {"member", "admin"}});
  auto role = col("role", "TEXT", false, "'member'");
  role.enum_type = "Role";
  s.tables[0].columns.push_back(role);
  auto named = plain_index({"name"}, "users_named");
  named.where = "name IS NOT NULL";
  s.tables[0].indexes.push_back(named);
  s.tables.push_back(tbl("tags", {col("post_id", "INTEGER"), col("tag", "VARCHAR(20)")}, {"post_id", "tag"}));
  s.tables.back().foreign_keys.push_back(references({"post_id"}, "posts", {"id"}));
  return s;
}

// Pushes `target` again, expecting zero steps; returns whether it introspected.
bool noop_push_introspected(temp_db& t, const db::schema& target, const db::push_options& options = {}) {
  statement_log log(t.conn);
  auto r = db::push(t.conn, target, options);
  CHECK_MESSAGE(r.steps.empty(), r.to_string());
  CHECK(r.sql.empty());
  CHECK_FALSE(r.changed);
  return log.introspected();
}

}  // namespace

TEST_CASE("sqlite no-op push after a fresh push compares stored texts, not pragmas") {
  temp_db t;
  push_checked(t, rich_blog());
  seed_blog(t.conn);
  const auto before = dump(t.conn);
  int generated = 0;
  db::push_options options;
  options.generators.push_back([&](const db::schema&, const db::push_result& r) {
    ++generated;
    CHECK_FALSE(r.changed);
  });
  std::vector<std::string> announced;
  options.on_sql = [&](const std::string& sql) { announced.push_back(sql); };
  statement_log log(t.conn);
  auto r = db::push(t.conn, rich_blog(), options);
  CHECK_FALSE(log.introspected());
  CHECK(std::count_if(log.statements().begin(), log.statements().end(), [](const std::string& s) {
          return s.find("sqlite_schema") != std::string::npos;
        }) == 1);
  CHECK(r.steps.empty());
  CHECK_FALSE(r.changed);
  CHECK(r.to_string() == "The database is already in sync with the models.");
  CHECK(generated == 1);
  CHECK(announced.empty());
  CHECK(dump(t.conn) == before);
  CHECK(count(t.conn, "PRAGMA foreign_keys") == 1);
}

TEST_CASE("sqlite no-op fast path ignores views, triggers and ignore_tables") {
  temp_db t;
  t.conn.exec("CREATE TABLE legacy (id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX legacy_v ON legacy (v)");
  db::push_options options;
  options.ignore_tables = {"legacy"};
  push_checked(t, blog(), options);
  t.conn.exec("CREATE VIEW titles AS SELECT title FROM posts");
  t.conn.exec("CREATE TRIGGER users_touch AFTER UPDATE ON users BEGIN SELECT 1; END");
  CHECK_FALSE(noop_push_introspected(t, blog(), options));
  // Without the option the legacy table is dbpush's to drop: the full path finds it.
  statement_log log(t.conn);
  auto r = db::push(t.conn, blog());
  CHECK(log.introspected());
  REQUIRE(r.steps.size() == 1);
  CHECK(r.steps[0].kind == db::step_kind::drop_table);
  CHECK(r.steps[0].table == "legacy");
}

TEST_CASE("sqlite a table changed in place keeps zero steps through the full path") {
  temp_db t;
  push_checked(t, blog());
  auto target = blog();
  target.tables[0].columns.push_back(col("age", "INTEGER", true));
  auto r = push_checked(t, target);
  CHECK(r.sql == std::vector<std::string>{"ALTER TABLE \"users\" ADD COLUMN \"age\" INTEGER"});
  // ADD COLUMN appends to the stored text, which then differs from the rendered one.
  CHECK(noop_push_introspected(t, target));
  t.conn.exec("ALTER TABLE users RENAME COLUMN name TO nick");
  target.tables[0].columns[2].name = "nick";
  CHECK(noop_push_introspected(t, target));
}

TEST_CASE("sqlite a redefined table is stored with its rendered text again") {
  seeded_blog t;
  auto target = blog();
  target.tables[1].columns[2].nullable = true;
  auto r = push_checked(t, target);
  CHECK(has_statement_starting(r.sql, "INSERT INTO \"dbpush_new_posts\""));
  CHECK_FALSE(noop_push_introspected(t, target));
  CHECK(count(t.conn, "SELECT count(*) FROM posts") == 4);
}

TEST_CASE("sqlite a hand-made change that needs steps takes the full path") {
  temp_db t;
  push_checked(t, blog());
  t.conn.exec("CREATE INDEX users_by_name ON users (name)");
  statement_log log(t.conn);
  auto r = db::push(t.conn, blog());
  CHECK(log.introspected());
  CHECK(r.sql == std::vector<std::string>{"DROP INDEX \"users_by_name\""});
  CHECK_FALSE(noop_push_introspected(t, blog()));

  t.conn.exec("DROP INDEX users_email_key");
  r = db::push(t.conn, blog());
  CHECK(r.sql == std::vector<std::string>{"CREATE UNIQUE INDEX \"users_email_key\" ON \"users\" (\"email\")"});

  t.conn.exec("CREATE TABLE scratch (x)");
  r = db::push(t.conn, blog());
  CHECK(r.sql == std::vector<std::string>{"DROP TABLE \"scratch\""});
}

TEST_CASE("sqlite tables written by hand in another spelling are in sync through the full path") {
  temp_db pushed;
  auto first = db::push(pushed.conn, rich_blog());
  temp_db t;
  for (auto sql : first.sql) {
    // Same definitions, other spacing and keyword case: equivalent, not identical text.
    for (std::size_t at; (at = sql.find("\n  ")) != std::string::npos;) sql.replace(at, 3, " ");
    if (sql.starts_with("CREATE TABLE")) sql.replace(0, 12, "create table");
    t.conn.exec(sql);
  }
  CHECK(noop_push_introspected(t, rich_blog()));
  CHECK(db::plan(t.conn, rich_blog()).empty());
}

TEST_CASE("sqlite plan always introspects, so apply can check its fingerprint") {
  temp_db t;
  push_checked(t, blog());
  statement_log log(t.conn);
  auto p = db::plan(t.conn, blog());
  CHECK(log.introspected());
  CHECK(p.empty());
  t.conn.exec("CREATE INDEX users_by_name ON users (name)");
  CHECK_THROWS_AS(db::apply(t.conn, p), db::stale_plan_error);
}

TEST_CASE("sqlite no-op fast path matches rows in any order and skips SQLite's own tables") {
  temp_db t;
  db::schema first;
  for (const char* name : {"alpha", "beta", "gamma"}) {
    first.tables.push_back(tbl(name, {col("id", "INTEGER"), col("v", "TEXT", true)}, {"id"}));
    first.tables.back().indexes.push_back(plain_index({"v"}));
  }
  push_checked(t, first);
  // Declared in another order: the target's order no longer follows sqlite_schema's rows.
  auto reordered = first;
  std::reverse(reordered.tables.begin(), reordered.tables.end());
  CHECK_FALSE(noop_push_introspected(t, reordered));
  // ANALYZE adds sqlite_stat1, whose text no target renders.
  t.conn.exec("INSERT INTO beta (id, v) VALUES (1, 'x'); ANALYZE");
  REQUIRE(count(t.conn, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'") == 1);
  CHECK_FALSE(noop_push_introspected(t, reordered));
  // A row out of order that differs still ends the fast path.
  t.conn.exec("DROP INDEX alpha_v_idx; CREATE INDEX alpha_v_idx ON alpha (v, id)");
  statement_log log(t.conn);
  auto r = db::push(t.conn, reordered);
  CHECK(log.introspected());
  CHECK(r.sql == std::vector<std::string>{"DROP INDEX \"alpha_v_idx\"",
                                          "CREATE INDEX \"alpha_v_idx\" ON \"alpha\" (\"v\")"});
}
