// Issue 14, part 1: a doctest suite of 200 test cases, each of which resets 20
// tables on PostgreSQL (db::reset), writes a few rows and reads them back, as
// a user's test suite does. Timed as a whole process (docs/benchmarks.md):
//   DBPUSH_PG_CONNINFO_FILE=… bench_reset_suite_postgres [--old-way]
// --old-way resets with push(force_reset), what db::reset did before.
#define DOCTEST_CONFIG_IMPLEMENT
#include "generated_schema.hpp"
#include "pg_support.hpp"

#include <dbpush/postgres.hpp>

#include <doctest/doctest.h>
#include <pqxx/pqxx>

#include <cstring>
#include <memory>
#include <string>

namespace {

bool old_way = false;

struct suite_database {
  pqxx::connection conn{*dbpush_bench::pg_conninfo()};
  db::schema target = dbpush_bench::generated_schema(20, db::dialect::postgres);
  db::push_options options{.postgres = {.schema = "bench_reset_suite"}};
  std::string rows = dbpush_bench::rows_for(target, 3, "bench_reset_suite.");
};

suite_database& database() {
  static suite_database d;
  return d;
}

// What each test case does: a fresh database, then its own rows.
void one_test_case() {
  auto& d = database();
  auto options = d.options;
  options.force_reset = old_way;
  const auto r = old_way ? db::push(d.conn, d.target, options) : db::reset(d.conn, d.target, options);
  CHECK(r.reset);
  pqxx::work tx(d.conn);
  tx.exec(d.rows);
  CHECK(tx.exec1("SELECT count(*) FROM bench_reset_suite.table_7")[0].as<int>() == 3);
  CHECK(tx.exec1("SELECT min(id) FROM bench_reset_suite.table_7")[0].as<int>() == 1);
  tx.commit();
}

}  // namespace

#define DBPUSH_CASE(n) \
  TEST_CASE("test case " #n) { one_test_case(); }
#define DBPUSH_TEN_CASES(t)                                                                                 \
  DBPUSH_CASE(t##0) DBPUSH_CASE(t##1) DBPUSH_CASE(t##2) DBPUSH_CASE(t##3) DBPUSH_CASE(t##4) DBPUSH_CASE(t##5) \
  DBPUSH_CASE(t##6) DBPUSH_CASE(t##7) DBPUSH_CASE(t##8) DBPUSH_CASE(t##9)
DBPUSH_TEN_CASES(1) DBPUSH_TEN_CASES(2) DBPUSH_TEN_CASES(3) DBPUSH_TEN_CASES(4) DBPUSH_TEN_CASES(5)
DBPUSH_TEN_CASES(6) DBPUSH_TEN_CASES(7) DBPUSH_TEN_CASES(8) DBPUSH_TEN_CASES(9) DBPUSH_TEN_CASES(10)
DBPUSH_TEN_CASES(11) DBPUSH_TEN_CASES(12) DBPUSH_TEN_CASES(13) DBPUSH_TEN_CASES(14) DBPUSH_TEN_CASES(15)
DBPUSH_TEN_CASES(16) DBPUSH_TEN_CASES(17) DBPUSH_TEN_CASES(18) DBPUSH_TEN_CASES(19) DBPUSH_TEN_CASES(20)

int main(int argc, char** argv) {
  if (!dbpush_bench::pg_conninfo()) {
    std::fprintf(stderr, "%s\n", dbpush_bench::pg_skip_message);
    return 2;
  }
  for (int i = 1; i < argc; ++i) old_way = old_way || std::strcmp(argv[i], "--old-way") == 0;
  {
    pqxx::nontransaction tx(database().conn);
    tx.exec("DROP SCHEMA IF EXISTS bench_reset_suite CASCADE; CREATE SCHEMA bench_reset_suite");
  }
  doctest::Context context(argc, argv);
  return context.run();
}
