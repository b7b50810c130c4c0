// The built-in generators, run by real pushes on SQLite files, and what a push
// reports when a generator throws.
#include "cli/versions.hpp"
#include "sqlite/fixture.hpp"

#include <dbpush/generators.hpp>

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

using namespace sqlite_test;

namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

db::push_options generating(const std::filesystem::path& dir) {
  db::push_options o;
  o.generators = {db::generators::sql_snapshot(dir / "schema.sql"), db::generators::mermaid_erd(dir / "erd.md"),
                  db::generators::json_schema(dir / "schema.json")};
  return o;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("generators: files written after a push, byte for byte the same after a no-op push") {
  temp_db t;
  const db::schema target = versions::second(db::dialect::sqlite);
  db::push(t.conn, target, generating(t.dir));
  const std::string sql = read(t.dir / "schema.sql"), erd = read(t.dir / "erd.md"), json = read(t.dir / "schema.json");
  CHECK(sql == db::generators::sql_snapshot_text(target, db::dialect::sqlite));
  CHECK(erd == "```mermaid\n" + db::generators::mermaid_erd_text(target, db::dialect::sqlite) + "```\n");
  CHECK(json == db::generators::json_schema_text(target, db::dialect::sqlite));
  CHECK(!std::filesystem::exists(t.dir / "schema.sql.tmp"));

  std::filesystem::remove(t.dir / "schema.sql");
  const auto again = db::push(t.conn, target, generating(t.dir));
  CHECK_FALSE(again.changed);  // in sync: generators run all the same
  CHECK(read(t.dir / "schema.sql") == sql);
  CHECK(read(t.dir / "erd.md") == erd);
  CHECK(read(t.dir / "schema.json") == json);
}

TEST_CASE("generators: the SQL snapshot is a baseline migration: run on an empty database, a push finds it in sync") {
  for (const auto& e : versions::evolutions) {
    CAPTURE(e.name);
    const db::schema target = e.to(db::dialect::sqlite);
    temp_db t;
    t.conn.exec(db::generators::sql_snapshot_text(target, db::dialect::sqlite));
    const auto plan = db::plan(t.conn, target);
    CHECK_MESSAGE(plan.empty(), plan);
  }
}

TEST_CASE("generators: the diagram draws each foreign key with its cardinality") {
  struct row {
    bool nullable, unique;
    std::string line;
  };
  const row rows[] = {{false, false, "    parent ||--o{ child : \"parent_id\""},
                      {true, false, "    parent |o--o{ child : \"parent_id\""},
                      {false, true, "    parent ||--o| child : \"parent_id\""},
                      {true, true, "    parent |o--o| child : \"parent_id\""}};
  for (const auto& r : rows) {
    CAPTURE(r.nullable);
    CAPTURE(r.unique);
    db::schema s = schema_of({table("parent", {id_column()}),
                              table("child", {id_column(), col("parent_id", "INTEGER", r.nullable)})});
    s.tables[1].foreign_keys.push_back(references({"parent_id"}, "parent", {"id"}));
    if (r.unique) s.tables[1].indexes.push_back(unique_index({"parent_id"}));
    const std::string erd = db::generators::mermaid_erd_text(s, db::dialect::sqlite);
    CHECK_MESSAGE(has(erd, r.line + "\n"), erd);
    CHECK(has(erd, std::string("        INTEGER parent_id FK") + (r.unique ? ", UK" : "") +
                       (r.nullable ? " \"optional\"" : "") + "\n"));
  }
}

TEST_CASE("generators: JSON strings are escaped") {
  const std::string json = db::generators::json_schema_text(versions::awkward(db::dialect::sqlite), db::dialect::sqlite);
  CHECK(has(json, R"({"name": "mo\"od", "values": ["it's", "back\\slash", "plain"]})"));
  CHECK(has(json, R"("name": "we\"ird table")"));
}

TEST_CASE("generators: a generator that throws leaves the push applied and says which failed and why") {
  temp_db t;
  db::push_options o;
  o.generators.push_back([](const db::schema&, const db::push_result&) {});
  o.generators.push_back([](const db::schema&, const db::push_result&) { throw std::runtime_error("disk full"); });
  try {
    db::push(t.conn, versions::first(db::dialect::sqlite), o);
    FAIL("no generator_error");
  } catch (const db::generator_error& e) {
    CHECK(std::string(e.what()) == "Your database is now in sync with the models, but generator 2 of 2 failed: disk full");
    CHECK(e.position() == 2);
    CHECK(e.result().changed);
  }
  CHECK(count(t.conn, "SELECT count(*) FROM sqlite_schema WHERE name = 'authors'") == 1);  // committed

  db::push_options missing_dir;
  missing_dir.generators = {db::generators::sql_snapshot(t.dir / "missing" / "schema.sql")};
  try {
    db::push(t.conn, versions::first(db::dialect::sqlite), missing_dir);
    FAIL("no generator_error");
  } catch (const db::generator_error& e) {
    CHECK(std::string(e.what()) == "The database is already in sync with the models, but generator 1 of 1 failed: "
                                   "sql_snapshot: cannot write `" +
                                       (t.dir / "missing" / "schema.sql").string() + "`: No such file or directory");
    CHECK_FALSE(e.result().changed);
  }
  missing_dir.skip_generate = true;
  CHECK_NOTHROW(db::push(t.conn, versions::first(db::dialect::sqlite), missing_dir));
}
