// Canonical spellings, cast classes and introspection of objects made by hand.
#include "pg_fixture.hpp"

#include <dbpush/postgres/cast_rules.hpp>

#include <cstdio>
#include <sstream>

using db::postgres::canonical_default;
using db::postgres::canonical_type;
using db::postgres::classify_cast;

TEST_CASE("aliases map to format_type's spelling") {
  CHECK(canonical_type("int8") == "bigint");
  CHECK(canonical_type("INT4") == "integer");
  CHECK(canonical_type("int") == "integer");
  CHECK(canonical_type("int2") == "smallint");
  CHECK(canonical_type("bool") == "boolean");
  CHECK(canonical_type("float8") == "double precision");
  CHECK(canonical_type("float4") == "real");
  CHECK(canonical_type("varchar(255)") == "character varying(255)");
  CHECK(canonical_type("VARCHAR ( 255 )") == "character varying(255)");
  CHECK(canonical_type("varchar") == "character varying");
  CHECK(canonical_type("timestamptz") == "timestamp with time zone");
  CHECK(canonical_type("timestamp") == "timestamp without time zone");
  CHECK(canonical_type("timestamptz(3)") == "timestamp(3) with time zone");
  CHECK(canonical_type("decimal(10, 2)") == "numeric(10,2)");
  CHECK(canonical_type("numeric(10)") == "numeric(10,0)");
  CHECK(canonical_type("char(3)") == "character(3)");
  CHECK(canonical_type("text[]") == "text[]");
  CHECK(canonical_type("int4[]") == "integer[]");
  CHECK(canonical_type("serial") == "integer");
  CHECK(canonical_type("bigserial") == "bigint");
  CHECK(canonical_type("jsonb") == "jsonb");
  CHECK(canonical_type("MyDomain") == "MyDomain");
}

TEST_CASE("defaults lose the casts the catalog adds to literals") {
  CHECK(canonical_default("'member'::\"Role\"", "Role") == "'member'");
  CHECK(canonical_default("'member'::app.\"Role\"", "Role") == "'member'");
  CHECK(canonical_default("'abc'::character varying", "character varying") == "'abc'");
  CHECK(canonical_default("'it''s'::text", "text") == "'it''s'");
  CHECK(canonical_default("'-1'::integer", "integer") == "-1");
  CHECK(canonical_default("'0'::bigint", "bigint") == "0");
  CHECK(canonical_default("'1.50'::numeric", "numeric") == "1.50");
  CHECK(canonical_default("'007'::text", "text") == "'007'");
  CHECK(canonical_default("'-0'::text", "text") == "'-0'");
  CHECK(canonical_default("'{}'::jsonb", "jsonb") == "'{}'");
  CHECK(canonical_default("'a'::text || 'b'::text", "text") == "'a'::text || 'b'::text");
  CHECK(canonical_default("TRUE", "boolean") == "true");
  CHECK(canonical_default("current_timestamp", "timestamp with time zone") == "CURRENT_TIMESTAMP");
  CHECK(canonical_default("now()", "timestamp with time zone") == "now()");
}

// A bare number is an integer or numeric constant: on any other type it is
// another type (refused in a DEFAULT) or another value (text '1.50' vs 1.50).
TEST_CASE("a quoted number loses its quotes on number columns only") {
  for (const std::string type : {"smallint", "integer", "bigint", "numeric", "numeric(10,2)", "real", "double precision"}) {
    CAPTURE(type);
    CHECK(canonical_default("'-1'::" + type, type) == "-1");
    CHECK(canonical_default("'1.50'", type) == "1.50");
  }
  for (const std::string type : {"text", "character varying(8)", "character(3)", "jsonb", "json", "boolean", "bytea",
                                 "interval", "Role", "integer[]"}) {
    CAPTURE(type);
    CHECK(canonical_default("'1'::" + type, type) == "'1'");
    CHECK(canonical_default("'-2.5'", type) == "'-2.5'");
  }
}

