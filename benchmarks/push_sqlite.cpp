// Issue 5, benchmarks 1, 2, 3 (plan) and 9 on SQLite files: no-op push, first
// push, plan and db::reset, with every statement counted (sqlite3_trace_v2).
#include "sqlite_support.hpp"
#include "generated_schema.hpp"

#include <dbpush/sqlite.hpp>
#include <dbpush/sqlite/testing.hpp>
#include <dbpush/sqlite/detail/sql_text.hpp>

#include <SQLiteCpp/Database.h>
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <string>

namespace {

enum journal { rollback_journal = 0, wal = 1 };

std::unique_ptr<SQLite::Database> open_file(const std::string& path, long mode) {
  auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db->exec(mode == wal ? "PRAGMA journal_mode = WAL" : "PRAGMA journal_mode = DELETE");
  return db;
}

// Size and modification time of the file and its WAL: a no-op push must change neither.
std::string file_state(const std::string& path) {
  std::string out;
  for (const char* suffix : {"", "-wal"}) {
    const std::filesystem::path p = path + suffix;
    if (!std::filesystem::exists(p)) continue;
    out += std::to_string(std::filesystem::file_size(p)) + ":" +
           std::to_string(std::filesystem::last_write_time(p).time_since_epoch().count()) + ";";
  }
  return out;
}

void label(benchmark::State& state) {
  state.SetLabel(state.range(1) == wal ? "WAL" : "rollback journal");
}

void BM_sqlite_noop_push(benchmark::State& state) {
  const auto tables = static_cast<std::size_t>(state.range(0));
  const auto target = dbpush_bench::generated_schema(tables, db::dialect::sqlite);
  dbpush_bench::scratch_file file("noop_" + std::to_string(tables));
  auto db = open_file(file.path(), state.range(1));
  db::push(*db, target);
  long statements = 0;
  {
    dbpush_bench::sqlite_statement_counter counter(*db);
    if (db::push(*db, target).changed) return state.SkipWithError("the second push was not a no-op");
    statements = counter.count();
  }
  const auto before = file_state(file.path());
  for (auto _ : state) benchmark::DoNotOptimize(db::push(*db, target));
  state.counters["statements"] = static_cast<double>(statements);
  state.counters["file_changed"] = file_state(file.path()) != before ? 1 : 0;
  label(state);
}

void BM_sqlite_introspect(benchmark::State& state) {
  const auto tables = static_cast<std::size_t>(state.range(0));
  dbpush_bench::scratch_file file("introspect_" + std::to_string(tables));
  auto db = open_file(file.path(), state.range(1));
  db::push(*db, dbpush_bench::generated_schema(tables, db::dialect::sqlite));
  for (auto _ : state) benchmark::DoNotOptimize(db::introspect(*db));
  label(state);
}

void BM_sqlite_first_push(benchmark::State& state) {
  const auto tables = static_cast<std::size_t>(state.range(0));
  const auto target = dbpush_bench::generated_schema(tables, db::dialect::sqlite);
  dbpush_bench::scratch_file file("first_" + std::to_string(tables));
  long statements = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::filesystem::remove(file.path());
    auto db = open_file(file.path(), state.range(1));
    {
      // The counter unhooks itself from the connection: it must go first.
      dbpush_bench::sqlite_statement_counter counter(*db);
      state.ResumeTiming();
      benchmark::DoNotOptimize(db::push(*db, target));
      state.PauseTiming();
      statements = counter.count();
    }
    db.reset();
    state.ResumeTiming();
  }
  state.counters["statements"] = static_cast<double>(statements);
  label(state);
}

void BM_sqlite_plan(benchmark::State& state) {
  const auto tables = static_cast<std::size_t>(state.range(0));
  const auto target = dbpush_bench::generated_schema(tables, db::dialect::sqlite);
  dbpush_bench::scratch_file file("plan_" + std::to_string(tables));
  auto db = open_file(file.path(), state.range(1));
  db::push(*db, target);
  for (auto _ : state) benchmark::DoNotOptimize(db::plan(*db, target));
  label(state);
}

// Not dbpush: a floor for introspection — one read of sqlite_schema and every
// CREATE statement tokenized (dbpush's own tokenizer), with no per-table pragma.
void BM_sqlite_read_schema_text_once(benchmark::State& state) {
  const auto tables = static_cast<std::size_t>(state.range(0));
  dbpush_bench::scratch_file file("schema_text_" + std::to_string(tables));
  auto db = open_file(file.path(), state.range(1));
  db::push(*db, dbpush_bench::generated_schema(tables, db::dialect::sqlite));
  std::size_t tokens = 0;
  for (auto _ : state) {
    tokens = 0;
    SQLite::Statement q(*db, "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE sql IS NOT NULL");
    while (q.executeStep()) tokens += db::sqlite::detail::tokenize(q.getColumn(3).getText()).size();
    benchmark::DoNotOptimize(tokens);
  }
  state.counters["tokens"] = static_cast<double>(tokens);
  label(state);
}

// One row in each table, as a test case would leave behind.
std::string one_row_per_table(const db::schema& s) {
  std::string sql;
  for (const auto& t : s.tables) sql += "INSERT INTO \"" + t.name + "\" (name, email) VALUES ('a', 'b');";
  return sql;
}

