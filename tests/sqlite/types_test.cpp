// Canonical spellings and cast classes: no database.
#include <dbpush/sqlite/types.hpp>

#include <doctest/doctest.h>

using db::cast_class;
using namespace db::sqlite::detail;

TEST_CASE("sqlite types are upper case with normalised spacing") {
  CHECK(canonical_type("varchar( 10 )") == "VARCHAR(10)");
  CHECK(canonical_type(" decimal( 10 , 2 ) ") == "DECIMAL(10,2)");
  CHECK(canonical_type("unsigned   big int") == "UNSIGNED BIG INT");
  CHECK(canonical_type("") == "");
}

TEST_CASE("sqlite defaults read back as pragma_table_xinfo reports them") {
  CHECK(canonical_default(" (1+2) ") == "1+2");
  CHECK(canonical_default("((datetime('now')))") == "datetime('now')");
  CHECK(canonical_default("current_timestamp") == "CURRENT_TIMESTAMP");
  CHECK(canonical_default("true") == "TRUE");
  CHECK(canonical_default("NULL") == std::nullopt);
  CHECK(canonical_default("'it''s'") == "'it''s'");
  CHECK(canonical_default("(1) + (2)") == "(1) + (2)");
  CHECK(default_expression("-1.5") == "-1.5");
  CHECK(default_expression("'x'") == "'x'");
  CHECK(default_expression("datetime('now')") == "(datetime('now'))");
  CHECK(is_constant_default("0"));
  CHECK_FALSE(is_constant_default("CURRENT_TIMESTAMP"));
  CHECK_FALSE(is_constant_default("1+2"));
}

TEST_CASE("sqlite affinities follow SQLite's rules") {
  CHECK(affinity_of("BIGINT") == affinity::integer);
  CHECK(affinity_of("VARCHAR(255)") == affinity::text);
  CHECK(affinity_of("") == affinity::blob);
  CHECK(affinity_of("DOUBLE PRECISION") == affinity::real);
  CHECK(affinity_of("DATETIME") == affinity::numeric);
  CHECK(affinity_of("DECIMAL(10,2)") == affinity::numeric);
}

TEST_CASE("sqlite cast classes") {
  CHECK(classify_cast("INTEGER", "BIGINT") == cast_class::safe);
  CHECK(classify_cast("INTEGER", "REAL") == cast_class::safe);
  CHECK(classify_cast("INTEGER", "TEXT") == cast_class::safe);
  CHECK(classify_cast("VARCHAR(10)", "TEXT") == cast_class::safe);
  CHECK(classify_cast("VARCHAR(10)", "VARCHAR(20)") == cast_class::safe);
  CHECK(classify_cast("TEXT", "BLOB") == cast_class::safe);
  CHECK(classify_cast("INTEGER", "BOOLEAN") == cast_class::safe);
  CHECK(classify_cast("VARCHAR(20)", "VARCHAR(10)") == cast_class::risky);
  CHECK(classify_cast("TEXT", "VARCHAR(10)") == cast_class::risky);
  CHECK(classify_cast("REAL", "INTEGER") == cast_class::risky);
  CHECK(classify_cast("REAL", "TEXT") == cast_class::risky);
  CHECK(classify_cast("BLOB", "TEXT") == cast_class::risky);
  CHECK(classify_cast("TEXT", "DATETIME") == cast_class::risky);
  CHECK(classify_cast("TEXT", "INTEGER") == cast_class::not_castable);
  CHECK(classify_cast("TEXT", "REAL") == cast_class::not_castable);
}

TEST_CASE("sqlite copies cast only where the new affinity would keep the old representation") {
  CHECK(converted_value("\"c\"", "TEXT", "INTEGER") == "CAST(\"c\" AS INTEGER)");
  CHECK(converted_value("\"c\"", "REAL", "TEXT") == "CAST(\"c\" AS TEXT)");
  CHECK(converted_value("\"c\"", "TEXT", "DATETIME") == "\"c\"");
  CHECK(converted_value("\"c\"", "VARCHAR(10)", "TEXT") == "\"c\"");
}

TEST_CASE("sqlite canonicalise drops enums no column uses and types enum columns as TEXT") {
  db::schema s;
  db::table t;
  t.name = "t";
  db::column c;
  c.name = "role";
  c.enum_type = "Role";
  c.default_sql = "('member')";
  t.columns.push_back(c);
  s.tables.push_back(t);
  s.enums = {{"Role", {"member", "admin"}}, {"Unused", {"x"}}};
  canonicalise(s);
  REQUIRE(s.enums.size() == 1);
  CHECK(s.enums[0].name == "Role");
  CHECK(s.tables[0].columns[0].type == "TEXT");
  CHECK(s.tables[0].columns[0].default_sql == "'member'");
}

TEST_CASE("sqlite is_canonical holds exactly where canonicalise would change nothing") {
  db::schema s;
  db::table t;
  t.name = "t";
  t.columns = {{.name = "id", .type = "INTEGER"},
               {.name = "at", .type = "DATETIME", .default_sql = "CURRENT_TIMESTAMP"},
               {.name = "n", .type = "REAL", .default_sql = "0"},
               {.name = "note", .type = "TEXT", .default_sql = "'it''s'"},
               {.name = "role", .type = "TEXT", .default_sql = "'member'", .enum_type = "Role"}};
  t.indexes = {{.name = "t_note_idx", .columns = {"note"}, .where = "note IS NOT NULL"}};
  s.tables.push_back(t);
  s.enums = {{"Role", {"member", "admin"}}};
  REQUIRE(is_canonical(s));

  std::vector<std::pair<const char*, db::schema>> variants;
  auto variant = [&](const char* what, auto change) {
    auto v = s;
    change(v.tables[0], v);
    variants.emplace_back(what, std::move(v));
  };
  variant("a lower-case type", [](db::table& v, db::schema&) { v.columns[0].type = "integer"; });
  variant("a spaced type", [](db::table& v, db::schema&) { v.columns[0].type = "VARCHAR( 10 )"; });
  variant("an untyped enum column", [](db::table& v, db::schema&) { v.columns[4].type = ""; });
  variant("a lower-case keyword default", [](db::table& v, db::schema&) { v.columns[1].default_sql = "current_timestamp"; });
  variant("a padded default", [](db::table& v, db::schema&) { v.columns[2].default_sql = " 0"; });
  variant("a parenthesised default", [](db::table& v, db::schema&) { v.columns[2].default_sql = "(0)"; });
  variant("a NULL default", [](db::table& v, db::schema&) { v.columns[3].default_sql = "NULL"; });
  variant("an empty default", [](db::table& v, db::schema&) { v.columns[3].default_sql = ""; });
  variant("a padded predicate", [](db::table& v, db::schema&) { v.indexes[0].where = " note IS NOT NULL"; });
  variant("an empty predicate", [](db::table& v, db::schema&) { v.indexes[0].where = ""; });
  variant("an unused enum", [](db::table&, db::schema& v) { v.enums.push_back({"Unused", {"x"}}); });
  for (const auto& [what, v] : variants) {
    CAPTURE(what);
    CHECK_FALSE(is_canonical(v));
    auto canonical = v;
    canonicalise(canonical);
    CHECK(db::to_string(canonical) != db::to_string(v));
    CHECK(is_canonical(canonical));
  }
  auto unchanged = s;
  canonicalise(unchanged);
  CHECK(db::to_string(unchanged) == db::to_string(s));
}
