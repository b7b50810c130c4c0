#!/usr/bin/env bash
# Installs what is missing, builds everything with -j2 and runs every test with
# CTest. The PostgreSQL tests start and stop their own throwaway cluster as a
# CTest fixture (scripts/pg-cluster.sh), so nothing needs to be running first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
build=${DBPUSH_BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=${DBPUSH_BUILD_TYPE:-Debug} >/dev/null
cmake --build "$build" -j2
ctest --test-dir "$build" --output-on-failure -j2 "$@"
