# The tools around push: db::diff_sql, the generators and the command line
# (run as a subprocess, as users run it).
if(DBPUSH_WITH_POSTGRES)
  dbpush_test(NAME cli.diff_sql_sqlite LIBS dbpush::sqlite dbpush::postgres
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/diff_sql_sqlite_test.cpp ${CMAKE_CURRENT_LIST_DIR}/../sqlite/fixture.cpp)
  dbpush_test(NAME cli.diff_sql_postgres LIBS dbpush::sqlite dbpush::postgres POSTGRES
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/diff_sql_postgres_test.cpp)
  dbpush_test(NAME cli.generators LIBS dbpush::sqlite dbpush::postgres
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/generators_test.cpp ${CMAKE_CURRENT_LIST_DIR}/../sqlite/fixture.cpp)
endif()
