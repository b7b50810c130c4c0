#!/usr/bin/env bash
# Runs every dbpush benchmark (issue 5) and prints the figures beside the targets.
#   benchmarks/run.sh [BUILD_DIR]          (default: build-bench, configured Release)
# Environment:
#   DBPUSH_PG_CONNINFO_FILE   use this PostgreSQL server; otherwise a throwaway
#                             cluster is started (scripts/pg-cluster.sh) and stopped
#   DBPUSH_BENCH_RUNS         runs of each whole-process measurement (default 21)
#   DBPUSH_BENCH_SKIP_COMPILE=1  skip the build-cost script (benchmarks/compile_cost.sh)
#   DBPUSH_BENCH_ARGS         extra arguments for every Google Benchmark program
# The raw output of each program is kept in BUILD_DIR/bench-output/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-bench}
runs=${DBPUSH_BENCH_RUNS:-21}
out=$build/bench-output
bin=$build/benchmarks
targets=(bench_push_sqlite bench_introspect_sqlite bench_push_postgres bench_diff bench_copy_sqlite bench_copy_postgres
         bench_startup_sqlite bench_startup_postgres bench_reset bench_reset_suite_postgres)

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j2 --target "${targets[@]}" >/dev/null
mkdir -p "$out"
scratch=$(mktemp -d /tmp/dbpush-bench.XXXXXX)
chmod 755 "$scratch"

if [ -z "${DBPUSH_PG_CONNINFO_FILE:-}" ]; then
  "$root/scripts/pg-cluster.sh" start "$scratch/pg" >/dev/null
  export DBPUSH_PG_CONNINFO_FILE=$scratch/pg/conninfo
  trap '"$root/scripts/pg-cluster.sh" stop "$scratch/pg"; rm -rf "$scratch"' EXIT
else
  trap 'rm -rf "$scratch"' EXIT
fi

echo "== machine"
echo "cpus: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "memory: $(free -m | awk '/^Mem:/ {print $2}') MiB; kernel $(uname -r)"
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg) (the machine's cores may be shared: compare CPU columns)"
if commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null); then
  git -C "$root" diff --quiet HEAD -- include benchmarks || commit+=" (with uncommitted changes under include/ or benchmarks/)"
  echo "commit: $commit"
fi

# bench NAME: runs the program, shows its table, keeps it for the summary.
bench() {
  echo; echo "== $1"
  # shellcheck disable=SC2086
  "$bin/$1" ${DBPUSH_BENCH_ARGS:-} 2>&1 | grep -v '^\*\*\*WARNING\*\*\* Library was built as DEBUG' | tee "$out/$1.txt" \
    | grep -E '^(BM_|---|Benchmark|Load)' || true
}

# time_of FILE ROW: the first time column of that benchmark row, in ms.
time_of() {
  awk -v row="$2" '$1 == row {
    v = $2; u = $3
    if (u == "us") v /= 1000; else if (u == "ns") v /= 1e6; else if (u == "s") v *= 1000
    printf "%.3f", v; exit }' "$1"
}
# counter_of FILE ROW NAME: a user counter of that row.
counter_of() {
  awk -v row="$2" -v name="$3" '$1 == row { for (i = 1; i <= NF; i++) if (index($i, name "=") == 1) {
    print substr($i, length(name) + 2); exit } }' "$1"
}
# verdict VALUE LIMIT: met when VALUE <= LIMIT.
verdict() {
  [ -n "$1" ] || { echo "not measured"; return; }
  awk -v v="$1" -v l="$2" 'BEGIN { if (v <= l) print "met"; else printf "MISSED (%.1fx the target)\n", v / l }'
}

# median_ms RUNS COMMAND...: median wall time of whole runs of a command.
median_ms() {
  local n=$1; shift
  for ((i = 0; i < n; i++)); do
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000 ))
  done | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", a[int((NR + 1) / 2)] / 1000 }'
}

bench bench_push_sqlite
bench bench_introspect_sqlite
bench bench_push_postgres
# PostgreSQL's JIT compiles a catalog query once its estimated cost passes
# jit_above_cost, which a big catalog does: the same figures without it.
echo; echo "== bench_push_postgres with PGOPTIONS='-c jit=off' (no-op push and introspection only)"
PGOPTIONS="-c jit=off" "$bin/bench_push_postgres" --benchmark_filter='noop|introspect' 2>&1 \
  | tee "$out/bench_push_postgres_nojit.txt" | grep -E '^BM_' || true
