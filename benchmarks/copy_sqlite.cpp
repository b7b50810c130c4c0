// Issue 5, benchmark 4: SQLite redefinition of a 1,000,000-row table (column
// `parent_id` INTEGER -> REAL, which SQLite can only do by copying the table),
// by db::push with a progress callback, against the same statements written by
// hand in one transaction, in the same process on the same file. Each round
// restores the file from a pristine copy, then times both (order alternating).
// Counters: ratio (push / hand-written), the progress callback's calls, the
// longest gap between two calls during the copy, and the push's mean time before
// the copy (introspection, checks), in it, and after it (indexes, commit), when
// the callback is silent.
// Set DBPUSH_BENCH_ROWS for another table size and DBPUSH_BENCH_SHOW_SQL=1 to
// print the statements db::push runs.
#include "generated_schema.hpp"
#include "sqlite_support.hpp"

#include <dbpush/sqlite.hpp>

#include <SQLiteCpp/Database.h>
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

namespace {

using clock_type = std::chrono::steady_clock;

long rows() {
  const char* env = std::getenv("DBPUSH_BENCH_ROWS");
  return env ? std::atol(env) : 1'000'000;
}

db::schema before_schema() { return dbpush_bench::generated_schema(1, db::dialect::sqlite); }

db::schema after_schema() {
  auto s = before_schema();
  s.tables[0].columns[7].type = "REAL";  // parent_id
  return s;
}

// The work written by hand, as one would from SQLite's "making other kinds of
// table schema changes" recipe: new table, copy, drop, rename, indexes.
const char* const hand_written_sql = R"(
BEGIN IMMEDIATE;
CREATE TABLE "table_0_new" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "name" TEXT NOT NULL,
  "email" TEXT NOT NULL,
  "score" REAL NOT NULL DEFAULT 0,
  "active" BOOLEAN NOT NULL DEFAULT 1,
  "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "payload" BLOB,
  "parent_id" REAL
);
INSERT INTO "table_0_new" ("id", "name", "email", "score", "active", "created_at", "payload", "parent_id")
  SELECT "id", "name", "email", "score", "active", "created_at", "payload", "parent_id" FROM "table_0";
DROP TABLE "table_0";
ALTER TABLE "table_0_new" RENAME TO "table_0";
CREATE UNIQUE INDEX "table_0_email_key" ON "table_0" ("email");
CREATE INDEX "table_0_name_created_at_idx" ON "table_0" ("name", "created_at");
COMMIT;
)";

void fill(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db::push(db, before_schema());
  db.exec("BEGIN");
  SQLite::Statement insert(db, R"(
    WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < ?)
    INSERT INTO "table_0" ("name", "email", "score", "active", "created_at", "payload", "parent_id")
    SELECT 'user ' || (x % 5000), 'user' || x || '@example.com', x * 0.5, x % 2,
           datetime(1700000000 + x, 'unixepoch'), randomblob(16), x FROM n)");
  insert.bind(1, static_cast<std::int64_t>(rows()));
  insert.exec();
  db.exec("COMMIT");
}

void restore(const std::string& pristine, const dbpush_bench::scratch_file& work) {
  std::filesystem::copy_file(pristine, work.path(), std::filesystem::copy_options::overwrite_existing);
}

double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

void BM_sqlite_redefine_table(benchmark::State& state) {
  dbpush_bench::scratch_file pristine("copy_pristine"), work("copy_work");
  fill(pristine.path());
  const auto target = after_schema();
  double push_total = 0, hand_total = 0, longest_gap_in_copy = 0, before_copy = 0, during_copy = 0, after_copy = 0;
  long progress_calls = 0;
  bool push_first = true;
  int shown = 0;
  for (auto _ : state) {
    double push_seconds = 0, hand_seconds = 0;
    for (int turn = 0; turn < 2; ++turn) {
      restore(pristine.path(), work);
      auto db = std::make_unique<SQLite::Database>(work.path(), SQLite::OPEN_READWRITE);
      if ((turn == 0) == push_first) {
        const auto start = clock_type::now();
        auto last = start;
        clock_type::time_point copy_start{}, copy_end{};
        long calls = 0;
        const db::push_options options{
            .accept_data_loss = true,
            .sqlite = {.progress = [&](const std::string&, std::int64_t copied, std::int64_t total) {
              const auto now = clock_type::now();
              if (copied == 0) copy_start = now;
              else longest_gap_in_copy = std::max(longest_gap_in_copy, std::chrono::duration<double>(now - last).count());
              if (copied == total) copy_end = now;
              last = now;
              ++calls;
            }}};
        const auto result = db::push(*db, target, options);
        const auto end = clock_type::now();
        push_seconds = std::chrono::duration<double>(end - start).count();
        progress_calls = calls;
        before_copy += std::chrono::duration<double>(copy_start - start).count();
        during_copy += std::chrono::duration<double>(copy_end - copy_start).count();
        after_copy += std::chrono::duration<double>(end - copy_end).count();
        if (result.steps.empty()) return state.SkipWithError("the push did not change the table");
        if (std::getenv("DBPUSH_BENCH_SHOW_SQL") && !shown++)
          for (const auto& sql : result.sql) std::cerr << sql << ";\n";
      } else {
        const auto start = clock_type::now();
        db->exec(hand_written_sql);
        hand_seconds = seconds_since(start);
      }
      if (SQLite::Database(work.path()).execAndGet("SELECT count(*) FROM table_0").getInt64() != rows())
        return state.SkipWithError("rows were lost");
    }
    push_first = !push_first;
    push_total += push_seconds;
    hand_total += hand_seconds;
    state.SetIterationTime(push_seconds);
  }
  state.counters["rows"] = static_cast<double>(rows());
  state.counters["hand_written_s"] = hand_total / static_cast<double>(state.iterations());
  state.counters["ratio"] = push_total / hand_total;
  state.counters["progress_calls"] = static_cast<double>(progress_calls);
  state.counters["longest_gap_in_copy_s"] = longest_gap_in_copy;
  const auto rounds = static_cast<double>(state.iterations());
  state.counters["before_copy_s"] = before_copy / rounds;
  state.counters["copy_s"] = during_copy / rounds;
  state.counters["after_copy_s"] = after_copy / rounds;
}

}  // namespace

BENCHMARK(BM_sqlite_redefine_table)->UseManualTime()->Iterations(4)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
