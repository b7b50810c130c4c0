#!/usr/bin/env bash
# The test command: README's, and the whole of .ci/run, so CI proves what a new
# user runs. Installs what is missing, then
#   1. builds everything with -j2 in build/ and runs every test with CTest (the
#      PostgreSQL tests start and stop their own throwaway cluster as a CTest
#      fixture, scripts/pg-cluster.sh, so nothing needs to be running first);
#   2. runs every test again under AddressSanitizer and UndefinedBehaviorSanitizer
#      (scripts/sanitize.sh, build-asan/);
#   3. fuzzes each parser for DBPUSH_FUZZ_SECONDS seconds, 30 by default
#      (scripts/fuzz.sh, clang's libFuzzer, build-fuzz/).
# Arguments go to ctest in steps 1 and 2 (e.g. -R sqlite). While working,
# DBPUSH_TEST_STEPS=tests runs step 1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
build=${DBPUSH_BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=${DBPUSH_BUILD_TYPE:-Debug} >/dev/null
cmake --build "$build" -j2
ctest --test-dir "$build" --output-on-failure -j2 "$@"
if [ "${DBPUSH_TEST_STEPS:-all}" = "tests" ]; then exit 0; fi
scripts/sanitize.sh "$@"
DBPUSH_FUZZ_SECONDS=${DBPUSH_FUZZ_SECONDS:-30} scripts/fuzz.sh