bench bench_reset
bench bench_diff
bench bench_copy_sqlite
bench bench_copy_postgres

echo; echo "== whole-process start-up: connect + no-op push of 100 tables, median of $runs runs (ms)"
"$bin/bench_startup_sqlite" 100 "$scratch/startup.db" --prepare
"$bin/bench_startup_postgres" 100 bench_startup --prepare
startup_sqlite=$(median_ms "$runs" "$bin/bench_startup_sqlite" 100 "$scratch/startup.db")
startup_pg=$(median_ms "$runs" "$bin/bench_startup_postgres" 100 bench_startup)
printf "  SQLite file   %8s ms   (process that only connects: %s ms)\n" "$startup_sqlite" \
  "$(median_ms "$runs" "$bin/bench_startup_sqlite" 100 "$scratch/startup.db" --connect-only)"
printf "  PostgreSQL    %8s ms   (process that only connects: %s ms)\n" "$startup_pg" \
  "$(median_ms "$runs" "$bin/bench_startup_postgres" 100 bench_startup --connect-only)"

suite_runs=$(( runs < 5 ? runs : 5 ))
echo; echo "== doctest suite of 200 test cases, each resetting 20 PostgreSQL tables, median of $suite_runs runs (ms)"
suite_new=$(median_ms "$suite_runs" "$bin/bench_reset_suite_postgres")
printf "  db::reset                %10s ms\n" "$suite_new"
printf "  push with force_reset    %10s ms   (the long way, db::reset before issue 14)\n" \
  "$(median_ms "$suite_runs" "$bin/bench_reset_suite_postgres" --old-way)"

echo; echo "== peak resident memory of a process doing one no-op push of 1000 tables (getrusage)"
"$bin/bench_startup_sqlite" 1000 "$scratch/rss.db" --prepare
"$bin/bench_startup_postgres" 1000 bench_rss --prepare
rss() { "$@" --rss | awk '/maxrss_kib/ { printf "%.1f", $2 / 1024 }'; }
rss_sqlite=$(rss "$bin/bench_startup_sqlite" 1000 "$scratch/rss.db")
rss_pg=$(rss "$bin/bench_startup_postgres" 1000 bench_rss)
printf "  SQLite file   %6s MiB   (process that only connects: %s MiB)\n" "$rss_sqlite" \
  "$(rss "$bin/bench_startup_sqlite" 1000 "$scratch/rss.db" --connect-only)"
printf "  PostgreSQL    %6s MiB   (process that only connects: %s MiB; the server's memory is not counted)\n" \
  "$rss_pg" "$(rss "$bin/bench_startup_postgres" 1000 bench_rss --connect-only)"

