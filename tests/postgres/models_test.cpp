// db::push<Models...> on PostgreSQL: the models' types, enums, defaults and keys
// land as declared and a second push finds nothing to do.
#include "pg_fixture.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace pgmodels {

enum class Role { member, admin };

struct User {
  std::int64_t id;
  std::string email;
  std::optional<std::string> name;
  Role role;
  std::chrono::sys_seconds created_at;
};

struct Post {
  std::int64_t id;
  std::string title;
  std::int64_t author_id;
  bool published;
  double score;
};

}  // namespace pgmodels

template <>
struct db::model<pgmodels::User> {
  static constexpr auto table = "users";
  static constexpr auto fields = db::fields(
      db::field<&pgmodels::User::id>(db::primary_key, db::autoincrement),
      db::field<&pgmodels::User::email>(db::unique),
      db::field<&pgmodels::User::role>(db::default_value(pgmodels::Role::member)),
      db::field<&pgmodels::User::created_at>(db::default_now));
};

template <>
struct db::model<pgmodels::Post> {
  static constexpr auto fields = db::fields(
      db::field<&pgmodels::Post::id>(db::primary_key, db::autoincrement),
      db::field<&pgmodels::Post::author_id>(db::references<&pgmodels::User::id>(db::on_delete::cascade)),
      db::field<&pgmodels::Post::published>(db::default_value(false)));
  static constexpr auto indexes = db::indexes(db::index_on<&pgmodels::Post::author_id, &pgmodels::Post::title>());
};

TEST_CASE("models are pushed, rows use their defaults, and a second push does nothing") {
  pgtest::fixture f;
  auto r = db::push<pgmodels::User, pgmodels::Post>(f.conn, f.options());
  CHECK(r.changed);
  auto plan = db::plan<pgmodels::User, pgmodels::Post>(f.conn, f.options());
  CHECK_MESSAGE(plan.empty(), plan.to_string());
  f.sql.clear();
  auto again = db::push<pgmodels::User, pgmodels::Post>(f.conn, f.options());
  CHECK_FALSE(again.changed);
  CHECK(f.sql.empty());

  f.exec("INSERT INTO " + f.q("users") + " (email) VALUES ('a@x')");
  f.exec("INSERT INTO " + f.q("Post") + " (title, author_id, score) VALUES ('t', 1, 1.5)");
  CHECK(f.column_of("SELECT role::text || ' ' || (created_at IS NOT NULL)::text FROM " + f.q("users")) ==
        std::vector<std::string>{"member true"});
  CHECK(f.column_of("SELECT published::text FROM " + f.q("Post")) == std::vector<std::string>{"false"});
  f.exec("DELETE FROM " + f.q("users"));
  CHECK(f.count("SELECT count(*) FROM " + f.q("Post")) == 0);  // ON DELETE CASCADE

  db::reset<pgmodels::User>(f.conn, f.options());
  CHECK(f.live().tables.size() == 1);
}
