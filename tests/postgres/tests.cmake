# PostgreSQL dialect tests: every one runs against the CTest fixture's cluster.
set(dbpush_pg_tests introspect push_basic alter enum check models concurrency types render jit catalog
  check_values names long_names expressions sequences lock_timeout hazards reset)
foreach(t ${dbpush_pg_tests})
  dbpush_test(NAME postgres.${t} SOURCES ${CMAKE_CURRENT_LIST_DIR}/${t}_test.cpp
    LIBS dbpush::postgres POSTGRES)
endforeach()

# Run without the cluster's conninfo, a PostgreSQL test fails and says how to run it.
add_test(NAME postgres.fails_without_cluster
  COMMAND ${CMAKE_COMMAND} -E env --unset=DBPUSH_PG_CONNINFO_FILE $<TARGET_FILE:postgres.render>)
set_tests_properties(postgres.fails_without_cluster PROPERTIES
  PASS_REGULAR_EXPRESSION "DBPUSH_PG_CONNINFO_FILE is not set: run the PostgreSQL tests through ctest or scripts/test.sh.*Status: FAILURE")

# Statement counts of no-op pushes, counted as the benchmarks count them. A binary
# of its own: the process-wide cache of the server's expression spellings starts empty.
dbpush_test(NAME postgres.expression_statements SOURCES ${CMAKE_CURRENT_LIST_DIR}/expression_statements_test.cpp
  LIBS dbpush::postgres POSTGRES)
target_include_directories(postgres.expression_statements PRIVATE ${PROJECT_SOURCE_DIR}/benchmarks)
target_include_directories(postgres.hazards PRIVATE ${PROJECT_SOURCE_DIR}/benchmarks)
