# SQLite dialect: dry tests of canonical spellings and rendered SQL, and live
# tests on real database files.
set(dbpush_sqlite_fixture ${CMAKE_CURRENT_LIST_DIR}/fixture.cpp)
dbpush_test(NAME sqlite.dry LIBS dbpush::sqlite SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/types_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/render_test.cpp)
dbpush_test(NAME sqlite.push LIBS dbpush::sqlite SOURCES ${dbpush_sqlite_fixture}
  ${CMAKE_CURRENT_LIST_DIR}/introspect_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/push_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/columns_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/keys_test.cpp)
dbpush_test(NAME sqlite.flow LIBS dbpush::sqlite SOURCES ${dbpush_sqlite_fixture}
  ${CMAKE_CURRENT_LIST_DIR}/flow_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/identifiers_test.cpp)
dbpush_test(NAME sqlite.environment LIBS dbpush::sqlite SOURCES ${dbpush_sqlite_fixture}
  ${CMAKE_CURRENT_LIST_DIR}/errors_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/concurrency_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/models_test.cpp)
