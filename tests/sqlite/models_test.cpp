// db::push<Models...> on SQLite: the User/Post models, end to end.
#include "sqlite/fixture.hpp"

#include "model/models.hpp"  // the User/Post models, shared with the model tests

using namespace sqlite_test;
using shop::Post;
using shop::User;

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
    db::sqlite::detail::canonicalise(s);
    db::normalise(s);
    return s;
  }());

  db::reset<User, Post>(t.conn);
  CHECK(count(t.conn, "SELECT count(*) FROM users") == 0);
}
