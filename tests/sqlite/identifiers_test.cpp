// Reserved words, mixed case, spaces and quotes in names, defaults and enum values.
#include "sqlite/fixture.hpp"

using namespace sqlite_test;

TEST_CASE("sqlite quotes odd identifiers and literals everywhere") {
  temp_db t;
  auto kind = col("Kind \"x\"", "TEXT", false, "'it''s'");
  kind.enum_type = "Odd \"enum\"";
  auto select = tbl("select", {col("order", "INTEGER"), col("Group By", "TEXT", true, "'a \"b\" ''c'''"), kind},
                      {"order"});
  select.indexes.push_back(unique_index({"Group By", "order"}));
  auto child = tbl("Child's Table", {id_col("id", "INTEGER"), col("from", "INTEGER", true)});
  child.foreign_keys.push_back(references({"from"}, "select", {"order"}, db::referential_action::set_null));
  auto target = sch({select, child}, {{"Odd \"enum\"", {"it's", "a,b", "x\"y"}}});
  push_checked(t, target);
  t.conn.exec(R"(INSERT INTO "select" ("order") VALUES (1), (2))");
  t.conn.exec(R"(INSERT INTO "Child's Table" ("from") VALUES (1), (2))");
  CHECK(rows(t.conn, R"(SELECT "Group By", "Kind ""x""" FROM "select" ORDER BY "order")") ==
        std::vector<std::string>{"'a \"b\" 'c''|'it's'", "'a \"b\" 'c''|'it's'"});

  // A redefinition of both tables with odd names keeps rows and references.
  auto changed = target;
  changed.tables[0].columns[1].nullable = false;
  changed.tables[0].columns[2].type = "VARCHAR(20)";
  changed.enums[0].values.push_back("new 'one'");
  changed.tables[1].columns[1].renamed_from = "from";
  changed.tables[1].columns[1].name = "to";
  changed.tables[1].foreign_keys[0].columns = {"to"};
  changed.tables[1].foreign_keys[0].on_delete = db::referential_action::cascade;
  push_checked(t, changed, accepting());
  t.conn.exec(R"(UPDATE "select" SET "Kind ""x""" = 'new ''one''' WHERE "order" = 2)");
  t.conn.exec(R"(DELETE FROM "select" WHERE "order" = 1)");
  CHECK(rows(t.conn, R"(SELECT "to" FROM "Child's Table")") == std::vector<std::string>{"2"});
}
