// What docs/values.md tells users to write, checked on a SQLite file and the
// test PostgreSQL server: the storage class each write gets, and what each
// column refuses.
#include "postgres/pg_fixture.hpp"
#include "sqlite/fixture.hpp"

#include <dbpush/dbpush.hpp>
#include <dbpush/postgres.hpp>
#include <dbpush/sqlite.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace values_test {
enum class Role { member, admin };
struct Row {
  std::int64_t id;
  bool flag;
  std::uint64_t big;
  std::vector<std::byte> bytes;
  std::chrono::sys_seconds at;
  std::chrono::sys_days day;
  Role role;
  std::optional<std::string> note;
};
}  // namespace values_test

template <> struct db::model<values_test::Row> {
  static constexpr auto table = "rows";
  static constexpr auto fields = db::fields(db::field<&values_test::Row::id>(db::primary_key, db::autoincrement),
                                            db::field<&values_test::Row::flag>(db::default_value(true)),
                                            db::field<&values_test::Row::at>(db::default_now));
};

TEST_CASE("values (SQLite): each write gets the storage class docs/values.md says") {
  sqlite_test::temp_db t;
  db::push<values_test::Row>(t.conn);
  t.conn.exec("INSERT INTO rows (big, bytes, day, role) VALUES (1, x'0102ff', '2024-05-01', 'member')");
  const auto row = sqlite_test::rows(
      t.conn, "SELECT typeof(flag), flag, typeof(bytes), length(bytes), typeof(at), length(at), substr(at, 5, 1), "
              "substr(at, 11, 1), typeof(day), typeof(note) FROM rows");
  CHECK(row == std::vector<std::string>{"'integer'|1|'blob'|3|'text'|19|'-'|' '|'text'|'null'"});

  struct write {
    std::string column, value, storage_class;
  };
  const write writes[] = {{"flag", "TRUE", "integer"},          {"flag", "'true'", "text"},
                          {"big", "18446744073709551615", "real"}, {"big", "-1", "integer"},
                          {"bytes", "'ab'", "text"},            {"day", "'20240501'", "integer"},
                          {"at", "'2024-05-01 10:00:00'", "text"}};
  for (const auto& w : writes) {
    CAPTURE(w.column);
    CAPTURE(w.value);
    t.conn.exec("UPDATE rows SET " + w.column + " = " + w.value);
    CHECK(sqlite_test::rows(t.conn, "SELECT typeof(" + w.column + ") FROM rows") ==
          std::vector<std::string>{"'" + w.storage_class + "'"});
  }
  CHECK_THROWS(t.conn.exec("UPDATE rows SET role = 'Member'"));  // the enum CHECK: names exactly
  CHECK_NOTHROW(t.conn.exec("UPDATE rows SET role = 'admin'"));
}

TEST_CASE("values (PostgreSQL): the literals docs/values.md shows are accepted as written") {
  pgtest::fixture f;
  f.push(db::schema_of<values_test::Row>(db::dialect::postgres));
  f.exec("INSERT INTO " + f.q("rows") +
         " (flag, big, bytes, at, day, role) VALUES (false, 18446744073709551615, '\\x0102ff', "
         "'2024-05-01 10:00:00+00', '2024-05-01', 'member')");
  CHECK(f.column_of("SELECT big::text || '|' || octet_length(bytes) || '|' || (at = '2024-05-01 12:00:00+02') || '|' || "
                    "day::text FROM " + f.q("rows")) == std::vector<std::string>{"18446744073709551615|3|true|2024-05-01"});
  {
    pqxx::work tx(f.conn);
    CHECK_THROWS(tx.exec_params("UPDATE " + f.q("rows") + " SET role = $1::text", "admin"));
  }
  {
    pqxx::work tx(f.conn);
    tx.exec_params("UPDATE " + f.q("rows") + " SET role = $1::text::" + f.q("Role"), "admin");
    tx.exec_params("UPDATE " + f.q("rows") + " SET role = $1", "admin");  // an untyped parameter
    tx.commit();
  }
  CHECK(f.column_of("SELECT role::text FROM " + f.q("rows")) == std::vector<std::string>{"admin"});
}
