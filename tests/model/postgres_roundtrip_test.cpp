// The schema derived from models, pushed to a real PostgreSQL server: it reads
// back equal to db::schema_of's output as is (the DSL spells types and defaults
// the way the catalog reports them), and a second push runs nothing.
#include "everything.hpp"
#include "postgres/pg_fixture.hpp"

#include <doctest/doctest.h>

TEST_CASE("every type and default pushed to PostgreSQL reads back equal") {
  pgtest::fixture f;
  const db::schema target = db::schema_of<types_test::Everything, shop::User, shop::Post>(db::dialect::postgres);
  const db::push_result first = f.push(target);
  CHECK(first.changed);
  CHECK_MESSAGE(f.live() == target, "live:\n" << f.live() << "\ntarget:\n" << target);
  f.check_idempotent(target);

  f.exec("INSERT INTO " + f.q("users") + " (email) VALUES ('a@example.com')");
  CHECK(f.column_of("SELECT role::text FROM " + f.q("users")) == std::vector<std::string>{"member"});
  CHECK(f.count("SELECT count(*) FROM " + f.q("users") + " WHERE created_at > now() - interval '1 hour'") == 1);
  f.exec("INSERT INTO " + f.q("Post") + " (title, author_id, cover) VALUES ('t', 1, '\\x00')");
  CHECK(f.column_of("SELECT published::text FROM " + f.q("Post")) == std::vector<std::string>{"false"});
  f.exec("DELETE FROM " + f.q("users"));
  CHECK(f.count("SELECT count(*) FROM " + f.q("Post")) == 0);
}

