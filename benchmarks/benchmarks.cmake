# dbpush_benchmark(NAME <name> SOURCES <files...> [LIBS <targets...>])
# A Google Benchmark program, built with the tests, run on demand by
# benchmarks/run.sh (never registered with CTest).
function(dbpush_benchmark)
  cmake_parse_arguments(BENCH "" "NAME" "SOURCES;LIBS" ${ARGN})
  add_executable(${BENCH_NAME} ${BENCH_SOURCES})
  target_link_libraries(${BENCH_NAME} PRIVATE ${BENCH_LIBS})
  target_include_directories(${BENCH_NAME} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  # GCC 12 reports false -Wrestrict errors inside std::string at -O2/-O3 (GCC bug
  # 105329); benchmarks are built optimised, so that one stays a warning.
  target_compile_options(${BENCH_NAME} PRIVATE -Wall -Wextra -Wpedantic -Werror -Wno-error=restrict)
endfunction()

dbpush_benchmark(NAME bench_push_sqlite SOURCES push_sqlite.cpp LIBS dbpush::sqlite benchmark::benchmark)
dbpush_benchmark(NAME bench_startup_sqlite SOURCES startup.cpp LIBS dbpush::sqlite)
dbpush_benchmark(NAME bench_startup_postgres SOURCES startup.cpp LIBS dbpush::postgres)
target_compile_definitions(bench_startup_postgres PRIVATE DBPUSH_BENCH_POSTGRES)
dbpush_benchmark(NAME bench_push_postgres SOURCES push_postgres.cpp LIBS dbpush::postgres benchmark::benchmark)
dbpush_benchmark(NAME bench_diff SOURCES diff.cpp LIBS dbpush::sqlite benchmark::benchmark)
dbpush_benchmark(NAME bench_copy_sqlite SOURCES copy_sqlite.cpp LIBS dbpush::sqlite benchmark::benchmark)
dbpush_benchmark(NAME bench_copy_postgres SOURCES copy_postgres.cpp LIBS dbpush::postgres benchmark::benchmark)
dbpush_benchmark(NAME bench_introspect_sqlite SOURCES introspect_sqlite.cpp LIBS dbpush::sqlite benchmark::benchmark)
dbpush_benchmark(NAME bench_reset SOURCES reset.cpp LIBS dbpush::sqlite dbpush::postgres benchmark::benchmark)
find_package(doctest REQUIRED)
dbpush_benchmark(NAME bench_reset_suite_postgres SOURCES reset_suite_postgres.cpp LIBS dbpush::postgres doctest::doctest)
