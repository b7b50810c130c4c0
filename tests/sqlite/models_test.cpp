// db::push<Models...> on SQLite: the User/Post models, end to end.
#include "sqlite/fixture.hpp"

#include <dbpush/dbpush.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sqlite_models {

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
  std::vector<std::byte> cover;
};

}  // namespace sqlite_models

template <>
struct db::model<sqlite_models::User> {
  static constexpr auto table = "users";
  static constexpr auto fields = db::fields(db::field<&sqlite_models::User::id>(db::primary_key, db::autoincrement),
                                            db::field<&sqlite_models::User::email>(db::unique),
                                            db::field<&sqlite_models::User::role>(db::default_value(sqlite_models::Role::member)),
                                            db::field<&sqlite_models::User::created_at>(db::default_now));
};

template <>
struct db::model<sqlite_models::Post> {
  static constexpr auto fields = db::fields(
      db::field<&sqlite_models::Post::id>(db::primary_key, db::autoincrement),
      db::field<&sqlite_models::Post::author_id>(db::references<&sqlite_models::User::id>(db::on_delete::cascade)),
      db::field<&sqlite_models::Post::published>(db::default_value(false)));
  static constexpr auto indexes =
      db::indexes(db::index_on<&sqlite_models::Post::author_id, &sqlite_models::Post::title>());
};

using namespace sqlite_test;
using sqlite_models::Post;
using sqlite_models::User;

TEST_CASE("sqlite push<User, Post> creates the models' tables, and a second push does nothing") {
  temp_db t;
  auto r = db::push<User, Post>(t.conn);
  CHECK(r.changed);
  t.conn.exec("INSERT INTO users (email) VALUES ('ada@x')");
  t.conn.exec("INSERT INTO Post (title, author_id, cover) VALUES ('hello', 1, x'00')");
  CHECK(rows(t.conn, "SELECT role, created_at IS NOT NULL FROM users") == std::vector<std::string>{"'member'|1"});
  CHECK(rows(t.conn, "SELECT published FROM Post") == std::vector<std::string>{"0"});
  CHECK_THROWS(t.conn.exec("INSERT INTO users (email, role) VALUES ('bob@x', 'owner')"));

  const auto bytes = file_bytes(t.path);
  auto again = db::push<User, Post>(t.conn);
  CHECK_FALSE(again.changed);
  CHECK(again.steps.empty());
  CHECK(file_bytes(t.path) == bytes);
  CHECK(db::plan<User, Post>(t.conn).empty());
  CHECK(db::introspect(t.conn) == [] {
    auto s = db::schema_of<User, Post>(db::dialect::sqlite);
    db::sqlite::canonicalise(s);
    db::normalise(s);
    return s;
  }());

  db::reset<User, Post>(t.conn);
  CHECK(count(t.conn, "SELECT count(*) FROM users") == 0);
}
