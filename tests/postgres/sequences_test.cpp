// Sequences follow their column's type: when an autoincrement column changes
// integer width, its sequence (a SERIAL's owned sequence or an identity's)
// changes type in the same transaction and keeps its position; narrowing is
// refused when values or the sequence are beyond the new range.
#include "pg_fixture.hpp"

#include <dbpush/postgres/cast_rules.hpp>
#include <dbpush/postgres/sql_names.hpp>

#include <string>
#include <vector>

using pgtest::col;
using pgtest::id_col;
using pgtest::tbl;

namespace {

db::schema keyed(const std::string& type) {
  db::schema s;
  s.tables.push_back(tbl("t", {id_col("id", type), col("v", "text", true)}));
  return s;
}

// The sequence of t.id: its type, its maximum and the value nextval would give
// (read without calling nextval).
struct sequence_state {
  std::string type;
  std::string max;
  std::string next;
  bool operator==(const sequence_state&) const = default;
};

sequence_state state_of(pgtest::fixture& f) {
  const auto name = f.column_of("SELECT pg_get_serial_sequence('" + f.name + ".t', 'id')");
  REQUIRE(name.size() == 1);
  const auto row = f.column_of("SELECT format_type(s.seqtypid, NULL) || '|' || s.seqmax || '|' || "
                               "CASE WHEN q.is_called THEN q.last_value + s.seqincrement ELSE q.last_value END "
                               "FROM pg_sequence s, " + name[0] + " q WHERE s.seqrelid = '" + name[0] + "'::regclass");
  REQUIRE(row.size() == 1);
  const auto& text = row[0];
  const auto a = text.find('|'), b = text.rfind('|');
  return {text.substr(0, a), text.substr(a + 1, b - a - 1), text.substr(b + 1)};
}

const char* max_of(const std::string& type) {
  return type == "smallint" ? "32767" : type == "integer" ? "2147483647" : "9223372036854775807";
}

// How a test's table is made: by dbpush (identity) or by hand (SERIAL).
enum class made { identity, serial };

void make_table(pgtest::fixture& f, made how, const std::string& type) {
  if (how == made::identity) {
    f.push(keyed(type));
    return;
  }
  const std::string serial = type == "smallint" ? "smallserial" : type == "integer" ? "serial" : "bigserial";
  f.exec("CREATE TABLE " + f.q("t") + " (id " + serial + " PRIMARY KEY, v text)");
}

}  // namespace

TEST_CASE("dry: narrowing an autoincrement column asks about its values and its sequence") {
  auto from = keyed("bigint"), to = keyed("integer");
  db::postgres::canonicalise(from);
  db::postgres::canonicalise(to);
  const auto diff = db::diff(from, to);
  auto probes = db::probes_for(diff, db::postgres::rules());
  // The cast's failures, its non-NULL count, the sequence; the primary key over
  // the converted values is checked too (item 9), asked after them.
  REQUIRE(probes.size() == 4);
  CHECK(probes[0].kind == db::probe_kind::cast_failure_count);
  CHECK(probes[1].kind == db::probe_kind::non_null_count);
  CHECK(probes[2].kind == db::probe_kind::sequence_out_of_range);
  CHECK(probes[2].columns == std::vector<std::string>{"id"});
  CHECK(probes[3].kind == db::probe_kind::duplicate_count);
  for (auto& p : probes) p.count = p.kind == db::probe_kind::sequence_out_of_range ? 1 : 0;
  const auto findings = db::assess(diff, probes, db::postgres::rules());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].kind == db::finding_kind::unexecutable);
  CHECK(findings[0].column == "id");
  // Widening asks nothing: the sequence takes the wider type whatever its value.
  CHECK(db::probes_for(db::diff(to, from), db::postgres::rules()).empty());
}

