// Issue 14, part 1: db::reset of 20 tables that hold a few rows each, on a
// SQLite file (rollback journal, default synchronous setting) and on
// PostgreSQL. Argument 0: the long way (push with force_reset: drop every
// table, push again; what db::reset did before); 1: db::reset, which finds
// the schema in sync and empties the tables. The rows are written untimed
// before each reset, as a test case would leave them.
#include "generated_schema.hpp"
#include "pg_support.hpp"
#include "sqlite_support.hpp"

#include <dbpush/postgres.hpp>
#include <dbpush/sqlite.hpp>

#include <SQLiteCpp/Database.h>
#include <benchmark/benchmark.h>
#include <pqxx/pqxx>

#include <memory>
#include <string>

namespace {

constexpr std::size_t tables = 20;
constexpr int rows_per_table = 3;

db::push_result reset_by(long way, auto& conn, const db::schema& target, db::push_options options) {
  if (way == 1) return db::reset(conn, target, options);
  options.force_reset = true;
  return db::push(conn, target, options);
}

void label(benchmark::State& state, const db::push_result& last) {
  state.SetLabel(last.way == db::reset_way::emptied     ? "emptied"
                 : last.way == db::reset_way::recreated ? "recreated"
                                                        : "not a reset");
}

void BM_sqlite_file_reset(benchmark::State& state) {
  const auto target = dbpush_bench::generated_schema(tables, db::dialect::sqlite);
  dbpush_bench::scratch_file file("reset_file");
  SQLite::Database db(file.path(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec("PRAGMA journal_mode = DELETE");
  db::push(db, target);
  const auto rows = dbpush_bench::rows_for(target, rows_per_table);
  db::push_result last;
  for (auto _ : state) {
    state.PauseTiming();
    db.exec(rows);
    state.ResumeTiming();
    last = reset_by(state.range(0), db, target, {});
  }
  if (db.execAndGet("SELECT count(*) FROM table_19").getInt() != 0) return state.SkipWithError("rows left after reset");
  label(state, last);
}

// Not dbpush: the floor of any write to such a file, one transaction deleting
// one row (rollback journal, default synchronous setting): its commit syncs the
// journal and the database to the disk, which the reset's commit does too.
void BM_sqlite_file_commit_floor(benchmark::State& state) {
  dbpush_bench::scratch_file file("commit_floor");
  SQLite::Database db(file.path(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec("PRAGMA journal_mode = DELETE; CREATE TABLE t (x)");
  for (auto _ : state) {
    state.PauseTiming();
    db.exec("INSERT INTO t VALUES (1)");
    state.ResumeTiming();
    db.exec("BEGIN; DELETE FROM t; COMMIT");
  }
}

void BM_postgres_reset(benchmark::State& state) {
  static const auto info = dbpush_bench::pg_conninfo();
  if (!info) return state.SkipWithError(dbpush_bench::pg_skip_message);
  pqxx::connection conn(*info);
  const auto target = dbpush_bench::generated_schema(tables, db::dialect::postgres);
  dbpush_bench::pg_scratch_schema ns(conn, "bench_reset");
  const db::push_options options{.postgres = {.schema = ns.name()}};
  db::push(conn, target, options);
  const auto rows = dbpush_bench::rows_for(target, rows_per_table, conn.quote_name(ns.name()) + ".");
  db::push_result last;
  for (auto _ : state) {
    state.PauseTiming();
    {
      pqxx::nontransaction tx(conn);
      tx.exec(rows);
    }
    state.ResumeTiming();
    last = reset_by(state.range(0), conn, target, options);
  }
  pqxx::nontransaction tx(conn);
  if (tx.exec1("SELECT count(*) FROM " + conn.quote_name(ns.name()) + ".table_19")[0].as<long>() != 0)
    return state.SkipWithError("rows left after reset");
  label(state, last);
}

}  // namespace

BENCHMARK(BM_sqlite_file_reset)->Arg(0)->Arg(1)->Iterations(300)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_sqlite_file_commit_floor)->Iterations(300)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_postgres_reset)->Arg(0)->Arg(1)->Iterations(200)->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
