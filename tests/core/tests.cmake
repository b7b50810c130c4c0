# Core: schema, differ, checker and the push front's pure parts. Dry tests: no database.
dbpush_test(NAME core.schema SOURCES ${CMAKE_CURRENT_LIST_DIR}/schema_test.cpp)
