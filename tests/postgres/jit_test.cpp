// A push turns JIT off for its own transaction only: a connection that forces
// JIT (jit_above_cost = 0) still pushes, and keeps its own settings afterwards.
#include "pg_fixture.hpp"

using pgtest::col;
using pgtest::id_col;
using pgtest::tbl;

namespace {

std::string setting(pgtest::fixture& f, const std::string& name) {
  return f.column_of("SELECT current_setting('" + name + "')").at(0);
}

}  // namespace

TEST_CASE("a push runs with JIT off and leaves the connection's JIT settings as they were") {
  pgtest::fixture f;
  f.exec("SET jit = on");
  f.exec("SET jit_above_cost = 0");
  db::schema target;
  target.tables.push_back(tbl("t", {id_col(), col("name", "text")}));
  CHECK(f.push(target).changed);
  f.exec("INSERT INTO " + f.q("t") + " (name) VALUES ('a')");

  // ADD COLUMN evaluates a stable default once, inside the push's transaction:
  // the row keeps the value jit had there.
  target.tables[0].columns.push_back(col("jit_in_push", "text", true, "current_setting('jit')"));
  CHECK(f.push(target).changed);
  CHECK(f.column_of("SELECT jit_in_push FROM " + f.q("t")) == std::vector<std::string>{"off"});

  CHECK_FALSE(f.push(target).changed);
  CHECK(setting(f, "jit") == "on");
  CHECK(setting(f, "jit_above_cost") == "0");
  CHECK(f.column_of("SELECT current_setting('jit') FROM " + f.q("t")) == std::vector<std::string>{"on"});
}

TEST_CASE("a refused push restores the connection's JIT setting too") {
  pgtest::fixture f;
  f.exec("SET jit = on");
  db::schema target;
  target.tables.push_back(tbl("t", {id_col(), col("n", "int4")}));
  f.push(target);
  f.exec("INSERT INTO " + f.q("t") + " (n) VALUES (1), (1)");
  target.tables[0].indexes.push_back({"", {"n"}, true, std::nullopt, false});
  CHECK_THROWS_AS(f.push(target), db::unexecutable_error);  // refused inside the transaction
  CHECK(setting(f, "jit") == "on");
}