s=$out/bench_push_sqlite.txt p=$out/bench_push_postgres.txt
noop_rj=$(time_of "$s" BM_sqlite_noop_push/100/0) noop_wal=$(time_of "$s" BM_sqlite_noop_push/100/1)
noop_pg=$(time_of "$p" BM_postgres_noop_push/100/real_time)
ratio() { [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
lin_rj=$(ratio "$(time_of "$s" BM_sqlite_noop_push/1000/0)" "$noop_rj")
lin_wal=$(ratio "$(time_of "$s" BM_sqlite_noop_push/1000/1)" "$noop_wal")
lin_pg=$(ratio "$(time_of "$p" BM_postgres_noop_push/1000/real_time)" "$noop_pg")
reset=$(time_of "$s" BM_sqlite_reset_in_memory/1/iterations:1000)
r=$out/bench_reset.txt
reset_file=$(time_of "$r" BM_sqlite_file_reset/1/iterations:300)
reset_pg=$(time_of "$r" BM_postgres_reset/1/iterations:200/real_time)
copy_ratio=$(counter_of "$out/bench_copy_sqlite.txt" BM_sqlite_redefine_table/iterations:4/manual_time ratio)
copy_gap=$(counter_of "$out/bench_copy_sqlite.txt" BM_sqlite_redefine_table/iterations:4/manual_time longest_gap_in_copy_s)
add_default=$(time_of "$out/bench_copy_postgres.txt" BM_postgres_add_column_with_default/iterations:20/manual_time)
bigint_ratio=$(counter_of "$out/bench_copy_postgres.txt" BM_postgres_int_to_bigint/iterations:3/manual_time ratio)
pg_statements=$(counter_of "$p" BM_postgres_noop_push/1000/real_time statements)
i=$out/bench_introspect_sqlite.txt
full_path=$(time_of "$i" BM_sqlite_introspect_of/100/0)
plan_in_sync=$(time_of "$i" BM_sqlite_plan_of/100/0)
noop_hand=$(time_of "$i" BM_sqlite_noop_push_of/100/1)

echo; echo "== targets (issue 5); wall times, see the CPU columns above when the machine is busy"
row() { printf "  %-58s %12s   %s\n" "$1" "$2" "$3"; }
row "no-op push 100 tables, SQLite rollback journal (<= 1.5 ms)" "${noop_rj:-?} ms" "$(verdict "$noop_rj" 1.5)"
row "no-op push 100 tables, SQLite WAL (<= 1.5 ms)" "${noop_wal:-?} ms" "$(verdict "$noop_wal" 1.5)"
row "no-op push 100 tables, PostgreSQL (<= 10 ms)" "${noop_pg:-?} ms" "$(verdict "$noop_pg" 10)"
row "no-op push 1000/100 tables, SQLite rollback journal (<= 10x)" "${lin_rj:-?}x" "$(verdict "$lin_rj" 10)"
row "no-op push 1000/100 tables, SQLite WAL (<= 10x)" "${lin_wal:-?}x" "$(verdict "$lin_wal" 10)"
row "no-op push 1000/100 tables, PostgreSQL (<= 10x)" "${lin_pg:-?}x" "$(verdict "$lin_pg" 10)"
row "SQLite full introspection path, 100 tables (<= 1.5 ms, issue 14)" "${full_path:-?} ms" "$(verdict "$full_path" 1.5)"
row "SQLite db::plan in sync, 100 tables (<= 1.5 ms, issue 14)" "${plan_in_sync:-?} ms" "$(verdict "$plan_in_sync" 1.5)"
row "SQLite no-op push, hand-written DDL, 100 tables (no target)" "${noop_hand:-?} ms" "(full path)"
row "PostgreSQL statements of a no-op push at 1000 tables (<= 8)" "${pg_statements:-?}" "$(verdict "$pg_statements" 8)"
row "reset of 20 in-memory SQLite tables after a test wrote (<= 0.1 ms)" "${reset:-?} ms" "$(verdict "$reset" 0.1)"
row "reset of 20 SQLite file tables holding rows (<= 2 ms)" "${reset_file:-?} ms" "$(verdict "$reset_file" 2)"
row "reset of 20 PostgreSQL tables holding rows (<= 5 ms)" "${reset_pg:-?} ms" "$(verdict "$reset_pg" 5)"
suite_s=$(awk -v v="$suite_new" 'BEGIN { printf "%.2f", v / 1000 }')
row "200 test cases resetting 20 PostgreSQL tables (<= 2 s)" "${suite_s} s" "$(verdict "$suite_s" 2)"
row "whole-process no-op push 100 tables, SQLite (<= 50 ms)" "${startup_sqlite} ms" "$(verdict "$startup_sqlite" 50)"
row "whole-process no-op push 100 tables, PostgreSQL (<= 50 ms)" "${startup_pg} ms" "$(verdict "$startup_pg" 50)"
row "SQLite redefinition of 1M rows vs hand-written (<= 1.15x)" "${copy_ratio:-?}x" "$(verdict "$copy_ratio" 1.15)"
row "longest gap between progress calls in the copy (<= 1 s)" "${copy_gap:-?} s" "$(verdict "$copy_gap" 1)"
row "PostgreSQL constant-default column add, 1M rows (<= 50 ms)" "${add_default:-?} ms" "$(verdict "$add_default" 50)"
row "PostgreSQL int->bigint, 1M rows, vs hand-written (ratio)" "${bigint_ratio:-?}x" "(no target)"
row "peak memory, no-op push 1000 tables, SQLite (<= 64 MiB)" "${rss_sqlite} MiB" "$(verdict "$rss_sqlite" 64)"
row "peak memory, no-op push 1000 tables, PostgreSQL (<= 64 MiB)" "${rss_pg} MiB" "$(verdict "$rss_pg" 64)"

if [ "${DBPUSH_BENCH_SKIP_COMPILE:-0}" != 1 ]; then
  echo; echo "== build cost (benchmarks/compile_cost.sh; 500 models: DBPUSH_COMPILE_COST_SIZES=500 benchmarks/compile_cost.sh)"
  "$root/benchmarks/compile_cost.sh" "$build/compile-cost"
fi
