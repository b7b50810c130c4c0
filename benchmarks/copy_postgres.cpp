// Issue 5, benchmark 5: PostgreSQL on a 1,000,000-row table, db::push against
// the same change written by hand in SQL, each timed as the whole call (one
// transaction), order alternating, the change undone untimed between turns:
// - add a column with a constant default (metadata-only since PostgreSQL 11);
// - change `parent_id` from integer to bigint (rewrites the table and its indexes).
// Counters: ratio (push / hand-written) and the hand-written time.
// Set DBPUSH_BENCH_ROWS for another table size and DBPUSH_BENCH_SHOW_SQL=1 to
// print the statements db::push runs.
#include "generated_schema.hpp"
#include "pg_support.hpp"

#include <dbpush/postgres.hpp>

#include <benchmark/benchmark.h>
#include <pqxx/pqxx>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <string>

namespace {

using clock_type = std::chrono::steady_clock;

long rows() {
  const char* env = std::getenv("DBPUSH_BENCH_ROWS");
  return env ? std::atol(env) : 1'000'000;
}

db::schema with_integer_parent() {
  auto s = dbpush_bench::generated_schema(1, db::dialect::postgres);
  s.tables[0].columns[7].type = "integer";  // parent_id
  return s;
}

db::schema with_bigint_parent() { return dbpush_bench::generated_schema(1, db::dialect::postgres); }

db::schema with_defaulted_column() {
  auto s = with_integer_parent();
  s.tables[0].columns.push_back({.name = "status", .type = "text", .default_sql = "'active'"});
  db::normalise(s);
  return s;
}

// The connection and a 1M-row table in a fresh schema, made once for both benchmarks.
struct fixture {
  pqxx::connection conn;
  dbpush_bench::pg_scratch_schema ns;
  std::string table;

  explicit fixture(const std::string& info) : conn(info), ns(conn, "bench_copy") {
    db::push(conn, with_integer_parent(), options());
    table = conn.quote_name(ns.name()) + ".table_0";
    pqxx::work tx(conn);
    tx.exec("INSERT INTO " + table + R"( ("name", "email", "score", "active", "created_at", "payload", "parent_id")
             SELECT 'user ' || (x % 5000), 'user' || x || '@example.com', x * 0.5, x % 2 = 0,
                    timestamptz '2024-01-01' + x * interval '1 second', decode(md5(x::text), 'hex'), x
             FROM generate_series(1, )" + std::to_string(rows()) + ") AS x");
    tx.exec("ANALYZE " + table);
    tx.commit();
  }
  db::push_options options() const { return {.accept_data_loss = true, .postgres = {.schema = ns.name()}}; }
  void exec(const std::string& sql) {
    pqxx::work tx(conn);
    tx.exec(sql);
    tx.commit();
  }
};

fixture* shared_fixture(benchmark::State& state) {
  static const auto info = dbpush_bench::pg_conninfo();
  if (!info) {
    state.SkipWithError(dbpush_bench::pg_skip_message);
    return nullptr;
  }
  static fixture f(*info);
  return &f;
}

double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

// Times db::push to `target` and `hand_written` in turns; `undo` (untimed)
// brings the table back before each turn.
void compare(benchmark::State& state, fixture& f, const db::schema& target, const std::string& hand_written,
             const std::string& undo) {
  double push_total = 0, hand_total = 0;
  bool push_first = true;
  int shown = 0;
  for (auto _ : state) {
    double push_seconds = 0;
    for (int turn = 0; turn < 2; ++turn) {
      const auto start = clock_type::now();
      if ((turn == 0) == push_first) {
        const auto result = db::push(f.conn, target, f.options());
        push_seconds = seconds_since(start);
        push_total += push_seconds;
        if (result.steps.empty()) return state.SkipWithError("the push did not change the table");
        if (std::getenv("DBPUSH_BENCH_SHOW_SQL") && !shown++)
          for (const auto& sql : result.sql) std::cerr << sql << ";\n";
      } else {
        f.exec(hand_written);
        hand_total += seconds_since(start);
      }
      f.exec(undo);
    }
    push_first = !push_first;
    state.SetIterationTime(push_seconds);
  }
  state.counters["rows"] = static_cast<double>(rows());
  state.counters["hand_written_ms"] = 1000 * hand_total / static_cast<double>(state.iterations());
  state.counters["ratio"] = push_total / hand_total;
}

void BM_postgres_add_column_with_default(benchmark::State& state) {
  auto* f = shared_fixture(state);
  if (!f) return;
  compare(state, *f, with_defaulted_column(),
          "ALTER TABLE " + f->table + " ADD COLUMN \"status\" text NOT NULL DEFAULT 'active'",
          "ALTER TABLE " + f->table + " DROP COLUMN \"status\"");
}

void BM_postgres_int_to_bigint(benchmark::State& state) {
  auto* f = shared_fixture(state);
  if (!f) return;
  compare(state, *f, with_bigint_parent(), "ALTER TABLE " + f->table + " ALTER COLUMN \"parent_id\" TYPE bigint",
          "ALTER TABLE " + f->table + " ALTER COLUMN \"parent_id\" TYPE integer");
}

}  // namespace

BENCHMARK(BM_postgres_add_column_with_default)->UseManualTime()->Iterations(20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_postgres_int_to_bigint)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