TEST_CASE("a smallserial made by hand, declared a 32-bit autoincrement key, takes ids past 32767") {
  pgtest::fixture f;
  f.exec("CREATE TABLE " + f.q("t") + " (id smallserial PRIMARY KEY, v text)");
  f.exec("INSERT INTO " + f.q("t") + " (v) VALUES ('a'), ('b')");
  const auto target = keyed("integer");
  f.push(target);
  CHECK(state_of(f) == sequence_state{"integer", "2147483647", "3"});
  f.exec("SELECT setval(pg_get_serial_sequence('" + f.name + ".t', 'id'), 32767)");
  f.exec("INSERT INTO " + f.q("t") + " (v) VALUES ('c'), ('d')");
  CHECK(f.column_of("SELECT id::text FROM " + f.q("t") + " ORDER BY id") ==
        std::vector<std::string>{"1", "2", "32768", "32769"});
  f.check_idempotent(target);
}

TEST_CASE("serial and identity sequences follow their column in both directions and keep their position") {
  struct change {
    const char* from;
    const char* to;
  };
  const std::vector<change> changes = {{"smallint", "integer"}, {"integer", "bigint"}, {"smallint", "bigint"},
                                       {"bigint", "integer"},   {"integer", "smallint"}, {"bigint", "smallint"}};
  for (const made how : {made::identity, made::serial}) {
    for (const auto& c : changes) {
      const std::string kind = how == made::identity ? "identity" : "serial", from = c.from, to = c.to;
      CAPTURE(kind);
      CAPTURE(from);
      CAPTURE(to);
      pgtest::fixture f;
      make_table(f, how, c.from);
      f.exec("INSERT INTO " + f.q("t") + " (v) VALUES ('a'), ('b'), ('c')");
      f.exec("DELETE FROM " + f.q("t") + " WHERE v = 'c'");
      const auto before = state_of(f);
      CHECK(before.next == "4");
      const auto target = keyed(c.to);
      f.push(target, true);
      CHECK(state_of(f) == sequence_state{c.to, max_of(c.to), before.next});
      f.exec("INSERT INTO " + f.q("t") + " (v) VALUES ('d')");
      CHECK(f.column_of("SELECT id::text FROM " + f.q("t") + " WHERE v = 'd'") == std::vector<std::string>{"4"});
      f.check_idempotent(target);
    }
  }
}

TEST_CASE("a sequence never used keeps its first value across a type change") {
  for (const made how : {made::identity, made::serial}) {
    const std::string kind = how == made::identity ? "identity" : "serial";
    CAPTURE(kind);
    pgtest::fixture f;
    make_table(f, how, "bigint");
    f.push(keyed("integer"), true);
    CHECK(state_of(f) == sequence_state{"integer", "2147483647", "1"});
  }
}

TEST_CASE("narrowing is refused with the count of values beyond the new range") {
  for (const made how : {made::identity, made::serial}) {
    const std::string kind = how == made::identity ? "identity" : "serial";
    CAPTURE(kind);
    pgtest::fixture f;
    make_table(f, how, "bigint");
    f.exec("INSERT INTO " + f.q("t") + " (id, v) VALUES (1, 'a'), (3000000000, 'b'), (-3000000000, 'c')");
    f.exec("SELECT setval(pg_get_serial_sequence('" + f.name + ".t', 'id'), 5)");
    const auto refusal = f.refused<db::unexecutable_error>(keyed("integer"), true);
    REQUIRE(refusal.findings.size() == 1);
    CHECK(refusal.findings[0].message ==
          "Changed the type of `id` on the `t` table from `bigint` to `integer`, but 2 non-null values cannot be "
          "cast. It is not possible to execute this step.");
  }
}

TEST_CASE("narrowing is refused when the sequence is beyond the new range, though every value fits") {
  for (const made how : {made::identity, made::serial}) {
    const std::string kind = how == made::identity ? "identity" : "serial";
    CAPTURE(kind);
    pgtest::fixture f;
    make_table(f, how, "bigint");
    f.exec("INSERT INTO " + f.q("t") + " (id, v) VALUES (1, 'a'), (3000000000, 'b')");
    f.exec("SELECT setval(pg_get_serial_sequence('" + f.name + ".t', 'id'), 3000000000)");
    f.exec("DELETE FROM " + f.q("t") + " WHERE v = 'b'");
    const auto refusal = f.refused<db::unexecutable_error>(keyed("integer"), true);
    REQUIRE(refusal.findings.size() == 1);
    CHECK(refusal.findings[0].message ==
          "Changed the type of `id` on the `t` table from `bigint` to `integer`, but its sequence has already "
          "reached a value beyond the range of `integer`. It is not possible to execute this step.");
    // Moved back into range, the same push applies and the sequence goes on from there.
    f.exec("SELECT setval(pg_get_serial_sequence('" + f.name + ".t', 'id'), 41)");
    f.push(keyed("integer"), true);
    CHECK(state_of(f) == sequence_state{"integer", "2147483647", "42"});
  }
}