TEST_CASE("index predicates lose the parentheses pg_get_expr adds") {
  CHECK(db::postgres::canonical_predicate("((a IS NULL))") == "a IS NULL");
  CHECK(db::postgres::canonical_predicate("(a > 1) AND (b > 2)") == "(a > 1) AND (b > 2)");
}

TEST_CASE("cast classes follow PostgreSQL's casts") {
  using db::cast_class;
  CHECK(classify_cast("smallint", "integer") == cast_class::safe);
  CHECK(classify_cast("integer", "bigint") == cast_class::safe);
  CHECK(classify_cast("bigint", "integer") == cast_class::not_castable);  // fails past 2^31, no wrap
  CHECK(classify_cast("integer", "smallint") == cast_class::not_castable);
  CHECK(classify_cast("character varying(10)", "text") == cast_class::safe);
  CHECK(classify_cast("character varying(10)", "character varying(20)") == cast_class::safe);
  CHECK(classify_cast("character varying(20)", "character varying(10)") == cast_class::risky);
  CHECK(classify_cast("text", "character varying(10)") == cast_class::risky);
  CHECK(classify_cast("json", "jsonb") == cast_class::safe);
  CHECK(classify_cast("jsonb", "json") == cast_class::safe);
  CHECK(classify_cast("numeric(10,2)", "numeric(12,2)") == cast_class::safe);
  CHECK(classify_cast("numeric(10,2)", "numeric(10,1)") == cast_class::risky);
  CHECK(classify_cast("numeric(10,2)", "numeric(9,1)") == cast_class::not_castable);  // 99999999.99 rounds up
  CHECK(classify_cast("numeric(10,2)", "numeric(5,2)") == cast_class::not_castable);
  CHECK(classify_cast("double precision", "real") == cast_class::not_castable);  // overflow, underflow
  CHECK(classify_cast("real", "integer") == cast_class::not_castable);          // NaN, infinity, range
  CHECK(classify_cast("numeric(10,2)", "integer") == cast_class::not_castable);  // NaN
  CHECK(classify_cast("numeric(10,2)", "double precision") == cast_class::risky);
  CHECK(classify_cast("numeric", "double precision") == cast_class::not_castable);  // 1e400
  CHECK(classify_cast("double precision", "numeric") == cast_class::risky);
  CHECK(classify_cast("double precision", "numeric(20,0)") == cast_class::not_castable);
  CHECK(classify_cast("integer", "numeric(10,0)") == cast_class::safe);
  CHECK(classify_cast("bigint", "numeric(10,0)") == cast_class::not_castable);
  CHECK(classify_cast("bigint", "real") == cast_class::risky);
  CHECK(classify_cast("integer", "text") == cast_class::safe);
  CHECK(classify_cast("timestamp without time zone", "timestamp with time zone") == cast_class::safe);
  CHECK(classify_cast("text", "integer") == cast_class::not_castable);
  CHECK(classify_cast("text", "uuid") == cast_class::not_castable);
  CHECK(classify_cast("integer", "boolean") == cast_class::not_castable);
  CHECK(classify_cast("Role", "text") == cast_class::safe);
  CHECK(classify_cast("Role", "integer") == cast_class::not_castable);
}

