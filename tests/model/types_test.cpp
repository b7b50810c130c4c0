// Every field type and native override, spelled in both dialects.
#include "everything.hpp"

#include <dbpush/detail/type_names.hpp>

#include <doctest/doctest.h>

#include <array>
#include <string_view>

namespace {

struct expected_type {
  std::string_view column;
  std::string_view sqlite;
  std::string_view postgres;
};

constexpr std::array<expected_type, 29> expected{{
    {"id", "INTEGER", "bigint"},
    {"flag", "BOOLEAN", "boolean"},
    {"i8", "INTEGER", "smallint"},
    {"i16", "INTEGER", "smallint"},
    {"i32", "INTEGER", "integer"},
    {"i64", "INTEGER", "bigint"},
    {"u8", "INTEGER", "smallint"},
    {"u16", "INTEGER", "integer"},
    {"u32", "INTEGER", "bigint"},
    {"u64", "INTEGER", "numeric(20,0)"},
    {"f32", "REAL", "real"},
    {"f64", "REAL", "double precision"},
    {"text", "TEXT", "text"},
    {"bytes", "BLOB", "bytea"},
    {"octets", "BLOB", "bytea"},
    {"uchars", "BLOB", "bytea"},
    {"seconds", "DATETIME", "timestamp with time zone"},
    {"millis", "DATETIME", "timestamp with time zone"},
    {"day", "DATE", "date"},
    {"ymd", "DATE", "date"},
    {"mood", "TEXT", "Mood"},
    {"maybe", "INTEGER", "integer"},
    {"code", "VARCHAR(12)", "character varying(12)"},
    {"price", "DECIMAL(10,2)", "numeric(10,2)"},
    {"key", "TEXT", "uuid"},
    {"doc", "TEXT", "json"},
    {"docb", "TEXT", "jsonb"},
    {"point", "CHAR(3)", "character(3)"},
    {"balance", "DECIMAL(12,2)", "numeric(12,2)"},
}};

void check_types(db::dialect d) {
  const db::schema s = db::schema_of<types_test::Everything>(d);
  REQUIRE(s.tables.size() == 1);
  const db::table& t = s.tables[0];
  REQUIRE(t.columns.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(expected[i].column);
    CHECK(t.columns[i].name == expected[i].column);
    CHECK(t.columns[i].type == (d == db::dialect::sqlite ? expected[i].sqlite : expected[i].postgres));
    CHECK(t.columns[i].nullable == (expected[i].column == "maybe"));
  }
}

}  // namespace

TEST_CASE("type mapping: SQLite") { check_types(db::dialect::sqlite); }

TEST_CASE("type mapping: PostgreSQL") { check_types(db::dialect::postgres); }

TEST_CASE("enums become schema enums in both dialects, values from the enumerators") {
  for (db::dialect d : {db::dialect::sqlite, db::dialect::postgres}) {
    const db::schema s = db::schema_of<types_test::Everything>(d);
    REQUIRE(s.enums.size() == 1);
    CHECK(s.enums[0].name == "Mood");
    CHECK(s.enums[0].values == std::vector<std::string>{"calm", "angry"});
    const db::column* mood = s.tables[0].find_column("mood");
    REQUIRE(mood != nullptr);
    CHECK(mood->enum_type == std::optional<std::string>("Mood"));
  }
}

TEST_CASE("an integer id of a struct without annotations is an autoincrement key in both dialects") {
  const db::schema lite = db::schema_of<types_test::Everything>(db::dialect::sqlite);
  CHECK(lite.tables[0].primary_key == std::vector<std::string>{"id"});
  CHECK(lite.tables[0].columns[0].autoincrement);
  CHECK(lite.tables[0].columns[0].type == "INTEGER");
}

// Field, SQLite type, PostgreSQL type, whether the column is autoincrement.
struct expected_key_type {
  std::string_view column;
  std::string_view sqlite;
  std::string_view postgres;
  bool autoincrement;
};

constexpr std::array<expected_key_type, 8> expected_uint64{{
    {"id", "INTEGER", "bigint", true},  // the `id` convention
    {"serial", "INTEGER", "numeric(20,0)", false},
    {"title", "TEXT", "text", false},
    {"number", "INTEGER", "bigint", true},  // db::autoincrement
    {"ticket_id", "INTEGER", "bigint", false},  // foreign key to Ticket.id
    {"ticket", "INTEGER", "bigint", false},  // composite foreign key: to Ticket.id ...
    {"ticket_serial", "INTEGER", "numeric(20,0)", false},  // ... and Ticket.serial
    {"hits", "INTEGER", "numeric(20,0)", false},
}};

TEST_CASE("unsigned 64-bit autoincrement keys and foreign keys to them are stored signed") {
  static_assert(db::description_of<uint64_keys::Ticket>.columns[0].type.kind == db::type_kind::int64);
  static_assert(db::description_of<uint64_keys::Ticket>.columns[1].type.kind == db::type_kind::uint64);
  static_assert(db::description_of<uint64_keys::Stub>.columns[1].type.kind == db::type_kind::int64);
  for (db::dialect d : {db::dialect::sqlite, db::dialect::postgres}) {
    const db::schema s = db::schema_of<uint64_keys::Ticket, uint64_keys::Stub>(d);
    REQUIRE(s.tables.size() == 2);
    std::size_t k = 0;
    for (const db::table& t : s.tables)
      for (const db::column& c : t.columns) {
        REQUIRE(k < expected_uint64.size());
        const expected_key_type& e = expected_uint64[k++];
        CAPTURE(e.column);
        CHECK(c.name == e.column);
        CHECK(c.type == (d == db::dialect::sqlite ? e.sqlite : e.postgres));
        CHECK(c.autoincrement == e.autoincrement);
      }
    CHECK(k == expected_uint64.size());
  }
}

TEST_CASE("sql_type_name spells every kind directly") {
  CHECK(db::detail::sql_type_name(db::dialect::sqlite, db::varchar<255>) == "VARCHAR(255)");
  CHECK(db::detail::sql_type_name(db::dialect::postgres, db::varchar<255>) == "character varying(255)");
  CHECK(db::detail::sql_type_name(db::dialect::postgres, db::type_kind::enumeration, "Role") == "Role");
  CHECK(db::detail::sql_type_name(db::dialect::sqlite, db::type_kind::enumeration, "Role") == "TEXT");
  CHECK(db::detail::sql_type_name(db::dialect::sqlite, db::native("CHAR(3)")) == "CHAR(3)");
}

TEST_CASE("db::native names each dialect's spelling; a dialect left out takes the other's") {
  struct case_ {
    db::sql_type type;
    const char* sqlite;
    const char* postgres;
  };
  const case_ cases[] = {
      {db::native("CHAR(3)"), "CHAR(3)", "CHAR(3)"},
      {db::native({.sqlite = "CHAR(3)", .postgres = "character(3)"}), "CHAR(3)", "character(3)"},
      {db::native({.sqlite = "BLOB"}), "BLOB", "BLOB"},
      {db::native({.postgres = "bytea"}), "bytea", "bytea"},
  };
  for (const auto& c : cases) {
    CHECK(db::detail::sql_type_name(db::dialect::sqlite, c.type) == c.sqlite);
    CHECK(db::detail::sql_type_name(db::dialect::postgres, c.type) == c.postgres);
  }
}
