#include "builders.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace core_test;

TEST_CASE("identical schemas give no steps, whatever the declaration order") {
  auto a = sch({tbl("users", {nullable("name")}), with(tbl("posts", {col("user_id")}), {idx({"user_id"})},
                                                        {fk({"user_id"}, "users")})},
               {enm("Role", {"a", "b"})});
  auto b = sch({a.tables[1], a.tables[0]}, a.enums);
  std::swap(b.tables[1].columns[0], b.tables[1].columns[1]);
  CHECK(db::diff(a, b).empty());
  CHECK(db::diff(db::schema{}, db::schema{}).empty());
}

TEST_CASE("creating a schema: enums, tables parents first, then indexes and foreign keys") {
  auto target = sch({with(tbl("posts", {col("user_id"), col("role", "TEXT")}), {idx({"user_id"})},
                          {fk({"user_id"}, "users")}),
                     with(tbl("users", {nullable("email")}), {idx({"email"}, true)})},
                    {enm("Role", {"a"})});
  auto d = db::diff(db::schema{}, target);
  CHECK(brief(d) == names{"create_enum Role", "create_table users", "create_table posts",
                          "create_index users users_email_key", "create_index posts posts_user_id_idx",
                          "add_foreign_key posts posts_user_id_fkey"});
  CHECK(d.to.tables[0].name == "users");
}

TEST_CASE("dropping tables: children first, after foreign keys of kept tables to them go") {
  auto live = sch({tbl("users"), with(tbl("posts", {col("user_id")}), {}, {fk({"user_id"}, "users")}),
                   with(tbl("comments", {col("post_id")}), {}, {fk({"post_id"}, "posts")})},
                  {enm("Gone", {"x"})});
  auto d = db::diff(live, sch({tbl("comments", {col("post_id")})}));
  CHECK(brief(d) == names{"drop_foreign_key comments comments_post_id_fkey", "drop_table posts",
                          "drop_table users", "drop_enum Gone"});
}

TEST_CASE("columns: add, drop and alter with the bits of what changed, grouped per table") {
  auto age = col("age");
  auto live = sch({tbl("a", {age, nullable("bio"), col("n", "TEXT")}), tbl("b", {col("x")})});
  auto age2 = col("age", "BIGINT", true);
  age2.default_sql = "0";
  auto n2 = col("n", "TEXT");
  n2.enum_type = "Kind";
  auto x2 = col("x");
  x2.autoincrement = true;
  auto target = sch({tbl("a", {age2, col("fresh"), n2}), tbl("b", {x2})}, {enm("Kind", {"k"})});
  auto d = db::diff(live, target);
  CHECK(brief(d) == names{"create_enum Kind", "add_column a fresh", "alter_column a age", "alter_column a n",
                          "drop_column a bio", "alter_column b x"});
  using namespace db::column_change;
  CHECK(d.steps[2].column_changes == (type | nullability | default_value));
  CHECK(d.steps[3].column_changes == enum_type);
  CHECK(d.steps[5].column_changes == autoincrement);
}

TEST_CASE("renames come only from hints; without one a rename is drop + add") {
  auto live = sch({tbl("people", {nullable("full_name"), col("age")})});
  auto renamed = tbl("users", {nullable("name"), col("age", "BIGINT")});
  renamed.renamed_from = "people";
  renamed.columns[1].renamed_from = "full_name";
  auto d = db::diff(live, sch({renamed}));
  CHECK(brief(d) == names{"rename_table users <- people", "rename_column users name <- full_name",
                          "alter_column users age"});

  auto unhinted = tbl("users", {nullable("name"), col("age")});
  CHECK(brief(db::diff(live, sch({unhinted}))) ==
        names{"drop_table people", "create_table users"});

  // A stale hint (the old name is gone, or still kept as itself) is no rename.
  auto both = sch({tbl("people", {nullable("full_name"), col("age")}), renamed});
  CHECK(brief(db::diff(live, both)).front() == "create_table users");
  CHECK(brief(db::diff(sch({}), sch({renamed}))) == names{"create_table users"});
}

