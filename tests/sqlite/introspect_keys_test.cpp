// Introspection of a primary key declared in another order than its columns,
// and of indexes on expressions, which dbpush cannot model and leaves out.
#include "sqlite/fixture.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace sqlite_test;

TEST_CASE("sqlite introspection keeps the primary key's order and leaves out indexes on expressions") {
  temp_db t;
  t.conn.exec("CREATE TABLE pair (a INT, b INT, c TEXT NOT NULL, PRIMARY KEY (c, a))");
  t.conn.exec("CREATE INDEX pair_lower ON pair (lower(c))");
  t.conn.exec("CREATE INDEX pair_mixed ON pair (a, lower(c), b)");
  t.conn.exec("CREATE INDEX pair_b ON pair (b)");
  t.conn.exec("CREATE TABLE other (x INTEGER PRIMARY KEY, y TEXT)");
  t.conn.exec("CREATE UNIQUE INDEX other_expr ON other (y || 'x')");
  t.conn.exec("CREATE INDEX other_y ON other (y, x)");

  const auto s = db::introspect(t.conn, db::push_options{});
  const auto* pair = s.find_table("pair");
  REQUIRE(pair);
  CHECK(pair->primary_key == std::vector<std::string>{"c", "a"});
  REQUIRE(pair->indexes.size() == 1);
  CHECK(pair->indexes[0].name == "pair_b");
  CHECK(pair->indexes[0].columns == std::vector<std::string>{"b"});
  const auto* other = s.find_table("other");
  REQUIRE(other);
  CHECK(other->primary_key == std::vector<std::string>{"x"});
  REQUIRE(other->indexes.size() == 1);
  CHECK(other->indexes[0].name == "other_y");
  CHECK(other->indexes[0].columns == std::vector<std::string>{"y", "x"});
}
