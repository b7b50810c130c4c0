# PostgreSQL dialect tests: every one runs against the CTest fixture's cluster.
set(dbpush_pg_tests introspect push_basic alter enum check models concurrency types render)
foreach(t ${dbpush_pg_tests})
  dbpush_test(NAME postgres.${t} SOURCES ${CMAKE_CURRENT_LIST_DIR}/${t}_test.cpp
    LIBS dbpush::postgres POSTGRES)
endforeach()
