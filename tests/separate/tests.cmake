# The engine compiled once (the CMake targets) and header-only, and what keeps
# a program from mixing the two (docs/build.md).

# dbpush::sqlite and dbpush::postgres hold the engine: a SQLite and a PostgreSQL
# push through them, from a TU that sees declarations only.
if(DBPUSH_WITH_POSTGRES)
  dbpush_test(NAME separate.push SOURCES ${CMAKE_CURRENT_LIST_DIR}/separate_test.cpp
    LIBS dbpush::sqlite dbpush::postgres POSTGRES)
endif()

# A program whose TUs disagree on DBPUSH_SEPARATE_COMPILATION must not link
# (detail/config.hpp): one TU header-only, one linking dbpush::sqlite.
add_library(dbpush_mixed_header_only OBJECT EXCLUDE_FROM_ALL ${CMAKE_CURRENT_LIST_DIR}/mixed_header_only.cpp)
target_link_libraries(dbpush_mixed_header_only PRIVATE dbpush::header_only SQLiteCpp)
add_executable(dbpush_mixed_modes EXCLUDE_FROM_ALL ${CMAKE_CURRENT_LIST_DIR}/mixed_compiled.cpp
  $<TARGET_OBJECTS:dbpush_mixed_header_only>)
target_link_libraries(dbpush_mixed_modes PRIVATE dbpush::sqlite)
add_test(NAME separate.mixed_modes_refused
  COMMAND ${CMAKE_COMMAND} --build ${CMAKE_BINARY_DIR} --target dbpush_mixed_modes)
set_tests_properties(separate.mixed_modes_refused PROPERTIES RESOURCE_LOCK dbpush_build_tree
  PASS_REGULAR_EXPRESSION "dbpush_separate_compilation_differs_between_TUs: TLS definition in [^\n]* mismatches non-TLS definition")

# Header-only, a TU that includes every public header and calls nothing emits
# no dbpush code.
if(DBPUSH_WITH_POSTGRES)
  add_library(dbpush_header_alone OBJECT ${CMAKE_CURRENT_LIST_DIR}/header_alone.cpp)
  target_link_libraries(dbpush_header_alone PRIVATE dbpush::header_only SQLiteCpp dbpush_libpqxx)
  target_compile_options(dbpush_header_alone PRIVATE ${DBPUSH_WARNINGS} -O0)
  add_test(NAME separate.header_alone_emits_nothing
    COMMAND ${CMAKE_COMMAND} -DNM=${CMAKE_NM} -DOBJECT=$<TARGET_OBJECTS:dbpush_header_alone>
            -P ${CMAKE_CURRENT_LIST_DIR}/header-alone-emits-nothing.cmake)
endif()
