#!/usr/bin/env bash
# The main job: builds the SQLite example and pushes its schema to app.db.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build-example -DCMAKE_BUILD_TYPE=Release -DDBPUSH_BUILD_TESTS=OFF -DDBPUSH_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build-example -j2 --target quickstart
./build-example/examples/quickstart "${1:-app.db}"
