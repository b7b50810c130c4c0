#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (ASan and UBSan on) in
# build-fuzz/ and runs each for DBPUSH_FUZZ_SECONDS seconds (default 15; --long:
# 600), starting from the corpus in tests/fuzz/corpus/<target>. New inputs go to
# build-fuzz/corpus/<target> (kept between runs; the repository's corpus is
# only read), a crashing input to build-fuzz/artifacts/. Prints one line per
# target (runs, seconds, corpus size, crashes) and fails if any target crashed.
# Arguments after the options name the targets to run (default: all).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${DBPUSH_FUZZ_SECONDS:-15}
if [ "${1:-}" = "--long" ]; then
  seconds=600
  shift
fi
scripts/install-deps.sh
build=${DBPUSH_FUZZ_BUILD_DIR:-build-fuzz}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DDBPUSH_BUILD_FUZZERS=ON \
  -DDBPUSH_BUILD_TESTS=OFF -DDBPUSH_BUILD_EXAMPLES=OFF -DDBPUSH_BUILD_BENCHMARKS=OFF -DDBPUSH_INSTALL=OFF >/dev/null
cmake --build "$build" --target dbpush_fuzzers -j2
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for dir in tests/fuzz/corpus/*/; do targets+=("$(basename "$dir")"); done
fi
failed=0
printf '%-24s %10s %8s %8s %8s\n' target runs seconds corpus crashes
for t in "${targets[@]}"; do
  mkdir -p "$build/corpus/$t" "$build/artifacts"
  log="$build/fuzz-$t.log"
  rc=0
  "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -max_len=4096 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$build/artifacts/$t-" "$build/corpus/$t" "tests/fuzz/corpus/$t" >"$log" 2>&1 || rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  corpus=$(grep -ao 'corp: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  crashes=0
  if [ $rc -ne 0 ]; then
    crashes=1
    failed=1
  fi
  printf '%-24s %10s %8s %8s %8s\n' "$t" "${runs:-?}" "${took:-$seconds}" "${corpus:-?}" "$crashes"
  if [ $rc -ne 0 ]; then
    grep -a -A3 'property broken\|ERROR: \|terminate called' "$log" | head -20 >&2
    echo "fuzz: $t failed (exit $rc); input in $build/artifacts/, log $log" >&2
  fi
done
exit $failed