TEST_CASE("a renamed column with the same definition and a hint is a rename only") {
  auto live = sch({tbl("t", {nullable("old")})});
  auto target = sch({tbl("t", {nullable("new")})});
  target.tables[0].columns[1].renamed_from = "old";
  CHECK(brief(db::diff(live, target)) == names{"rename_column t new <- old"});
}

TEST_CASE("primary key changes are one step, after column changes and before drops") {
  auto live = sch({tbl("t", {col("a"), col("gone")})});
  auto target = live;
  target.tables[0].columns.pop_back();
  target.tables[0].primary_key = {"id", "a"};
  CHECK(brief(db::diff(live, target)) == names{"alter_primary_key t", "drop_column t gone"});

  // Renaming a key column is not a key change.
  auto renamed = sch({tbl("t", {col("a"), col("gone")})});
  renamed.tables[0].columns[0].name = "key";
  renamed.tables[0].columns[0].renamed_from = "id";
  renamed.tables[0].primary_key = {"key"};
  CHECK(brief(db::diff(live, renamed)) == names{"rename_column t key <- id"});
}

TEST_CASE("ignore_tables are neither created, dropped nor altered") {
  auto live = sch({tbl("external", {col("x")}), tbl("mine")});
  auto target = sch({tbl("mine"), tbl("external", {col("y")}), tbl("also_external")});
  db::diff_options options;
  options.ignore_tables = {"external", "also_external"};
  auto d = db::diff(live, target, options);
  CHECK(d.empty());
  CHECK(d.from.find_table("external") == nullptr);
}

TEST_CASE("step descriptions read like db push") {
  auto live = sch({tbl("people", {nullable("bio"), col("age"), nullable("nick")})}, {enm("Role", {"a", "b", "c"})});
  auto target = sch({tbl("users", {col("age", "BIGINT"), nullable("nickname")})}, {enm("Role", {"c", "a", "d"})});
  target.tables[0].renamed_from = "people";
  target.tables[0].columns[2].renamed_from = "nick";
  names described;
  for (const auto& s : db::diff(live, target).steps) described.push_back(s.describe());
  CHECK(described == names{"Altered enum `Role`: added `d`; removed `b`; reordered values",
                           "Renamed table `people` to `users`",
                           "Renamed column `nick` to `nickname` in table `users`",
                           "Altered column `age` in table `users` (type)",
                           "Dropped column `bio` from table `users`"});
  CHECK(db::to_string(db::step_kind::alter_primary_key) == "alter_primary_key");
}

TEST_CASE("tables the push drops go before any change to the tables they reference, enum changes included") {
  // c references p; each spelling changes what c's key or columns depend on, in
  // the push that drops c (PostgreSQL refuses those changes while c's key exists).
  const auto parent = with(tbl("p", {col("code", "TEXT"), col("n")}), {idx({"code"}, true)});
  auto child = with(tbl("c", {nullable("code"), col("p_id"), col("kind", "TEXT")}), {},
                    {fk({"code"}, "p", {"code"}), fk({"p_id"}, "p")});
  child.columns[3].enum_type = "Kind";
  const auto live = sch({parent, child}, {enm("Kind", {"a", "b"})});
  struct spelling {
    std::string name;
    db::schema target;
  };
  auto changed = [&](auto edit) {
    auto p = parent;
    auto kind = enm("Kind", {"a", "b"});
    edit(p, kind);
    return sch({p}, {kind});
  };
  const std::vector<spelling> spellings{
      {"the parent's primary key changes", changed([](db::table& p, db::enum_type&) { p.primary_key = {"id", "n"}; })},
      {"the parent's primary key goes", changed([](db::table& p, db::enum_type&) { p.primary_key.clear(); })},
      {"the parent's unique index goes", changed([](db::table& p, db::enum_type&) { p.indexes.clear(); })},
      {"the referenced column goes", changed([](db::table& p, db::enum_type&) {
         p.indexes.clear();
         p.columns.erase(p.columns.begin() + 1);
       })},
      {"the referenced column is retyped", changed([](db::table& p, db::enum_type&) { p.columns[0].type = "BIGINT"; })},
      {"the enum the dropped table uses loses a value", changed([](db::table&, db::enum_type& e) { e.values = {"b"}; })},
  };
  for (const auto& s : spellings) {
    CAPTURE(s.name);
    const auto d = db::diff(live, s.target);
    const auto steps = brief(d);
    const auto dropped = std::find(steps.begin(), steps.end(), "drop_table c");
    REQUIRE(dropped != steps.end());
    CHECK(steps.size() > 1);
    for (auto other = steps.begin(); other != dropped; ++other)
      CHECK(other->starts_with("drop_foreign_key"));
  }
}

