#include "steps.hpp"

#include <dbpush/schema/detail/grouping.hpp>
#include <dbpush/schema/detail/name_index.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace core_test;

TEST_CASE("normalise generates Prisma-style names and sorts indexes, foreign keys and enums") {
  auto s = sch({id_table("teams"), with(id_table("users", {col("team_id"), nullable("email"), col("a"), col("b")}),
                                   {idx({"email"}, true), idx({"a", "b"})}, {fk({"team_id"}, "teams")})},
               {enm("Role", {"admin"}), enm("Color", {"red"})});
  db::normalise(s);
  const auto* t = s.find_table("users");
  REQUIRE(t != nullptr);
  CHECK(t->indexes[0].name == "users_a_b_idx");
  CHECK(t->indexes[1].name == "users_email_key");
  CHECK(t->foreign_keys[0].name == "users_team_id_fkey");
  CHECK(s.enums[0].name == "Color");
  CHECK(t->find_index("users_email_key")->unique);
  CHECK(t->find_foreign_key("users_team_id_fkey")->referenced_table == "teams");
  CHECK(t->find_column("email")->nullable);
  CHECK(t->find_column("nope") == nullptr);
  CHECK(s.find_enum("Role") != nullptr);
  CHECK(s.find_table("nope") == nullptr);
}

TEST_CASE("generated names up to 63 bytes are kept whole, on every dialect") {
  auto s = sch({with(id_table(std::string(55, 'x')), {idx({"col"})}, {fk({"col"}, "p")}), id_table("p")});
  db::normalise(s);
  CHECK(s.find_table(std::string(55, 'x'))->indexes[0].name == std::string(55, 'x') + "_col_idx");  // 63 bytes
  // 64 bytes whole: shortened (see below) to 63.
  const std::string fk_name = s.find_table(std::string(55, 'x'))->foreign_keys[0].name;
  CHECK(fk_name.size() == 63);
  CHECK(fk_name.substr(0, 50) == std::string(49, 'x') + "_");
  CHECK(fk_name.substr(58) == "_fkey");
  CHECK(db::detail::generated_identifier("orders", "pkey") == "orders_pkey");
}

TEST_CASE("a longer generated name is a prefix cut on a UTF-8 boundary, a hash of the whole name and the suffix") {
  // 49 'y', then 'é' (2 bytes) across the 50-byte cut: the character is dropped whole.
  const std::string stem = std::string(49, 'y') + "\xc3\xa9" + std::string(20, 'z');
  const std::string name = db::detail::generated_identifier(stem, "idx");
  CHECK(name.size() == 49 + 1 + 8 + 4);
  CHECK(name.substr(0, 50) == std::string(49, 'y') + "_");
  CHECK(name.substr(name.size() - 4) == "_idx");
  CHECK(name.substr(50, 8).find_first_not_of("0123456789abcdef") == std::string::npos);
  // The rule is part of every database dbpush made: it must never change.
  CHECK(db::detail::generated_identifier(std::string(70, 'a'), "key") == std::string(50, 'a') + "_fb74ab4a_key");
}

TEST_CASE("long generated names that share their first 63 bytes stay distinct and reproducible") {
  const std::string table = "shop_orders";
  const std::string common = "region_code_for_the_customer_who_placed_this_order_";  // 51 bytes
  auto s = sch({with(id_table(table, {col(common + "first"), col(common + "second")}),
                     {idx({common + "first"}), idx({common + "second"}), idx({common + "first"}, true)}),
                with(id_table(table + "_region", {col("code_for_the_customer_who_placed_this_order_third")}),
                     {idx({"code_for_the_customer_who_placed_this_order_third"})})});
  auto again = s;
  db::normalise(s);
  db::normalise(again);
  std::vector<std::string> all;
  for (const auto& t : s.tables)
    for (const auto& i : t.indexes) all.push_back(i.name);
  REQUIRE(all.size() == 4);
  for (const auto& n : all) CHECK(n.size() <= 63);
  // Cut to 63 bytes, all four would be "shop_orders_region_code_for_the_customer_who_placed_this_order_".
  CHECK((table + "_" + common).size() == 63);
  CHECK((table + "_region_code_for_the_customer_who_placed_this_order_").size() == 63);
  std::sort(all.begin(), all.end());
  CHECK(std::adjacent_find(all.begin(), all.end()) == all.end());
  CHECK(s == again);
}