// Turning autoincrement on moves the new sequence past the largest key
// (setval(max + 1)); a key at its type's maximum leaves no value for it, also
// when the key gets there by the push's own conversion. Keys all below 1 let it
// start at 1, its minimum.
TEST_CASE("autoincrement turned on: refused over a key at the maximum of its new type, else it continues") {
  struct change {
    const char* from;
    const char* to;
    const char* largest;
    bool refused;
  };
  const std::vector<change> changes = {{"smallint", "smallint", "32767", true},
                                       {"smallint", "smallint", "32766", false},
                                       {"numeric(20,0)", "smallint", "32767", true},
                                       {"bigint", "integer", "2147483647", true},
                                       {"integer", "bigint", "2147483647", false},
                                       {"bigint", "bigint", "9223372036854775807", true},
                                       {"integer", "integer", "-7", false},
                                       {"text", "integer", "2147483647", true}};
  for (const auto& c : changes) {
    const std::string from = c.from, to = c.to, largest = c.largest;
    CAPTURE(from);
    CAPTURE(to);
    CAPTURE(largest);
    pgtest::fixture f;
    db::schema before;
    before.tables.push_back(tbl("t", {col("id", c.from), col("v", "text", true)}, {}));
    f.push(before);
    f.exec("INSERT INTO " + f.q("t") + " (id, v) VALUES ('-9', 'a'), ('" + largest + "', 'b')");
    const auto after = keyed(c.to);
    if (c.refused) {
      const auto refusal = f.refused<db::unexecutable_error>(after, true);
      REQUIRE(refusal.findings.size() == 1);
      CHECK(refusal.findings[0].message ==
            "Made the column `id` on the `t` table autoincrement, but it already holds the largest value of `" + to +
                "`: its sequence could not continue after it. It is not possible to execute this step.");
      continue;
    }
    f.push(after, true);
    f.exec("INSERT INTO " + f.q("t") + " (v) VALUES ('c')");
    const std::string next = std::stoll(largest) > 0 ? std::to_string(std::stoll(largest) + 1) : "1";
    CHECK(f.column_of("SELECT id::text FROM " + f.q("t") + " WHERE v = 'c'") == std::vector<std::string>{next});
    f.check_idempotent(after);
  }
}

// Turning autoincrement off drops an identity's sequence with it; a SERIAL made
// by hand loses its nextval default and its sequence too, so the database is
// the one a fresh push makes, also when the same push changes the column's type.
TEST_CASE("autoincrement turned off leaves no sequence, identity or SERIAL, whatever the new type") {
  for (const made how : {made::identity, made::serial})
    for (const std::string to : {"integer", "bigint", "smallint", "numeric", "text"}) {
      const std::string kind = how == made::identity ? "identity" : "serial";
      CAPTURE(kind);
      CAPTURE(to);
      pgtest::fixture f;
      make_table(f, how, "integer");
      f.exec("INSERT INTO " + f.q("t") + " (v) VALUES ('a'), ('b')");
      db::schema after;
      after.tables.push_back(tbl("t", {col("id", to), col("v", "text", true)}));
      f.push(after, true);
      f.check_idempotent(after);
      CHECK(f.count("SELECT count(*) FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace "
                    "WHERE s.relkind = 'S' AND n.nspname = '" + f.name + "'") == 0);
      CHECK(f.column_of("SELECT id::text FROM " + f.q("t") + " ORDER BY v") == std::vector<std::string>{"1", "2"});
    }
}

