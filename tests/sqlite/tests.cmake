# SQLite dialect: dry tests of canonical spellings and rendered SQL, and live
# tests on real database files. The fixture is compiled once for all of them.
add_library(dbpush_sqlite_fixture STATIC ${CMAKE_CURRENT_LIST_DIR}/fixture.cpp)
target_link_libraries(dbpush_sqlite_fixture PUBLIC dbpush_test_main dbpush::sqlite)
target_compile_options(dbpush_sqlite_fixture PRIVATE ${DBPUSH_WARNINGS})

dbpush_test(NAME sqlite.dry LIBS dbpush::sqlite SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/types_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/render_test.cpp)
dbpush_test(NAME sqlite.push LIBS dbpush_sqlite_fixture SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/introspect_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/introspect_keys_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/push_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/columns_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/keys_test.cpp)
dbpush_test(NAME sqlite.flow LIBS dbpush_sqlite_fixture SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/flow_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/noop_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/reset_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/identifiers_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/expressions_test.cpp)
dbpush_test(NAME sqlite.environment LIBS dbpush_sqlite_fixture SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/errors_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/concurrency_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/models_test.cpp)
# Statements a reset keeps prepared between resets. The close test has a binary
# of its own: it compares SQLite's process-wide memory counter.
dbpush_test(NAME sqlite.reset_statements LIBS dbpush_sqlite_fixture SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/reset_statements_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/reset_foreign_keys_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/reset_interrupted_test.cpp)
dbpush_test(NAME sqlite.reset_close LIBS dbpush_sqlite_fixture SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/reset_close_test.cpp)
# The checker on the values a push leaves: new defaults, filled NULLs and casts
# under unique indexes and foreign keys, and random pushes that combine them.
dbpush_test(NAME sqlite.check_values LIBS dbpush_sqlite_fixture SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/check_values_test.cpp)
