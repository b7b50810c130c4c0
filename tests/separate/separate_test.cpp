// The engine compiled once by the CMake targets dbpush::sqlite and
// dbpush::postgres. This TU sees declarations only (the targets set
// DBPUSH_SEPARATE_COMPILATION for whoever links them), so the program links only
// when the targets' libraries hold the engine, and the pushes below run it.
#ifndef DBPUSH_SEPARATE_COMPILATION
#error "dbpush::sqlite and dbpush::postgres must set DBPUSH_SEPARATE_COMPILATION for the targets that link them"
#endif

#include <dbpush/dbpush.hpp>
#include <dbpush/postgres.hpp>
#include <dbpush/sqlite.hpp>

#include "postgres/pg_fixture.hpp"

#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <optional>
#include <string>

namespace {
struct Gadget {
  std::int64_t id;
  std::string label;
  std::optional<double> weight;
};
}  // namespace

template <>
struct db::model<Gadget> {
  static constexpr auto fields = db::fields(db::field<&Gadget::label>(db::unique));
};

TEST_CASE("compiled engine, SQLite: a push creates the table, a second push finds nothing to do") {
  SQLite::Database conn(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  const db::push_result first = db::push<Gadget>(conn);
  CHECK(first.changed);
  SQLite::Statement columns(conn, "SELECT group_concat(name || ':' || type || ':' || \"notnull\", ',') "
                                  "FROM pragma_table_info('Gadget')");
  REQUIRE(columns.executeStep());
  CHECK(columns.getColumn(0).getString() == "id:INTEGER:1,label:TEXT:1,weight:REAL:0");
  SQLite::Statement uniques(conn, "SELECT count(*) FROM pragma_index_list('Gadget') WHERE \"unique\" = 1");
  REQUIRE(uniques.executeStep());
  CHECK(uniques.getColumn(0).getInt() == 1);

  const db::push_result second = db::push<Gadget>(conn);
  CHECK_FALSE(second.changed);
  CHECK(second.sql.empty());
}

TEST_CASE("compiled engine, PostgreSQL: a push creates the table, a second push finds nothing to do") {
  pgtest::fixture pg;
  const db::push_result first = db::push<Gadget>(pg.conn, pg.options());
  CHECK(first.changed);
  CHECK(pg.column_of("SELECT column_name || ':' || data_type || ':' || is_nullable FROM information_schema.columns "
                     "WHERE table_schema = " + pg.conn.quote(pg.name) + " AND table_name = 'Gadget' "
                     "ORDER BY ordinal_position") ==
        std::vector<std::string>{"id:bigint:NO", "label:text:NO", "weight:double precision:YES"});
  CHECK(pg.count("SELECT count(*) FROM pg_indexes WHERE schemaname = " + pg.conn.quote(pg.name) +
                 " AND tablename = 'Gadget' AND indexdef LIKE 'CREATE UNIQUE INDEX%(label)'") == 1);

  const db::push_result second = db::push<Gadget>(pg.conn, pg.options());
  CHECK_FALSE(second.changed);
  CHECK(second.sql.empty());
}