// The classes say what the server does: over extreme values of every number
// type, a conversion (as the renderer writes it) that fails on one of them is
// not_castable, and one that alters one of them (it does not cast back to the
// same value) is not safe.
TEST_CASE("number cast classes hold over every type's extreme values") {
  using db::cast_class;
  const std::vector<std::pair<std::string, std::vector<std::string>>> samples = {
      {"smallint", {"32767", "-32768", "0"}},
      {"integer", {"2147483647", "-2147483648", "7"}},
      {"bigint", {"9223372036854775807", "-9223372036854775808", "123456789012"}},
      {"numeric(20,0)", {"99999999999999999999", "-5", "NaN"}},
      {"numeric(10,2)", {"99999999.99", "-0.01", "1.50", "NaN"}},
      {"numeric(12,2)", {"9999999999.99", "0.05"}},
      {"numeric(9,1)", {"99999999.9", "-0.1"}},
      {"numeric", {"1e400", "1e-400", "123456789012345678901234567890.123", "NaN"}},
      {"real", {"3.4028235e+38", "1e-45", "0.5", "NaN", "Infinity", "-Infinity"}},
      {"double precision", {"1.7976931348623157e+308", "1e-300", "0.1", "NaN", "-Infinity"}}};
  pgtest::fixture f;
  for (const auto& [from, values] : samples)
    for (const auto& [to, unused] : samples) {
      if (from == to) continue;
      const auto cls = classify_cast(from, to);
      const bool via_text = db::postgres::converts_through_text(from, false, to, false);
      for (const auto& v : values) {
        CAPTURE(from);
        CAPTURE(to);
        CAPTURE(v);
        const std::string value = "'" + v + "'::" + from;
        const std::string converted = "(" + value + (via_text ? "::text::" : "::") + to + ")";
        bool fails = false, alters = false;
        try {
          alters = f.column_of("SELECT (" + converted + "::" + from + " IS DISTINCT FROM " + value + ")::text") !=
                   std::vector<std::string>{"false"};
        } catch (const pqxx::sql_error&) {
          try {
            f.column_of("SELECT " + converted + "::text");
            alters = true;  // only the cast back fails
          } catch (const pqxx::sql_error&) {
            fails = true;
          }
        }
        if (fails) CHECK(cls == cast_class::not_castable);
        if (alters) CHECK(cls != cast_class::safe);
      }
    }
}

TEST_CASE("introspection reads tables made elsewhere") {
  pgtest::fixture f;
  f.exec("CREATE TYPE " + f.q("Mood") + " AS ENUM ('sad', 'ok', 'happy')");
  f.exec("CREATE TABLE " + f.q("parent") + " (id serial PRIMARY KEY, code varchar(10) UNIQUE, "
         "mood " + f.q("Mood") + " NOT NULL DEFAULT 'ok', big int8 DEFAULT -1)");
  f.exec("CREATE TABLE " + f.q("child") + " (a int4, b int4, parent_id int4 REFERENCES " +
         f.q("parent") + " ON DELETE CASCADE ON UPDATE SET NULL, note text DEFAULT 'x', "
         "CONSTRAINT child_key PRIMARY KEY (b, a))");
  f.exec("CREATE INDEX partial_idx ON " + f.q("child") + " (note, a) WHERE note IS NOT NULL");

  auto live = f.live();
  REQUIRE(live.tables.size() == 2);
  CHECK(live.tables[0].name == "parent");  // parents first
  const auto& parent = live.tables[0];
  const auto* id = parent.find_column("id");
  REQUIRE(id);
  CHECK(id->type == "integer");
  CHECK(id->autoincrement);
  CHECK_FALSE(id->default_sql);
  CHECK(parent.find_column("code")->type == "character varying(10)");
  CHECK(parent.find_column("mood")->enum_type == std::optional<std::string>("Mood"));
  CHECK(parent.find_column("mood")->default_sql == std::optional<std::string>("'ok'"));
  CHECK(parent.find_column("big")->default_sql == std::optional<std::string>("-1"));
  REQUIRE(parent.indexes.size() == 1);
  CHECK(parent.indexes[0].name == "parent_code_key");
  CHECK(parent.indexes[0].unique);
  CHECK(parent.indexes[0].from_constraint);

  const auto& child = live.tables[1];
  CHECK(child.primary_key == std::vector<std::string>{"b", "a"});
  REQUIRE(child.foreign_keys.size() == 1);
  CHECK(child.foreign_keys[0].name == "child_parent_id_fkey");
  CHECK(child.foreign_keys[0].referenced_table == "parent");
  CHECK(child.foreign_keys[0].on_delete == db::referential_action::cascade);
  CHECK(child.foreign_keys[0].on_update == db::referential_action::set_null);
  REQUIRE(child.indexes.size() == 1);
  CHECK(child.indexes[0].columns == std::vector<std::string>{"note", "a"});
  CHECK(child.indexes[0].where == std::optional<std::string>("note IS NOT NULL"));
  CHECK_FALSE(child.indexes[0].from_constraint);
  REQUIRE(live.enums.size() == 1);
  CHECK(live.enums[0].values == std::vector<std::string>{"sad", "ok", "happy"});
}

