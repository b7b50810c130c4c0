// Issue 14, part 2: a no-op push and db::plan on a SQLite file that dbpush
// created (its CREATE texts are the ones dbpush renders: the no-op push takes
// the fast path) and on one created by hand-written DDL of the same shape
// (other texts: every push introspects), at 10, 100 and 1000 tables of 8
// columns. db::plan always introspects. Each benchmark first checks that the
// push is a no-op and counts its statements.
#include "sqlite_support.hpp"
#include "generated_schema.hpp"

#include <dbpush/sqlite.hpp>

#include <SQLiteCpp/Database.h>
#include <benchmark/benchmark.h>

#include <memory>
#include <string>

namespace {

enum class made_by { dbpush = 0, hand = 1 };

// The schema of generated_schema(tables) as a person writes it: lower-case
// keywords, other spacing, constraints inline, nothing quoted, an unnamed
// foreign key, and the unique key as a column constraint.
std::string hand_written_ddl(std::size_t tables) {
  std::string sql;
  for (std::size_t i = 0; i < tables; ++i) {
    const std::string t = "table_" + std::to_string(i);
    sql += "create table " + t +
           "(\n  id integer not null primary key autoincrement,\n  name text not null,\n  email text not null unique,\n"
           "  score real not null default 0,\n  active boolean not null default 1,\n"
           "  created_at datetime not null default current_timestamp,\n  payload blob,\n  parent_id integer";
    if (i % 10 != 0) sql += " references table_" + std::to_string(i - 1) + "(id) on delete set null";
    sql += "\n);\ncreate index " + t + "_name_created_at_idx on " + t + "(name, created_at);\n";
  }
  return sql;
}

// A file holding the schema of `tables` tables, made by dbpush or by hand.
struct database {
  db::schema target;
  dbpush_bench::scratch_file file;
  std::unique_ptr<SQLite::Database> conn;

  database(std::size_t tables, made_by maker)
      : target(dbpush_bench::generated_schema(tables, db::dialect::sqlite)),
        file("introspect_" + std::to_string(tables) + "_" + std::to_string(static_cast<int>(maker))),
        conn(std::make_unique<SQLite::Database>(file.path(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE)) {
    if (maker == made_by::hand) conn->exec(hand_written_ddl(tables));
    else db::push(*conn, target);
  }
};

void label(benchmark::State& state) {
  state.SetLabel(static_cast<made_by>(state.range(1)) == made_by::hand ? "hand-written DDL" : "created by dbpush");
}

void BM_sqlite_noop_push_of(benchmark::State& state) {
  database d(static_cast<std::size_t>(state.range(0)), static_cast<made_by>(state.range(1)));
  long statements = 0;
  {
    dbpush_bench::sqlite_statement_counter counter(*d.conn);
    if (db::push(*d.conn, d.target).changed) return state.SkipWithError("the push was not a no-op");
    statements = counter.count();
  }
  for (auto _ : state) benchmark::DoNotOptimize(db::push(*d.conn, d.target));
  state.counters["statements"] = static_cast<double>(statements);
  label(state);
}

void BM_sqlite_plan_of(benchmark::State& state) {
  database d(static_cast<std::size_t>(state.range(0)), static_cast<made_by>(state.range(1)));
  if (!db::plan(*d.conn, d.target).empty()) return state.SkipWithError("the plan is not empty");
  for (auto _ : state) benchmark::DoNotOptimize(db::plan(*d.conn, d.target));
  label(state);
}

void BM_sqlite_introspect_of(benchmark::State& state) {
  database d(static_cast<std::size_t>(state.range(0)), static_cast<made_by>(state.range(1)));
  for (auto _ : state) benchmark::DoNotOptimize(db::introspect(*d.conn));
  label(state);
}

void shapes(benchmark::internal::Benchmark* b) {
  for (long maker : {0, 1})
    for (long tables : {10, 100, 1000}) b->Args({tables, maker});
  b->Unit(benchmark::kMillisecond);
}

}  // namespace

BENCHMARK(BM_sqlite_noop_push_of)->Apply(shapes);
BENCHMARK(BM_sqlite_plan_of)->Apply(shapes);
BENCHMARK(BM_sqlite_introspect_of)->Apply(shapes);

BENCHMARK_MAIN();
