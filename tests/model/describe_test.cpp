// The per-model description is a constant expression: checked at namespace scope.
#include "models.hpp"

#include <doctest/doctest.h>

namespace {

constexpr const db::model_description& user = db::description_of<shop::User>;
constexpr const db::model_description& post = db::description_of<shop::Post>;

static_assert(user.table == "users");
static_assert(post.table == "Post");  // default: the struct's unqualified name
static_assert(user.columns.size() == 5);
static_assert(user.columns[0].name == "id" && user.columns[0].primary_key && user.columns[0].autoincrement);
static_assert(user.columns[0].type.kind == db::type_kind::int64);
static_assert(user.columns[1].name == "email" && user.columns[1].unique && !user.columns[1].nullable);
static_assert(user.columns[1].type.kind == db::type_kind::text);
static_assert(user.columns[2].name == "name" && user.columns[2].nullable);
static_assert(user.columns[3].type.kind == db::type_kind::enumeration);
static_assert(user.columns[3].enumeration->name == "Role");
static_assert(user.columns[3].enumeration->values.size() == 2 && user.columns[3].enumeration->values[1] == "admin");
static_assert(user.columns[3].default_value.kind == db::default_kind::enumerator);
static_assert(user.columns[3].default_value.text == "member");
static_assert(user.columns[4].type.kind == db::type_kind::timestamp);
static_assert(user.columns[4].default_value.kind == db::default_kind::now);
static_assert(user.primary_key.size() == 1 && user.primary_key[0] == "id");
static_assert(user.indexes.size() == 1 && user.indexes[0].unique && user.indexes[0].columns[0] == "email");

static_assert(post.columns[3].name == "published" && post.columns[3].type.kind == db::type_kind::boolean);
static_assert(post.columns[3].default_value.kind == db::default_kind::boolean && !post.columns[3].default_value.boolean);
static_assert(post.columns[4].type.kind == db::type_kind::bytes);
static_assert(post.foreign_keys.size() == 1);
static_assert(post.foreign_keys[0].columns[0] == "author_id");
static_assert(post.foreign_keys[0].referenced_table == "users");
static_assert(post.foreign_keys[0].referenced_columns[0] == "id");
static_assert(post.foreign_keys[0].on_delete == db::referential_action::cascade);
static_assert(post.foreign_keys[0].on_update == db::referential_action::no_action);
static_assert(post.indexes.size() == 1 && !post.indexes[0].unique);
static_assert(post.indexes[0].columns.size() == 2 && post.indexes[0].columns[1] == "title");

// A struct without a db::model specialisation: its integer `id` is the
// autoincrement primary key.
struct Tag {
  std::int32_t id;
  std::string label;
};
constexpr const db::model_description& tag = db::description_of<Tag>;
static_assert(tag.table == "Tag");
static_assert(tag.columns[0].primary_key && tag.columns[0].autoincrement);
static_assert(tag.columns[0].type.kind == db::type_kind::int32);
static_assert(tag.columns[1].name == "label" && !tag.columns[1].primary_key);

}  // namespace

TEST_CASE("the constexpr description reaches the runtime schema unchanged") {
  const db::schema s = db::schema_of<shop::User, shop::Post>(db::dialect::sqlite);
  REQUIRE(s.tables.size() == 2);
  const db::table* users = s.find_table("users");
  REQUIRE(users != nullptr);
  CHECK(users->columns.size() == user.columns.size());
  for (std::size_t i = 0; i < user.columns.size(); ++i) CHECK(users->columns[i].name == user.columns[i].name);
}

TEST_CASE("a struct without a specialisation pushes with its id as key") {
  const db::schema s = db::schema_of<Tag>(db::dialect::postgres);
  CHECK(model_test::printed(s) ==
        "table Tag {\n"
        "  id integer NOT NULL AUTOINCREMENT\n"
        "  label text NOT NULL\n"
        "  PRIMARY KEY (id)\n"
        "}\n");
}