TEST_CASE("tables are ordered parents first, stably, tolerating cycles and self-references") {
  auto s = sch({with(id_table("comments"), {}, {fk({"post_id"}, "posts"), fk({"user_id"}, "users")}),
                with(id_table("posts"), {}, {fk({"user_id"}, "users")}), id_table("tags"),
                with(id_table("users"), {}, {fk({"invited_by"}, "users")})});
  db::normalise(s);
  CHECK(table_names(s) == names{"tags", "users", "posts", "comments"});

  auto cyclic = sch({with(id_table("b"), {}, {fk({"a_id"}, "a")}), with(id_table("a"), {}, {fk({"b_id"}, "b")}),
                     with(id_table("child"), {}, {fk({"a_id"}, "a")}), id_table("free")});
  db::normalise(cyclic);
  CHECK(table_names(cyclic) == names{"free", "b", "a", "child"});
  db::normalise(cyclic);
  CHECK(table_names(cyclic) == names{"free", "b", "a", "child"});
}

TEST_CASE("is_normalised holds only where normalise would change nothing") {
  auto s = sch({id_table("teams"), with(id_table("users", {col("team_id"), col("a"), col("b")}), {idx({"a"}, true), idx({"b"})},
                                   {fk({"team_id"}, "teams")})},
               {enm("Role", {"admin"}), enm("Color", {"red"})});
  CHECK_FALSE(db::detail::is_normalised(s));
  db::normalise(s);
  REQUIRE(db::detail::is_normalised(s));

  // Each variant is one change normalise would undo.
  std::vector<std::pair<const char*, db::schema>> variants;
  auto variant = [&](const char* what, auto change) {
    auto v = s;
    change(v);
    variants.emplace_back(what, std::move(v));
  };
  variant("an unnamed index", [](db::schema& v) { v.tables[1].indexes[0].name.clear(); });
  variant("an unnamed foreign key", [](db::schema& v) { v.tables[1].foreign_keys[0].name.clear(); });
  variant("unsorted indexes", [](db::schema& v) { std::swap(v.tables[1].indexes[0], v.tables[1].indexes[1]); });
  variant("unsorted enums", [](db::schema& v) { std::swap(v.enums[0], v.enums[1]); });
  variant("a child before its parent", [](db::schema& v) { std::swap(v.tables[0], v.tables[1]); });
  variant("unsorted foreign keys", [](db::schema& v) {
    v.tables[1].foreign_keys.insert(v.tables[1].foreign_keys.begin(), fk({"a"}, "teams", {"id"}));
    v.tables[1].foreign_keys[0].name = "users_z_fkey";
  });
  for (const auto& [what, v] : variants) {
    CAPTURE(what);
    CHECK_FALSE(db::detail::is_normalised(v));
    auto renormalised = v;
    db::normalise(renormalised);
    CHECK(db::to_string(renormalised) != db::to_string(v));
  }

  // References to itself and to tables outside the schema impose no order.
  auto outside = s;
  outside.tables[0].foreign_keys = {fk({"id"}, "teams"), fk({"owner_id"}, "elsewhere")};
  outside.tables[0].foreign_keys[0].name = "teams_a_fkey";
  outside.tables[0].foreign_keys[1].name = "teams_b_fkey";
  CHECK(db::detail::is_normalised(outside));

  // A cycle: normalise keeps the order, but is_normalised does not claim it.
  auto cyclic = sch({with(id_table("b"), {}, {fk({"a_id"}, "a")}), with(id_table("a"), {}, {fk({"b_id"}, "b")})});
  db::normalise(cyclic);
  const auto once = db::to_string(cyclic);
  db::normalise(cyclic);
  CHECK(db::to_string(cyclic) == once);
  CHECK_FALSE(db::detail::is_normalised(cyclic));
}

