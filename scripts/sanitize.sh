#!/usr/bin/env bash
# Builds everything with AddressSanitizer and UndefinedBehaviorSanitizer (GCC)
# in its own directory (build-asan/) and runs every test with CTest, as
# scripts/test.sh does in build/. Any sanitizer report fails its test: UBSan
# does not recover, and ASan and LeakSanitizer stop the process. Arguments go
# to ctest (e.g. -R 'sqlite').
#
# GCC 12 cannot evaluate `&static_member != nullptr` in a constant expression
# under -fsanitize=null, nonnull-attribute or returns-nonnull-attribute (the
# model layer's compile-time checks do), so those three are off; a null
# dereference still stops the process under ASan. Valgrind is switched off:
# it cannot run ASan programs. The compile-fail tests and their twins run no
# code, so they are left to scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
build=${DBPUSH_ASAN_BUILD_DIR:-build-asan}
flags="-fsanitize=address,undefined -fno-sanitize=null,nonnull-attribute,returns-nonnull-attribute"
flags+=" -fno-sanitize-recover=all -fno-omit-frame-pointer"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DDBPUSH_BUILD_BENCHMARKS=OFF -DDBPUSH_COMPILE_FAIL_TESTS=OFF \
  -DDBPUSH_VALGRIND= \
  "-DCMAKE_CXX_FLAGS=$flags" "-DCMAKE_EXE_LINKER_FLAGS=$flags" >/dev/null
cmake --build "$build" -j2
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:check_initialization_order=1:strict_init_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
# Leaks inside libraries, each with its reason, in the file.
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/scripts/lsan-suppressions.txt:print_suppressions=0}
ctest --test-dir "$build" --output-on-failure -j2 "$@"
