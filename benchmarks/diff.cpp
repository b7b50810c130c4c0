// Issue 5, benchmark 3: the in-memory diff of two generated schemas (no
// database), identical and with changes spread over the tables, from 125 to
// 32 000 tables so Google Benchmark can fit the growth (BigO column): up to
// 8000 tables only, the step from 4000 to 8000, where the schemas outgrow the
// caches, made it fit N^2. The timed call includes copying both schemas into
// db::diff (it takes them by value).
#include "generated_schema.hpp"

#include <dbpush/check/check.hpp>
#include <dbpush/diff/diff.hpp>
#include <dbpush/sqlite/types.hpp>

#include <benchmark/benchmark.h>

#include <string>

namespace {

// Every 10th table gains a column, every 20th has a column re-typed, every 7th
// gains an index, the last 5% are new tables: about a quarter of the tables change.
db::schema changed(db::schema s) {
  const std::size_t n = s.tables.size();
  for (std::size_t i = 0; i < n; ++i) {
    auto& t = s.tables[i];
    if (i % 10 == 3) t.columns.push_back({.name = "added", .type = "TEXT", .nullable = true});
    if (i % 20 == 5) t.columns[3].type = "INTEGER";
    if (i % 7 == 1) t.indexes.push_back({.columns = {"score"}});
  }
  for (std::size_t i = 0; i < n / 20; ++i) {
    db::table extra = s.tables[i];
    extra.name = "extra_" + std::to_string(i);
    for (auto& index : extra.indexes) index.name.clear();
    for (auto& fk : extra.foreign_keys) fk.name.clear();
    s.tables.push_back(std::move(extra));
  }
  db::normalise(s);
  return s;
}

void BM_diff_identical(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto live = dbpush_bench::generated_schema(n, db::dialect::sqlite);
  const auto target = live;
  for (auto _ : state) {
    auto d = db::diff(live, target);
    if (!d.empty()) return state.SkipWithError("identical schemas gave steps");
    benchmark::DoNotOptimize(d);
  }
  state.SetComplexityN(state.range(0));
}

void BM_diff_changed(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto live = dbpush_bench::generated_schema(n, db::dialect::sqlite);
  const auto target = changed(live);
  std::size_t steps = 0;
  for (auto _ : state) {
    auto d = db::diff(live, target);
    steps = d.steps.size();
    benchmark::DoNotOptimize(d);
  }
  state.counters["steps"] = static_cast<double>(steps);
  state.SetComplexityN(state.range(0));
}

// The checker's half that needs no database: the questions for a diff.
void BM_probes_for_changed(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto live = dbpush_bench::generated_schema(n, db::dialect::sqlite);
  const auto d = db::diff(live, changed(live));
  for (auto _ : state) benchmark::DoNotOptimize(db::probes_for(d, db::sqlite::detail::rules()));
  state.SetComplexityN(state.range(0));
}

void sizes(benchmark::internal::Benchmark* b) {
  for (long tables : {125, 250, 500, 1000, 2000, 4000, 8000, 16000, 32000}) b->Arg(tables);
  b->Unit(benchmark::kMillisecond)->Complexity();
}

}  // namespace

BENCHMARK(BM_diff_identical)->Apply(sizes);
BENCHMARK(BM_diff_changed)->Apply(sizes);
BENCHMARK(BM_probes_for_changed)->Apply(sizes);

BENCHMARK_MAIN();
