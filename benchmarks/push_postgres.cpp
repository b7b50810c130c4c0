// Issue 5, benchmarks 1, 2 and 3 (plan) on a local PostgreSQL (Unix socket):
// no-op push, first push, plan and introspection, each in its own schema, with
// every statement counted from libpq's protocol trace (untimed run).
#include "generated_schema.hpp"
#include "pg_support.hpp"

#include <dbpush/postgres.hpp>

#include <benchmark/benchmark.h>
#include <pqxx/pqxx>

#include <memory>
#include <string>

namespace {

// The shared connection, or nothing (and the benchmark is skipped with the reason).
pqxx::connection* connection(benchmark::State& state) {
  static const auto info = dbpush_bench::pg_conninfo();
  static std::unique_ptr<pqxx::connection> conn = info ? std::make_unique<pqxx::connection>(*info) : nullptr;
  if (!conn) state.SkipWithError(dbpush_bench::pg_skip_message);
  return conn.get();
}

std::string schema_name(const char* what, benchmark::State& state) {
  return std::string("bench_") + what + "_" + std::to_string(state.range(0));
}

void BM_postgres_noop_push(benchmark::State& state) {
  auto* conn = connection(state);
  if (!conn) return;
  const auto target = dbpush_bench::generated_schema(static_cast<std::size_t>(state.range(0)), db::dialect::postgres);
  dbpush_bench::pg_scratch_schema ns(*conn, schema_name("noop", state));
  const db::push_options options{.postgres = {.schema = ns.name()}};
  db::push(*conn, target, options);
  long statements = 0;
  {
    dbpush_bench::pg_statement_counter counter(*conn);
    if (db::push(*conn, target, options).changed) return state.SkipWithError("the second push was not a no-op");
    statements = counter.count();
  }
  for (auto _ : state) benchmark::DoNotOptimize(db::push(*conn, target, options));
  state.counters["statements"] = static_cast<double>(statements);
}

void BM_postgres_introspect(benchmark::State& state) {
  auto* conn = connection(state);
  if (!conn) return;
  dbpush_bench::pg_scratch_schema ns(*conn, schema_name("introspect", state));
  const db::push_options options{.postgres = {.schema = ns.name()}};
  db::push(*conn, dbpush_bench::generated_schema(static_cast<std::size_t>(state.range(0)), db::dialect::postgres),
           options);
  for (auto _ : state) benchmark::DoNotOptimize(db::introspect(*conn, options));
}

void BM_postgres_first_push(benchmark::State& state) {
  auto* conn = connection(state);
  if (!conn) return;
  const auto target = dbpush_bench::generated_schema(static_cast<std::size_t>(state.range(0)), db::dialect::postgres);
  dbpush_bench::pg_scratch_schema ns(*conn, schema_name("first", state));
  const db::push_options options{.postgres = {.schema = ns.name()}};
  long statements = 0;
  for (auto _ : state) {
    state.PauseTiming();
    ns.recreate();
    auto counter = std::make_unique<dbpush_bench::pg_statement_counter>(*conn);
    state.ResumeTiming();
    benchmark::DoNotOptimize(db::push(*conn, target, options));
    state.PauseTiming();
    statements = counter->count();
    counter.reset();
    state.ResumeTiming();
  }
  state.counters["statements"] = static_cast<double>(statements);
}

void BM_postgres_plan(benchmark::State& state) {
  auto* conn = connection(state);
  if (!conn) return;
  const auto target = dbpush_bench::generated_schema(static_cast<std::size_t>(state.range(0)), db::dialect::postgres);
  dbpush_bench::pg_scratch_schema ns(*conn, schema_name("plan", state));
  const db::push_options options{.postgres = {.schema = ns.name()}};
  db::push(*conn, target, options);
  for (auto _ : state) benchmark::DoNotOptimize(db::plan(*conn, target, options));
}

void sizes(benchmark::internal::Benchmark* b) {
  for (long tables : {10, 100, 1000}) b->Arg(tables);
  b->Unit(benchmark::kMillisecond);
  // Most of the time is the server's: wall time, not this process's CPU time.
  b->UseRealTime();
}

}  // namespace

BENCHMARK(BM_postgres_noop_push)->Apply(sizes);
BENCHMARK(BM_postgres_introspect)->Apply(sizes);
BENCHMARK(BM_postgres_first_push)->Apply(sizes);
BENCHMARK(BM_postgres_plan)->Apply(sizes);

BENCHMARK_MAIN();