TEST_CASE("comparisons ignore hints and order but see every definition") {
  db::table a = id_table("users", {nullable("name")});
  db::table b = a;
  b.renamed_from = "people";
  b.columns[1].renamed_from = "full_name";
  CHECK(a == b);
  std::swap(b.columns[0], b.columns[1]);
  CHECK(a == b);
  b.columns[0].default_sql = "'x'";
  CHECK_FALSE(a == b);

  db::index i = idx({"a"}, false, "i");
  db::index j = i;
  j.from_constraint = true;
  CHECK(i == j);
  j.where = "a > 0";
  CHECK_FALSE(i == j);

  auto s1 = sch({id_table("x"), id_table("y")});
  auto s2 = sch({id_table("y"), id_table("x")});
  CHECK(s1 == s2);
  s2.tables[0].primary_key.clear();
  CHECK_FALSE(s1 == s2);
}

TEST_CASE("to_string is deterministic and shows every compared property") {
  auto role = nullable("role");
  role.default_sql = "'member'";
  role.enum_type = "Role";
  auto users = id_table("users", {role});
  users.indexes = {idx({"role"}, true)};
  users.indexes[0].where = "role IS NOT NULL";
  auto posts = with(id_table("posts", {col("user_id")}), {}, {fk({"user_id"}, "users")});
  posts.foreign_keys[0].on_delete = db::referential_action::cascade;
  posts.columns[0].autoincrement = true;
  auto s = sch({posts, users}, {enm("Role", {"admin", "member"})});
  db::normalise(s);
  CHECK(db::to_string(s) ==
        "enum Role { admin, member }\n"
        "table users {\n"
        "  id INTEGER NOT NULL\n"
        "  role TEXT NULL DEFAULT 'member' ENUM Role\n"
        "  PRIMARY KEY (id)\n"
        "  UNIQUE INDEX users_role_key (role) WHERE role IS NOT NULL\n"
        "}\n"
        "table posts {\n"
        "  id INTEGER NOT NULL AUTOINCREMENT\n"
        "  user_id INTEGER NOT NULL\n"
        "  PRIMARY KEY (id)\n"
        "  FOREIGN KEY posts_user_id_fkey (user_id) REFERENCES users (id) ON DELETE CASCADE "
        "ON UPDATE NO ACTION\n"
        "}\n");
}

TEST_CASE("name_index keeps the first position of each name while it grows") {
  std::vector<std::string> names;
  for (int i = 0; i < 1000; ++i) names.push_back("table_" + std::to_string(i));
  db::detail::name_index index;
  for (std::size_t i = 0; i < names.size(); ++i) CHECK(index.insert(names[i], i));
  CHECK_FALSE(index.insert("table_7", 5000));
  CHECK(index.size() == 1000);
  for (std::size_t i = 0; i < names.size(); ++i) CHECK(index.find(names[i]) == i);
  CHECK(index.find("table_1000") == db::detail::name_index::npos);
  CHECK(index.find("") == db::detail::name_index::npos);
  const db::detail::name_index empty;
  CHECK_FALSE(empty.contains("table_0"));
}

TEST_CASE("group_by_key lists each key's items in their original order") {
  const auto g = db::detail::group_by_key({2, 0, 2, 1, 0, 2}, 4);
  auto items = [&g](std::size_t key) { return std::vector<std::size_t>(g.of(key).begin(), g.of(key).end()); };
  CHECK(items(0) == std::vector<std::size_t>{1, 4});
  CHECK(items(1) == std::vector<std::size_t>{3});
  CHECK(items(2) == std::vector<std::size_t>{0, 2, 5});
  CHECK(items(3).empty());
}

TEST_CASE("column_name_index finds every (table, column) pair it was given") {
  std::vector<std::string> tables, columns;  // the index views them: they outlive it
  for (std::size_t i = 0; i < 100; ++i) {
    tables.push_back("t" + std::to_string(i % 7));
    columns.push_back("c" + std::to_string(i));
  }
  db::detail::column_name_index index;
  for (std::size_t i = 0; i < 100; ++i) CHECK(index.insert(tables[i], columns[i], i));
  CHECK_FALSE(index.insert("t3", "c3", 999));
  for (std::size_t i = 0; i < 100; ++i) CHECK(index.find("t" + std::to_string(i % 7), "c" + std::to_string(i)) == i);
  CHECK_FALSE(index.contains("t3", "c4"));
  CHECK_FALSE(index.contains("t9", "c3"));
  CHECK_FALSE(index.contains("T3", "c3"));  // names compare exactly
}
