// db::schema_of: dependency order, cycles, self references, idempotence.
#include "models.hpp"

#include <doctest/doctest.h>

namespace schema_of_test {

struct Employee {
  std::int64_t id;
  std::optional<std::int64_t> manager_id;  // self reference
  std::optional<std::int64_t> team_id;
};

struct Team {
  std::int64_t id;
  std::int64_t lead_id;  // Team -> Employee and Employee -> Team: a cycle
};

struct Comment {
  std::int64_t id;
  std::int64_t post_id;
};

struct Country {
  std::string code;
};

struct City {
  std::int64_t id;
  std::optional<std::string> country;
};

}  // namespace schema_of_test

template <>
struct db::model<schema_of_test::Employee> {
  using E = schema_of_test::Employee;
  static constexpr auto fields =
      db::fields(db::field<&E::manager_id>(db::references<&E::id>(db::on_delete::set_null)),
                 db::field<&E::team_id>(db::references<&schema_of_test::Team::id>()));
};

template <>
struct db::model<schema_of_test::Team> {
  static constexpr auto fields =
      db::fields(db::field<&schema_of_test::Team::lead_id>(db::references<&schema_of_test::Employee::id>()));
};

template <>
struct db::model<schema_of_test::Comment> {
  static constexpr auto fields =
      db::fields(db::field<&schema_of_test::Comment::post_id>(db::references<&shop::Post::id>()));
};

template <>
struct db::model<schema_of_test::Country> {
  static constexpr auto table = "countries";
  static constexpr auto fields =
      db::fields(db::field<&schema_of_test::Country::code>(db::primary_key, db::column_name("iso_code")));
};

template <>
struct db::model<schema_of_test::City> {
  static constexpr auto foreign_keys = db::foreign_keys(db::foreign_key_on<&schema_of_test::City::country>(
      db::references<&schema_of_test::Country::code>(db::on_update::cascade), db::named("city_in_country")));
};

namespace {

using schema_of_test::Comment;
using schema_of_test::Employee;
using schema_of_test::Team;

std::vector<std::string> table_order(const db::schema& s) {
  std::vector<std::string> names;
  for (const auto& t : s.tables) names.push_back(t.name);
  return names;
}

}  // namespace

TEST_CASE("tables come out parents first whatever the order of the list") {
  const std::vector<std::string> order{"users", "Post", "Comment"};
  CHECK(table_order(db::schema_of<Comment, shop::Post, shop::User>(db::dialect::sqlite)) == order);
  CHECK(table_order(db::schema_of<shop::Post, Comment, shop::User>(db::dialect::postgres)) == order);
  CHECK(table_order(db::schema_of<shop::User, shop::Post, Comment>(db::dialect::sqlite)) == order);
}

TEST_CASE("cycles and self references are accepted") {
  const db::schema s = db::schema_of<Team, Employee>(db::dialect::postgres);
  REQUIRE(s.tables.size() == 2);
  const db::table* employee = s.find_table("Employee");
  REQUIRE(employee != nullptr);
  REQUIRE(employee->foreign_keys.size() == 2);
  CHECK(employee->foreign_keys[0].name == "Employee_manager_id_fkey");
  CHECK(employee->foreign_keys[0].referenced_table == "Employee");
  CHECK(employee->foreign_keys[0].on_delete == db::referential_action::set_null);
  CHECK(employee->foreign_keys[1].referenced_table == "Team");
  CHECK(s.find_table("Team")->foreign_keys[0].referenced_table == "Employee");
}

TEST_CASE("the same models give equal schemas; dialects differ") {
  const db::schema a = db::schema_of<shop::User, shop::Post>(db::dialect::sqlite);
  const db::schema b = db::schema_of<shop::Post, shop::User>(db::dialect::sqlite);
  CHECK(a == b);
  CHECK(model_test::printed(a) == model_test::printed(b));
  CHECK_FALSE(a == db::schema_of<shop::User, shop::Post>(db::dialect::postgres));
}

TEST_CASE("the issue's sketch, printed for PostgreSQL") {
  CHECK(model_test::printed(db::schema_of<shop::User, shop::Post>(db::dialect::postgres)) ==
        "enum Role { member, admin }\n"
        "table users {\n"
        "  id bigint NOT NULL AUTOINCREMENT\n"
        "  email text NOT NULL\n"
        "  name text NULL\n"
        "  role Role NOT NULL DEFAULT 'member' ENUM Role\n"
        "  created_at timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP\n"
        "  PRIMARY KEY (id)\n"
        "  UNIQUE INDEX users_email_key (email)\n"
        "}\n"
        "table Post {\n"
        "  id bigint NOT NULL AUTOINCREMENT\n"
        "  title text NOT NULL\n"
        "  author_id bigint NOT NULL\n"
        "  published boolean NOT NULL DEFAULT false\n"
        "  cover bytea NOT NULL\n"
        "  PRIMARY KEY (id)\n"
        "  INDEX Post_author_id_title_idx (author_id, title)\n"
        "  FOREIGN KEY Post_author_id_fkey (author_id) REFERENCES users (id) ON DELETE CASCADE ON UPDATE NO ACTION\n"
        "}\n");
}

TEST_CASE("foreign keys take the referenced model's table and column names") {
  const db::schema s = db::schema_of<schema_of_test::City, schema_of_test::Country>(db::dialect::sqlite);
  const db::table* city = s.find_table("City");
  REQUIRE(city != nullptr);
  REQUIRE(city->foreign_keys.size() == 1);
  const db::foreign_key& fk = city->foreign_keys[0];
  CHECK(fk.name == "city_in_country");
  CHECK(fk.columns == std::vector<std::string>{"country"});
  CHECK(fk.referenced_table == "countries");
  CHECK(fk.referenced_columns == std::vector<std::string>{"iso_code"});
  CHECK(fk.on_update == db::referential_action::cascade);
  CHECK(city->find_column("country")->nullable);
  CHECK(s.tables[0].name == "countries");
}
