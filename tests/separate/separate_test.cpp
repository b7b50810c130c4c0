// Separate-compilation mode: this TU sees only declarations; the engine comes
// from engine.cpp. The push must behave exactly as in header-only mode.
#include <dbpush/dbpush.hpp>
#include <dbpush/postgres.hpp>
#include <dbpush/sqlite.hpp>

#include <doctest/doctest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <string>

namespace {
struct Gadget {
  std::int64_t id;
  std::string label;
};
}  // namespace

TEST_CASE("separate compilation: push, then a second push finds nothing to do") {
  SQLite::Database conn(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  const db::push_result first = db::push<Gadget>(conn);
  CHECK(first.changed);
  SQLite::Statement columns(conn, "SELECT group_concat(name, ',') FROM pragma_table_info('Gadget')");
  REQUIRE(columns.executeStep());
  CHECK(columns.getColumn(0).getString() == "id,label");
  CHECK_FALSE(db::push<Gadget>(conn).changed);
}

TEST_CASE("separate compilation: the PostgreSQL entry points link") {
  // Taking the address forces a reference to the out-of-line definitions.
  db::push_result (*pg_push)(pqxx::connection_base&, const db::schema&, const db::push_options&) = &db::push;
  CHECK((pg_push != nullptr));
}
