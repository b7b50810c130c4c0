// Bugs the evolution tester found on SQLite, each as its shrunk case made
// readable (docs/reliability.md lists them with the property each breaks).
// They assert what dbpush must do, so they fail until the engine is fixed.
#include "sqlite/fixture.hpp"

using namespace sqlite_test;

// #1, seed 37: property "fresh push" (v1 reads back with a
// foreign key missing), then every push redoes the keys.
TEST_CASE("two foreign keys on the same columns to the same table keep their own names") {
  for (const auto& [first, second] : {std::pair<std::string, std::string>{"", "tag"}, {"b_key", "a_key"}}) {
    CAPTURE(first);
    temp_db t;
    auto parent = tbl("p", {col("id", "TEXT")});
    auto child = tbl("c", {col("p_id", "TEXT", true)}, {});
    auto one = references({"p_id"}, "p", {"id"}, db::referential_action::set_default);
    one.name = first;
    auto other = references({"p_id"}, "p", {"id"}, db::referential_action::restrict);
    other.name = second;
    child.foreign_keys = {one, other};
    push_checked(t, sch({parent, child}));
  }
}

// #2, seed 91: property "unexpected error": `CREATE INDEX
// "i" ...: index i already exists`. A table renamed without a renamed_from
// hint is a new table and a dropped one; the new one's index keeps its name.
TEST_CASE("an index name moves from a dropped table to a created one in one push") {
  for (const bool unique : {false, true}) {
    CAPTURE(unique);
    temp_db t;
    auto before = tbl("old", {col("a", "TEXT")}, {});
    before.indexes.push_back(unique ? unique_index({"a"}, "i") : plain_index({"a"}, "i"));
    push_checked(t, sch({before}));
    auto after = before;
    after.name = "new";
    push_checked(t, sch({after}));
    CHECK(count(t.conn, "SELECT count(*) FROM sqlite_schema WHERE name = 'i' AND tbl_name = 'new'") == 1);
  }
}

// #4, as PostgreSQL's seed 13: the differ keeps live index "x" for the
// target's generated-name index of the same definition, and then creates the
// target's "x": `index x already exists`.
TEST_CASE("an index name that now names another definition, while the old definition stays under a generated name") {
  temp_db t;
  auto before = tbl("t", {col("a", "TEXT")}, {});
  before.indexes.push_back(plain_index({"a"}, "x"));
  push_checked(t, sch({before}));
  auto after = before;
  after.indexes = {unique_index({"a"}, "x"), plain_index({"a"})};
  push_checked(t, sch({after}));
}

// #3, seed 4: property "converged": an
// index or foreign key whose name alone changes is paired with the live one by
// definition and keeps its old name; every push then reports nothing to do.
TEST_CASE("an index or a foreign key given a new name takes it") {
  temp_db t;
  auto parent = tbl("p", {col("id", "INTEGER")});
  auto child = tbl("c", {col("p_id", "INTEGER", true)}, {});
  child.indexes.push_back(plain_index({"p_id"}));
  child.foreign_keys.push_back(references({"p_id"}, "p", {"id"}));
  push_checked(t, sch({parent, child}));
  child.indexes[0].name = "c_by_parent";
  child.foreign_keys[0].name = "c_parent";
  push_checked(t, sch({parent, child}));
}
