// Schemas dbpush did not create, on PostgreSQL (docs/reliability.md, "Hostile
// input"): introspection reads what a model can say, a push leaves the rest
// (views, a materialized view, sequences, functions, triggers, other schemas,
// exotic tables) alone and working, and a change that would break it is
// refused, naming it, with nothing changed.
#include "resilience/foreign_postgres.hpp"
#include "resilience/scenarios.hpp"

#include <functional>
#include <tuple>

using namespace resilience;
using pgtest::col;
using pgtest::tbl;

TEST_CASE("postgres introspection of a schema another tool made reads its tables, and no view, sequence or partition") {
  pgtest::fixture f;
  foreign_schema foreign(f);
  const auto live = f.live();
  std::vector<std::string> names;
  for (const auto& t : live.tables) names.push_back(t.name);
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"audit", "cache", "events", "exotic", "invoices", "links", "scores",
                                          "tickets", "users"});
  auto expected = foreign.modelled_tables();
  db::postgres::detail::canonicalise(expected);
  db::normalise(expected);
  for (const auto& t : expected.tables) {
    CAPTURE(t.name);
    const auto* read = live.find_table(t.name);
    REQUIRE(read);
    CHECK_MESSAGE(*read == t, "read:\n" << *read << "expected:\n" << t);
  }
}

TEST_CASE("postgres pushing what introspection read changes nothing in a schema another tool made") {
  pgtest::fixture f;
  foreign_schema foreign(f);
  const auto before = foreign.dump();
  const auto result = f.push(f.live());
  CHECK_FALSE(result.changed);
  CHECK(f.sql.empty());
  CHECK(foreign.dump() == before);
  foreign.check_objects_work();
}

TEST_CASE("postgres changes keep views, triggers, sequences and other schemas working") {
  const std::vector<std::pair<std::string, std::function<void(db::schema&)>>> changes = {
      {"a column added to every table",
       [](db::schema& s) {
         for (auto& t : s.tables) t.columns.push_back(col("extra", "text", true));
       }},
      {"an index on every table",
       [](db::schema& s) {
         for (auto& t : s.tables)
           if (t.name != "events") t.indexes.push_back({"", {t.columns[0].name}, false, std::nullopt, false});
       }},
      {"a new table", [](db::schema& s) { s.tables.push_back(tbl("tags", {col("id", "bigint"), col("label", "text")})); }},
      {"a column the view uses renamed",
       [](db::schema& s) {
         auto& name = table_named(s, "users").columns[2];
         name.renamed_from = name.name;
         name.name = "full_name";
       }},
      {"a column the views do not use retyped", [](db::schema& s) { table_named(s, "scores").columns[1].type = "bigint"; }},
  };
  for (const auto& [change, edit] : changes) {
    CAPTURE(change);
    pgtest::fixture f;
    foreign_schema foreign(f);
    auto target = f.live();
    edit(target);
    CHECK(f.push(target, true).changed);
    f.check_idempotent(target);
    if (change.find("renamed") != std::string::npos) continue;  // the trigger's function still names `name`
    foreign.check_objects_work();
  }
}

// PostgreSQL refuses these itself (dbpush never cascades): the error names
// the view or the other schema's object, and the push rolls back.
TEST_CASE("postgres a change that would break a view or another schema's foreign key is refused, naming it") {
  const std::vector<std::tuple<std::string, std::string, std::function<void(db::schema&)>>> changes = {
      {"a column a view uses retyped", "named_users",
       [](db::schema& s) { table_named(s, "users").columns[1].type = "character varying(100)"; }},
      {"a column a view uses dropped", "named_users",
       [](db::schema& s) { table_named(s, "users").columns.pop_back(); }},
      {"the table views use dropped", "named_users",
       [](db::schema& s) { std::erase_if(s.tables, [](const db::table& t) { return t.name == "users"; }); }},
      {"the key another schema references dropped", "_other",
       [](db::schema& s) { table_named(s, "users").primary_key.clear(); }},
  };
  for (const auto& [change, object, edit] : changes) {
    CAPTURE(change);
    pgtest::fixture f;
    foreign_schema foreign(f);
    auto target = f.live();
    edit(target);
    const auto what = foreign.refused_push(target);
    CHECK_MESSAGE(what.value_or("").find(object) != std::string::npos, what.value_or(""));
    foreign.check_objects_work();
  }
}

TEST_CASE("postgres a reset of a schema whose tables views use is refused, naming the views") {
  pgtest::fixture f;
  foreign_schema foreign(f);
  const auto before = foreign.dump();
  auto options = f.options(true);
  options.force_reset = true;
  try {
    db::push(f.conn, foreign.modelled_tables(), options);
    FAIL("the reset went through");
  } catch (const db::integrity_error& e) {
    // Named by dbpush before anything runs: the views of both schemas and the
    // other schema's foreign key.
    const std::string what = e.what();
    for (const auto* named : {"is used by view `named_users`", "is used by materialized view `user_count`",
                              "_other.managed_emails` (another schema)", "_other.users` (another schema): foreign key"})
      CHECK_MESSAGE(what.find(named) != std::string::npos, what);
  }
  CHECK(foreign.dump() == before);
  foreign.check_objects_work();
}
