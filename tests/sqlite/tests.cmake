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
  ${CMAKE_CURRENT_LIST_DIR}/introspect_texts_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/push_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/columns_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/keys_test.cpp)
dbpush_test(NAME sqlite.flow LIBS dbpush_sqlite_fixture SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/flow_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/noop_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/hazards_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/reset_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/identifiers_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/expressions_test.cpp)
dbpush_test(NAME sqlite.names LIBS dbpush_sqlite_fixture SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/names_test.cpp)
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
# db::reset of a file: emptied when in sync, the long way after any difference.
dbpush_test(NAME sqlite.reset_file LIBS dbpush_sqlite_fixture SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/reset_file_test.cpp)
dbpush_test(NAME sqlite.reset_close LIBS dbpush_sqlite_fixture SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/reset_close_test.cpp)
# The checker on the values a push leaves: new defaults, filled NULLs and casts
# under unique indexes and foreign keys, and random pushes that combine them.
dbpush_test(NAME sqlite.check_values LIBS dbpush_sqlite_fixture SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/check_values_test.cpp)

# Programs that exit with a reset in-memory connection still open (a global, a
# function-local static, one used by a thread, several): each must exit 0 with
# nothing on stderr, under valgrind too when it is installed.
set(dbpush_exit_programs global_connection static_connection static_thread_connection several_connections)
set(dbpush_exit_paths)
foreach(p ${dbpush_exit_programs})
  add_executable(sqlite_exit_${p} ${CMAKE_CURRENT_LIST_DIR}/exit/${p}.cpp)
  target_link_libraries(sqlite_exit_${p} PRIVATE dbpush::sqlite)
  target_compile_options(sqlite_exit_${p} PRIVATE ${DBPUSH_WARNINGS})
  list(APPEND dbpush_exit_paths $<TARGET_FILE:sqlite_exit_${p}>)
endforeach()
find_program(DBPUSH_VALGRIND valgrind)
if(NOT DBPUSH_VALGRIND)
  set(DBPUSH_VALGRIND "")
endif()
string(REPLACE ";" "|" dbpush_exit_list "${dbpush_exit_paths}")
add_test(NAME sqlite.exit_with_open_connection
  COMMAND ${CMAKE_COMMAND} "-DPROGRAMS=${dbpush_exit_list}" "-DVALGRIND=${DBPUSH_VALGRIND}"
    -P ${CMAKE_CURRENT_LIST_DIR}/exit/run-exit-programs.cmake)
set_tests_properties(sqlite.exit_with_open_connection PROPERTIES PASS_REGULAR_EXPRESSION "exit: all ok")
