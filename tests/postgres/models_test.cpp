// db::push / plan / reset <Models...> on a pqxx connection (the models of the
// model tests: shop::User, shop::Post). The type mapping itself is tested in
// model.postgres_roundtrip.
#include "model/models.hpp"
#include "pg_fixture.hpp"

TEST_CASE("push, plan and reset take the models as template arguments") {
  pgtest::fixture f;
  auto r = db::push<shop::User, shop::Post>(f.conn, f.options());
  CHECK(r.changed);
  auto plan = db::plan<shop::User, shop::Post>(f.conn, f.options());
  CHECK_MESSAGE(plan.empty(), plan.to_string());
  f.sql.clear();
  CHECK_FALSE(db::push<shop::User, shop::Post>(f.conn, f.options()).changed);
  CHECK(f.sql.empty());

  f.exec("INSERT INTO " + f.q("users") + " (email) VALUES ('a@x')");
  auto only_users = db::plan<shop::User>(f.conn, f.options());
  CHECK(only_users.diff.steps.size() == 1);
  CHECK(only_users.diff.steps[0].kind == db::step_kind::drop_table);

  CHECK(db::reset<shop::User>(f.conn, f.options()).reset);
  CHECK(f.count("SELECT count(*) FROM " + f.q("users")) == 0);
  CHECK(f.live().tables.size() == 1);
}
