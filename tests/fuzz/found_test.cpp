// What the fuzz targets found (docs/reliability.md), each as a property over
// many spellings: every one failed before its fix. The inputs that found them
// are in the corpus (corpus/<target>/found-*), replayed by fuzz.corpus_*.
#include "sqlite/fixture.hpp"

#include <dbpush/postgres/canonical.hpp>
#include <dbpush/postgres/cast_rules.hpp>

#include <string>
#include <vector>

using namespace sqlite_test;

// Found reading the code while writing sqlite_type_default: SQLite accepts any
// digits in a declared length, and the cast rules read them into a long
// (std::out_of_range escaped the push).
TEST_CASE("sqlite compares declared lengths of any size") {
  const std::string huge = "VARCHAR(99999999999999999999)";
  for (const auto& wide : {huge, std::string("VARCHAR(9223372036854775808)"), std::string("CHAR(000000000000000000000042)")}) {
    CAPTURE(wide);
    CHECK(db::sqlite::classify_cast(wide, "VARCHAR(10)") == db::cast_class::risky);
    CHECK(db::sqlite::classify_cast("VARCHAR(10)", wide) == db::cast_class::safe);
    CHECK(db::sqlite::classify_cast("TEXT", wide) == db::cast_class::risky);
  }
  // Past long, every length reads as the longest.
  CHECK(db::sqlite::classify_cast(huge, "VARCHAR(999999999999999999999)") == db::cast_class::safe);
  CHECK(db::sqlite::classify_cast("VARCHAR(999999999999999999999)", huge) == db::cast_class::safe);

  // The same through a push on a real file: refused as a possible loss, then applied.
  temp_db t;
  t.conn.exec("CREATE TABLE notes (id INTEGER NOT NULL PRIMARY KEY, body " + huge + ")");
  t.conn.exec("INSERT INTO notes VALUES (1, 'a long note'), (2, NULL)");
  const auto target = schema_of({table("notes", {col("id", "INTEGER"), col("body", "VARCHAR(10)", true)})});
  const auto e = refused<db::data_loss_error>(t, target);
  REQUIRE(e);
  REQUIRE(e->warnings().size() == 1);
  CHECK(e->warnings()[0].table == "notes");
  CHECK(e->warnings()[0].column == "body");
  CHECK(e->warnings()[0].count == 1);
  push_checked(t, target, accepting());
  CHECK(rows(t.conn, "SELECT id, body FROM notes ORDER BY id") == std::vector<std::string>{"1|'a long note'", "2|NULL"});
}

// Found by sqlite_type_default: canonical_default cut the first and last byte of
// a default whose parentheses a comment stands beside, leaving broken SQL.
TEST_CASE("sqlite defaults keep their text when a comment stands beside the wrapping parentheses") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/* note */ (1)", "1"},
      {"(1) /* note */", "1"},
      {"-- note\n(42)", "42"},
      {"((7) /* inner */)", "7"},
      // Comments inside stay, as SQLite keeps them in the default of DEFAULT ( ... ).
      {"/* a */ ( /* b */ 'x' /* c */ ) /* d */", "/* b */ 'x' /* c */"},
      {"( (-3) )", "-3"},
      {"(1) + (2)", "(1) + (2)"},
      {"(lower('ABC'))", "lower('ABC')"},
  };
  for (const auto& [written, canonical] : cases) {
    CAPTURE(written);
    CHECK(db::sqlite::canonical_default(written) == canonical);
  }

  // Pushed: the table is created with the default, and a second push has nothing to do.
  temp_db t;
  auto target = schema_of({table("counters", {col("id", "INTEGER"), col("start", "INTEGER", false, "/* note */ (1)"),
                                              col("label", "TEXT", false, "-- note\n('x')")})});
  push_checked(t, target);
  t.conn.exec("INSERT INTO counters (id) VALUES (5)");
  CHECK(rows(t.conn, "SELECT id, start, label FROM counters") == std::vector<std::string>{"5|1|'x'"});
}

// Found by sqlite_type_default: a declared type of blanks read as NUMERIC, while
// its canonical spelling (none) is BLOB, as SQLite reads a column without a type.
TEST_CASE("sqlite reads the affinity of a declared type as its canonical spelling") {
  for (const std::string declared : {" ", "\t", " \n ", " INT", "TEXT\t", "\tvarchar (10) ", " REAL ", " BLOB", " DECIMAL "}) {
    CAPTURE(declared);
    CHECK(db::sqlite::affinity_of(declared) == db::sqlite::affinity_of(db::sqlite::canonical_type(declared)));
  }
}

// Found by postgres_type_default: std::stoi on the modifiers of a type that is
// not PostgreSQL's (float(abc), numeric(x), character varying()) threw
// std::invalid_argument or std::out_of_range out of canonicalising or the cast
// rules. Such a type is unknown: spelled as written, and its casts left to the data.
TEST_CASE("postgres reads unreadable type modifiers as an unknown type") {
  const std::vector<std::string> unreadable = {
      "float(abc)", "float()", "float(99999999999)", "float(0)", "float(54)", "float(-1)",
      "numeric(x)", "numeric(,2)", "numeric(10,)", "numeric(2147483648,0)", "numeric(1000,x)",
      "character varying()", "character varying(x)", "character varying(99999999999)", "character( )",
      "numeric(2147483647,-2147483648)"};
  const std::vector<std::string> others = {"integer", "bigint", "numeric", "numeric(10,2)", "text",
                                           "character varying(10)", "real", "double precision", "mystery"};
  for (const auto& type : unreadable) {
    CAPTURE(type);
    const auto canonical = db::postgres::canonical_type(type);
    CHECK(db::postgres::canonical_type(canonical) == canonical);
    for (const auto& other : others) {
      CAPTURE(other);
      CHECK(db::postgres::classify_cast(canonical, other) == db::postgres::classify_cast("unknown_type", other));
      CHECK(db::postgres::classify_cast(other, canonical) == db::postgres::classify_cast(other, "unknown_type"));
    }
  }
  CHECK(db::postgres::canonical_type("float(abc)") == "float(abc)");
  CHECK(db::postgres::canonical_type("float(0)") == "float(0)");
  CHECK(db::postgres::canonical_type("float(1)") == "real");
  CHECK(db::postgres::canonical_type("float( 24 )") == "real");
  CHECK(db::postgres::canonical_type("float(25)") == "double precision");
  CHECK(db::postgres::canonical_type("FLOAT(53)") == "double precision");
}
