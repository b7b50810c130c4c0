# Core: schema, differ, checker and the push front's pure parts. Dry tests: no database.
dbpush_test(NAME core.schema SOURCES ${CMAKE_CURRENT_LIST_DIR}/schema_test.cpp)
dbpush_test(NAME core.diff SOURCES ${CMAKE_CURRENT_LIST_DIR}/diff_tables_test.cpp
                                   ${CMAKE_CURRENT_LIST_DIR}/diff_keys_test.cpp
                                   ${CMAKE_CURRENT_LIST_DIR}/diff_names_test.cpp)
dbpush_test(NAME core.check SOURCES ${CMAKE_CURRENT_LIST_DIR}/check_loss_test.cpp
                                    ${CMAKE_CURRENT_LIST_DIR}/check_refusal_test.cpp
                                    ${CMAKE_CURRENT_LIST_DIR}/check_values_test.cpp)
dbpush_test(NAME core.front SOURCES ${CMAKE_CURRENT_LIST_DIR}/front_test.cpp)
dbpush_test(NAME core.diff_fuzz SOURCES ${CMAKE_CURRENT_LIST_DIR}/diff_fuzz_test.cpp)
# The front's flow through the real SQLite session (the SQLite area's fixture).
dbpush_test(NAME core.front_sqlite LIBS dbpush::sqlite SOURCES ${CMAKE_CURRENT_LIST_DIR}/front_sqlite_test.cpp
                                                           ${CMAKE_CURRENT_LIST_DIR}/../sqlite/fixture.cpp)