namespace {

// Every sequence of the test's schema with the column that owns it, in name order.
std::vector<std::string> sequences_of(pgtest::fixture& f) {
  return f.column_of(
      "SELECT s.relname || ' ' || coalesce(t.relname || '.' || a.attname, '(no owner)') FROM pg_class s "
      "JOIN pg_namespace n ON n.oid = s.relnamespace "
      "LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid "
      "AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
      "LEFT JOIN pg_class t ON t.oid = d.refobjid "
      "LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
      "WHERE n.nspname = '" + f.name + "' AND s.relkind = 'S' ORDER BY 1");
}

const std::string long_table = "a_table_name_that_is_long_enough_to_be_cut_by_the_server_x";
const std::string multibyte = "t_\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9_long_enough_to_cut_\xC3\xA9\xC3\xA9";

}  // namespace

TEST_CASE("sequence_name is the name the server gives an identity's or a SERIAL's sequence") {
  const std::vector<std::pair<std::string, std::string>> names = {
      {"t", "id"},
      {"Mixed Case", "it's \"quoted\""},
      {long_table, "id"},
      {"id", long_table},
      {long_table, long_table + "_y"},
      {multibyte, "id"},
      {multibyte, multibyte},
      {"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E"
       "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE6\x97\xA5\xE6\x9C\xAC",
       "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E"}};
  pgtest::fixture f;
  for (const auto& [table, column] : names) {
    CAPTURE(table);
    CAPTURE(column);
    for (const std::string kind : {"GENERATED BY DEFAULT AS IDENTITY", "serial"}) {
      CAPTURE(kind);
      const std::string type = kind == "serial" ? "serial" : "integer " + kind;
      f.exec("CREATE TABLE " + f.q(table) + " (" + f.conn.quote_name(column) + " " + type + ")");
      CHECK(f.column_of("SELECT relname FROM pg_class WHERE oid = pg_get_serial_sequence(" + f.conn.quote(f.q(table)) +
                        ", " + f.conn.quote(column) + ")::regclass") ==
            std::vector<std::string>{db::postgres::sequence_name(table, column)});
      f.exec("DROP TABLE " + f.q(table));
    }
  }
}

// A renamed table or column keeps its data and its sequence's position; the
// sequence takes the name a fresh push gives it, so the renamed database and a
// fresh one are the same. A name chosen elsewhere stays.
TEST_CASE("sequences follow renamed tables and columns, identity or SERIAL") {
  struct rename {
    std::string table, column;
  };
  const std::vector<rename> renames = {{"players", "id"}, {"t", "key"}, {"players", "key"}, {long_table, "id"},
                                       {"t", long_table}, {multibyte, "id"}};
  for (const made how : {made::identity, made::serial})
    for (const auto& r : renames) {
      const std::string kind = how == made::identity ? "identity" : "serial";
      CAPTURE(kind);
      CAPTURE(r.table);
      CAPTURE(r.column);
      pgtest::fixture f;
      make_table(f, how, "integer");
      f.exec("INSERT INTO " + f.q("t") + " (v) VALUES ('a'), ('b')");
      auto after = keyed("integer");
      after.tables[0].name = r.table;
      after.tables[0].renamed_from = "t";
      after.tables[0].columns[0].name = r.column;
      after.tables[0].columns[0].renamed_from = "id";
      after.tables[0].primary_key = {r.column};
      f.push(after);
      f.check_idempotent(after);
      CHECK(sequences_of(f) ==
            std::vector<std::string>{db::postgres::sequence_name(r.table, r.column) + " " + r.table + "." + r.column});
      f.exec("INSERT INTO " + f.q(r.table) + " (v) VALUES ('c')");
      CHECK(f.column_of("SELECT " + f.conn.quote_name(r.column) + "::text FROM " + f.q(r.table) + " WHERE v = 'c'") ==
            std::vector<std::string>{"3"});
      pgtest::fixture fresh;
      fresh.push(after);
      const auto evolved = sequences_of(f), pushed = sequences_of(fresh);
      CHECK(evolved == pushed);
    }
  pgtest::fixture f;
  make_table(f, made::identity, "integer");
  f.exec("ALTER SEQUENCE " + f.q("t_id_seq") + " RENAME TO chosen");
  auto after = keyed("integer");
  after.tables[0].name = "u";
  after.tables[0].renamed_from = "t";
  f.push(after);
  CHECK(sequences_of(f) == std::vector<std::string>{"chosen u.id"});
}