TEST_CASE("indexes the push drops go before enum changes") {
  // A dialect recreating an enum rebuilds every index over its columns; a
  // dropped index's predicate may name a value the enum loses or gains.
  auto live_table = tbl("orders", {col("status", "TEXT")});
  live_table.columns[1].enum_type = "Status";
  auto partial = idx({"status"}, false, "orders_open");
  partial.where = "status IN ('active', 'pending')";
  live_table.indexes = {partial};
  const auto live = sch({live_table}, {enm("Status", {"active", "pending"})});
  struct spelling {
    std::string name;
    std::vector<std::string> values;
    std::optional<std::string> where;
  };
  const std::vector<spelling> spellings{
      {"a value added, the predicate names it", {"active", "pending", "archived"}, "status IN ('active', 'archived')"},
      {"a value removed, the index goes", {"active"}, std::nullopt},
      {"values reordered, the predicate changes", {"pending", "active"}, "status = 'pending'"},
  };
  for (const auto& s : spellings) {
    CAPTURE(s.name);
    auto target_table = live_table;
    target_table.indexes.clear();
    if (s.where) {
      auto changed = partial;
      changed.where = s.where;
      target_table.indexes = {changed};
    }
    const auto steps = brief(db::diff(live, sch({target_table}, {enm("Status", s.values)})));
    const auto drop_index = std::find(steps.begin(), steps.end(), "drop_index orders orders_open");
    const auto enum_step = std::find_if(steps.begin(), steps.end(), [](const std::string& x) { return x.ends_with(" Status"); });
    REQUIRE(drop_index != steps.end());
    REQUIRE(enum_step != steps.end());
    CHECK(drop_index < enum_step);
  }
}

TEST_CASE("a primary key's old columns change after the key goes, its new columns before it comes") {
  struct spelling {
    std::string name;
    db::table live, target;
    names steps;
  };
  auto keyed = [](std::vector<db::column> columns, names key) {
    db::table t;
    t.name = "t";
    t.columns = std::move(columns);
    t.primary_key = std::move(key);
    return t;
  };
  auto filled = col("b", "TEXT");
  filled.default_sql = "'x'";
  const std::vector<spelling> spellings{
      {"the key goes, its column becomes nullable", keyed({col("a", "TEXT"), col("b")}, {"b", "a"}),
       keyed({nullable("a"), col("b")}, {}), {"alter_primary_key t", "alter_column t a"}},
      {"the key goes, its column is retyped", keyed({col("a", "TEXT"), col("b")}, {"b", "a"}),
       keyed({col("a", "JSON"), col("b")}, {}), {"alter_primary_key t", "alter_column t a"}},
      {"the key moves to a column whose NULLs are filled", keyed({col("a", "TEXT"), nullable("b")}, {"a"}),
       keyed({nullable("a"), filled}, {"b"}), {"alter_column t b", "alter_primary_key t", "alter_column t a"}},
      {"the key takes another column that is retyped", keyed({col("a"), col("b", "TEXT")}, {"a"}),
       keyed({col("a"), col("b")}, {"a", "b"}), {"alter_column t b", "alter_primary_key t"}},
      {"a column of both keys is retyped, one leaves", keyed({col("a"), col("b"), col("c")}, {"a", "b"}),
       keyed({col("a", "BIGINT"), nullable("b", "INTEGER"), col("c")}, {"a"}),
       {"alter_column t a", "alter_primary_key t", "alter_column t b"}},
      {"columns outside both keys change before", keyed({col("a"), col("b"), nullable("c")}, {"a"}),
       keyed({col("a"), col("b"), col("c", "TEXT")}, {"b"}), {"alter_column t c", "alter_primary_key t"}},
  };
  for (const auto& s : spellings) {
    CAPTURE(s.name);
    CHECK(brief(db::diff(sch({s.live}), sch({s.target}))) == s.steps);
  }
}