TEST_CASE("a SERIAL table made elsewhere diffs as unchanged against an autoincrement target") {
  pgtest::fixture f;
  f.exec("CREATE TABLE " + f.q("t") + " (id serial PRIMARY KEY, name text NOT NULL)");
  db::schema target;
  target.tables.push_back(pgtest::tbl("t", {pgtest::id_col("id", "int4"), pgtest::col("name", "text")}));
  f.check_idempotent(target);
}

TEST_CASE("only the managed schema is read") {
  pgtest::fixture f;
  pgtest::fixture other;
  other.exec("CREATE TABLE " + other.q("elsewhere") + " (x int)");
  CHECK(f.live().tables.empty());
  CHECK(other.live().tables.size() == 1);
}

namespace {

// First word of every statement the client sent (libpq's protocol trace: Query
// and Parse messages) while `run` ran.
template <class F>
std::vector<std::string> statements_sent(pqxx::connection& conn, F run) {
  FILE* trace = std::tmpfile();
  REQUIRE(trace);
  conn.trace(trace);
  run();
  conn.trace(nullptr);
  std::rewind(trace);
  std::string text;
  std::array<char, 4096> buf{};
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), trace)) text.append(buf.data(), n);
  std::fclose(trace);
  std::vector<std::string> words;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> fields;
    std::istringstream split(line);
    for (std::string field; std::getline(split, field, '\t');) fields.push_back(field);
    if (fields.size() < 5 || fields[1] != "F" || (fields[3] != "Query" && fields[3] != "Parse")) continue;
    // Query: ' "TEXT"'; Parse: ' "" "TEXT' (the text may start on the next line).
    std::string rest = fields[4];
    std::erase(rest, '"');
    std::string first;
    std::istringstream(rest) >> first;
    while (first.empty() && std::getline(lines, line)) std::istringstream(line) >> first;
    words.push_back(first);
  }
  return words;
}

db::schema many_tables(int n) {
  db::schema s;
  s.enums.push_back({"Kind", {"a", "b"}});
  for (int i = 0; i < n; ++i) {
    auto kind = pgtest::col("kind", "Kind", false, "'a'");
    kind.enum_type = "Kind";
    auto t = pgtest::tbl("t" + std::to_string(i), {pgtest::id_col(), pgtest::col("ref", "bigint", true), kind});
    t.indexes.push_back({"", {"ref"}, true, std::nullopt, false});
    if (i > 0) t.foreign_keys.push_back({"", {"ref"}, "t" + std::to_string(i - 1), {"id"}, {}, {}});
    s.tables.push_back(t);
  }
  return s;
}

}  // namespace

TEST_CASE("introspection runs the same few queries for 1 table or 40") {
  pgtest::fixture small, large;
  small.push(many_tables(1));
  large.push(many_tables(40));
  auto one = statements_sent(small.conn, [&] { CHECK(small.live().tables.size() == 1); });
  auto forty = statements_sent(large.conn, [&] { CHECK(large.live().tables.size() == 40); });
  CHECK(one == forty);
  // BEGIN, the lock, three catalog queries, ROLLBACK.
  CHECK(one.size() == 6);
}

TEST_CASE("a push with nothing to do sends only reads") {
  pgtest::fixture f;
  f.push(many_tables(3));
  auto sent = statements_sent(f.conn, [&] { CHECK_FALSE(f.push(many_tables(3)).changed); });
  for (const auto& word : sent) {
    INFO(word);
    CHECK((word == "BEGIN" || word == "SELECT" || word == "ROLLBACK"));
  }
  CHECK(sent.front() == "BEGIN");
  CHECK(sent.back() == "ROLLBACK");
}
