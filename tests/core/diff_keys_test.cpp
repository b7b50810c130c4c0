#include "steps.hpp"

#include <doctest/doctest.h>

using namespace core_test;

namespace {

db::schema users_posts(db::column user_id = col("user_id"), std::vector<db::index> post_indexes = {}) {
  return sch({with(id_table("users", {nullable("email")}), {idx({"email"}, true)}),
              with(id_table("posts", {user_id, nullable("title")}), std::move(post_indexes), {fk({"user_id"}, "users")})});
}

}  // namespace

TEST_CASE("an index whose definition changed is dropped and created again, around the other steps") {
  auto live = users_posts(col("user_id"), {idx({"title"}, false, "posts_title")});
  auto target = users_posts(col("user_id"), {idx({"title"}, true, "posts_title"), idx({"user_id"})});
  target.tables[0].columns.push_back(nullable("bio"));
  CHECK(brief(db::diff(live, target)) ==
        names{"drop_index posts posts_title", "add_column users bio", "create_index posts posts_title",
              "create_index posts posts_user_id_idx"});

  auto partial = target;
  partial.tables[1].indexes[0].where = "title IS NOT NULL";
  CHECK(brief(db::diff(target, partial)) == names{"drop_index posts posts_title", "create_index posts posts_title"});
}

TEST_CASE("a changed foreign key is dropped first and added last") {
  auto live = users_posts();
  auto target = users_posts();
  target.tables[1].foreign_keys[0].on_delete = db::referential_action::cascade;
  CHECK(brief(db::diff(live, target)) ==
        names{"drop_foreign_key posts posts_user_id_fkey", "add_foreign_key posts posts_user_id_fkey"});
}

TEST_CASE("re-typing a column a foreign key uses or references drops and re-adds the key") {
  auto live = users_posts();
  CHECK(brief(db::diff(live, users_posts(col("user_id", "BIGINT")))) ==
        names{"drop_foreign_key posts posts_user_id_fkey", "alter_column posts user_id",
              "add_foreign_key posts posts_user_id_fkey"});

  auto parent_retyped = users_posts();
  parent_retyped.tables[0].columns[0].type = "BIGINT";
  CHECK(brief(db::diff(live, parent_retyped)) ==
        names{"drop_foreign_key posts posts_user_id_fkey", "alter_column users id",
              "add_foreign_key posts posts_user_id_fkey"});

  // Nullability or default changes do not touch the key.
  CHECK(brief(db::diff(live, users_posts(col("user_id", "INTEGER", true)))) ==
        names{"alter_column posts user_id"});
}

TEST_CASE("changing the parent's primary key or dropping the unique index a key references re-adds it") {
  auto live = sch({with(id_table("users", {col("code")}), {idx({"code"}, true)}),
                   with(id_table("posts", {col("user_code")}), {}, {fk({"user_code"}, "users", {"code"})})});
  auto target = live;
  target.tables[0].indexes.clear();
  target.tables[0].primary_key = {"code"};
  CHECK(brief(db::diff(live, target)) ==
        names{"drop_foreign_key posts posts_user_code_fkey", "drop_index users users_code_key",
              "alter_primary_key users", "add_foreign_key posts posts_user_code_fkey"});
}

TEST_CASE("indexes and foreign keys survive table and column renames, their generated names following") {
  auto live = users_posts();
  auto target = sch({with(id_table("members", {nullable("mail")}), {idx({"mail"}, true)}),
                     with(id_table("articles", {col("member_id"), nullable("title")}), {},
                          {fk({"member_id"}, "members")})});
  target.tables[0].renamed_from = "users";
  target.tables[0].columns[1].renamed_from = "email";
  target.tables[1].renamed_from = "posts";
  target.tables[1].columns[1].renamed_from = "user_id";
  CHECK(brief(db::diff(live, target)) ==
        names{"rename_table members <- users", "rename_table articles <- posts",
              "rename_column members mail <- email", "rename_column articles member_id <- user_id",
              "rename_index members members_mail_key <- users_email_key",
              "rename_foreign_key articles articles_member_id_fkey <- posts_user_id_fkey"});
}

TEST_CASE("a kept table's foreign key to a dropped table goes; a cycle between new tables works") {
  auto live = users_posts();
  auto target = live;
  target.tables.erase(target.tables.begin());
  target.tables[0].foreign_keys.clear();
  CHECK(brief(db::diff(live, target)) ==
        names{"drop_foreign_key posts posts_user_id_fkey", "drop_table users"});

  auto cycle = sch({with(id_table("a", {col("b_id")}), {}, {fk({"b_id"}, "b")}),
                    with(id_table("b", {col("a_id")}), {}, {fk({"a_id"}, "a")})});
  CHECK(brief(db::diff(db::schema{}, cycle)) ==
        names{"create_table a", "create_table b", "add_foreign_key a a_b_id_fkey", "add_foreign_key b b_a_id_fkey"});
}

TEST_CASE("enum changes: values added, removed, reordered") {
  auto live = sch({}, {enm("Role", {"admin", "member", "guest"}), enm("Same", {"x"})});
  auto added = sch({}, {enm("Role", {"admin", "member", "guest", "owner"}), enm("Same", {"x"})});
  auto d = db::diff(live, added);
  REQUIRE(d.steps.size() == 1);
  CHECK(d.steps[0].kind == db::step_kind::alter_enum);
  CHECK(d.steps[0].values_added == names{"owner"});
  CHECK(d.steps[0].values_removed.empty());
  CHECK_FALSE(d.steps[0].enum_reordered);

  auto removed = sch({}, {enm("Role", {"member", "admin"}), enm("Same", {"x"})});
  d = db::diff(live, removed);
  REQUIRE(d.steps.size() == 1);
  CHECK(d.steps[0].values_removed == names{"guest"});
  CHECK(d.steps[0].enum_reordered);
}