// Issue 5, benchmark 9: what a test suite pays per test case (fixed 1000 calls).
// Argument 1: before each reset the "test" writes one row per table (untimed);
// argument 0: nothing is written between resets; argument 2: as 1 on a
// connection with PRAGMA foreign_keys on, which the reset switches off and on
// again (SQLite then prepares its kept statements again).
void BM_sqlite_reset_in_memory(benchmark::State& state) {
  const auto target = dbpush_bench::generated_schema(20, db::dialect::sqlite);
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  const bool foreign_keys = state.range(0) == 2;
  if (foreign_keys) db.exec("PRAGMA foreign_keys = ON");
  db::sqlite::testing::reset(db, target);
  // Same resulting schema as a full push into an empty database.
  SQLite::Database fresh(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db::push(fresh, target);
  if (db::to_string(db::introspect(db)) != db::to_string(db::introspect(fresh)))
    return state.SkipWithError("db::reset left a different schema than a full push");
  const bool test_writes = state.range(0) != 0;
  const auto rows = one_row_per_table(target);
  long statements = 0;
  {
    if (test_writes) db.exec(rows);
    dbpush_bench::sqlite_statement_counter counter(db);
    db::sqlite::testing::reset(db, target);
    statements = counter.count();
  }
  for (auto _ : state) {
    if (test_writes) {
      state.PauseTiming();
      db.exec(rows);
      state.ResumeTiming();
    }
    benchmark::DoNotOptimize(db::sqlite::testing::reset(db, target));
  }
  if (db.execAndGet("SELECT count(*) FROM table_19").getInt() != 0) state.SkipWithError("rows left after reset");
  if (db.execAndGet("PRAGMA foreign_keys").getInt() != foreign_keys) state.SkipWithError("foreign keys not restored");
  state.counters["statements"] = static_cast<double>(statements);
  state.SetLabel(!test_writes   ? "nothing written between resets"
                 : foreign_keys ? "one row per table written before each reset, foreign keys on"
                                : "one row per table written before each reset");
}

// Not dbpush: what restoring a snapshot of the freshly pushed database costs
// (SQLite's online backup API copying a pushed in-memory template into the
// test's database), the mechanism the reset target suggests. A reference point
// for docs/benchmarks.md.
void BM_sqlite_snapshot_restore_in_memory(benchmark::State& state) {
  const auto target = dbpush_bench::generated_schema(20, db::dialect::sqlite);
  SQLite::Database snapshot(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db::push(snapshot, target);
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  for (auto _ : state) {
    sqlite3_backup* backup = sqlite3_backup_init(db.getHandle(), "main", snapshot.getHandle(), "main");
    if (!backup) return state.SkipWithError("sqlite3_backup_init failed");
    sqlite3_backup_step(backup, -1);
    if (sqlite3_backup_finish(backup) != SQLITE_OK) return state.SkipWithError("the backup failed");
  }
  if (db::to_string(db::introspect(db)) != db::to_string(db::introspect(snapshot)))
    state.SkipWithError("the restored schema differs");
}

// Not dbpush: emptying the 20 tables in place when the schema is unchanged
// (same PRAGMA schema_version as after the last reset), which leaves SQLite's
// parsed schema valid, unlike copying an image back. A reference point for
// docs/benchmarks.md; each round first inserts one row per table.
void BM_sqlite_empty_tables_in_memory(benchmark::State& state) {
  const auto target = dbpush_bench::generated_schema(20, db::dialect::sqlite);
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db::push(db, target);
  const auto fill = one_row_per_table(target);
  std::string empty = "BEGIN;";
  for (const auto& t : target.tables) empty += "DELETE FROM \"" + t.name + "\";";
  empty += "DELETE FROM sqlite_sequence; COMMIT;";
  const int version = db.execAndGet("PRAGMA schema_version").getInt();
  for (auto _ : state) {
    state.PauseTiming();
    db.exec(fill);
    state.ResumeTiming();
    if (db.execAndGet("PRAGMA schema_version").getInt() != version) return state.SkipWithError("schema changed");
    db.exec(empty);
  }
  if (db.execAndGet("SELECT count(*) FROM table_19").getInt() != 0) state.SkipWithError("rows left");
}

void sizes(benchmark::internal::Benchmark* b) {
  for (long mode : {rollback_journal, wal})
    for (long tables : {10, 100, 1000}) b->Args({tables, mode});
  b->Unit(benchmark::kMillisecond);
}

}  // namespace

BENCHMARK(BM_sqlite_noop_push)->Apply(sizes);
BENCHMARK(BM_sqlite_introspect)->Apply(sizes);
BENCHMARK(BM_sqlite_first_push)->Apply(sizes);
BENCHMARK(BM_sqlite_plan)->Apply(sizes);
BENCHMARK(BM_sqlite_read_schema_text_once)->Apply(sizes);
BENCHMARK(BM_sqlite_reset_in_memory)->Arg(1)->Arg(0)->Arg(2)->Iterations(1000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_sqlite_snapshot_restore_in_memory)->Iterations(1000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_sqlite_empty_tables_in_memory)->Iterations(1000)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
