# Resilience (issue 12, sections 2-4): crashes, concurrency and hostile input
# (docs/reliability.md). The pushes and writers run in helper programs started
# by the tests (child_*.cpp). DBPUSH_RESILIENCE_FULL=1 runs the long versions.
set(dbpush_resilience_dir ${CMAKE_CURRENT_LIST_DIR})

# What every harness and helper program shares, no database driver.
add_library(dbpush_resilience STATIC
  ${dbpush_resilience_dir}/process.cpp
  ${dbpush_resilience_dir}/state.cpp
  ${dbpush_resilience_dir}/harness.cpp
  ${dbpush_resilience_dir}/crash.cpp
  ${dbpush_resilience_dir}/scenarios.cpp
  ${dbpush_resilience_dir}/child.cpp)
target_link_libraries(dbpush_resilience PUBLIC dbpush::dbpush)
target_include_directories(dbpush_resilience PUBLIC ${PROJECT_SOURCE_DIR}/tests)
target_compile_options(dbpush_resilience PRIVATE ${DBPUSH_WARNINGS})

add_executable(resilience_child_sqlite ${dbpush_resilience_dir}/child_sqlite.cpp)
target_link_libraries(resilience_child_sqlite PRIVATE dbpush_resilience dbpush::sqlite)
target_compile_options(resilience_child_sqlite PRIVATE ${DBPUSH_WARNINGS})

add_library(dbpush_resilience_sqlite STATIC
  ${dbpush_resilience_dir}/sqlite_support.cpp
  ${dbpush_resilience_dir}/foreign_sqlite.cpp)
target_link_libraries(dbpush_resilience_sqlite PUBLIC dbpush_resilience dbpush_sqlite_fixture)
target_compile_definitions(dbpush_resilience_sqlite PRIVATE
  RESILIENCE_CHILD_SQLITE="$<TARGET_FILE:resilience_child_sqlite>")
target_compile_options(dbpush_resilience_sqlite PRIVATE ${DBPUSH_WARNINGS})
add_dependencies(dbpush_resilience_sqlite resilience_child_sqlite)

dbpush_test(NAME resilience.crash_sqlite LIBS dbpush_resilience_sqlite SOURCES
  ${dbpush_resilience_dir}/crash_sqlite_test.cpp)
set_tests_properties(resilience.crash_sqlite PROPERTIES TIMEOUT 3600)
dbpush_test(NAME resilience.concurrency_sqlite LIBS dbpush_resilience_sqlite SOURCES
  ${dbpush_resilience_dir}/concurrency_sqlite_test.cpp)
set_tests_properties(resilience.concurrency_sqlite PROPERTIES TIMEOUT 3600)
dbpush_test(NAME resilience.hostile_sqlite LIBS dbpush_resilience_sqlite SOURCES
  ${dbpush_resilience_dir}/hostile_sqlite_test.cpp)
dbpush_test(NAME resilience.environment_sqlite LIBS dbpush_resilience_sqlite SOURCES
  ${dbpush_resilience_dir}/environment_sqlite_test.cpp)

# What the harnesses found, as small cases (docs/reliability.md): each fails
# until its bug is fixed in the engine.
dbpush_test(NAME resilience.found_sqlite LIBS dbpush_resilience_sqlite SOURCES ${dbpush_resilience_dir}/found_sqlite.cpp)

if(DBPUSH_WITH_POSTGRES)
  add_executable(resilience_child_postgres ${dbpush_resilience_dir}/child_postgres.cpp)
  target_link_libraries(resilience_child_postgres PRIVATE dbpush_resilience dbpush::postgres)
  target_compile_options(resilience_child_postgres PRIVATE ${DBPUSH_WARNINGS})

  add_library(dbpush_resilience_postgres STATIC ${dbpush_resilience_dir}/postgres_support.cpp)
  target_link_libraries(dbpush_resilience_postgres PUBLIC dbpush_resilience dbpush_test_main dbpush::postgres)
  target_compile_definitions(dbpush_resilience_postgres PRIVATE
    RESILIENCE_CHILD_POSTGRES="$<TARGET_FILE:resilience_child_postgres>"
    RESILIENCE_PG_CLUSTER_SCRIPT="${PROJECT_SOURCE_DIR}/scripts/pg-cluster.sh")
  target_compile_options(dbpush_resilience_postgres PRIVATE ${DBPUSH_WARNINGS})
  add_dependencies(dbpush_resilience_postgres resilience_child_postgres)

  dbpush_test(NAME resilience.crash_postgres LIBS dbpush_resilience_postgres POSTGRES SOURCES
    ${dbpush_resilience_dir}/crash_postgres_test.cpp)
  set_tests_properties(resilience.crash_postgres PROPERTIES TIMEOUT 3600)
  dbpush_test(NAME resilience.concurrency_postgres LIBS dbpush_resilience_postgres POSTGRES SOURCES
    ${dbpush_resilience_dir}/concurrency_postgres_test.cpp)
  set_tests_properties(resilience.concurrency_postgres PROPERTIES TIMEOUT 3600)
  add_library(dbpush_resilience_foreign_postgres STATIC ${dbpush_resilience_dir}/foreign_postgres.cpp)
  target_link_libraries(dbpush_resilience_foreign_postgres PUBLIC dbpush_resilience_postgres)
  target_compile_options(dbpush_resilience_foreign_postgres PRIVATE ${DBPUSH_WARNINGS})
  dbpush_test(NAME resilience.hostile_postgres LIBS dbpush_resilience_foreign_postgres POSTGRES SOURCES
    ${dbpush_resilience_dir}/hostile_postgres_test.cpp)
  dbpush_test(NAME resilience.environment_postgres LIBS dbpush_resilience_postgres POSTGRES SOURCES
    ${dbpush_resilience_dir}/environment_postgres_test.cpp)
  dbpush_test(NAME resilience.online_postgres LIBS dbpush_resilience_postgres POSTGRES SOURCES
    ${dbpush_resilience_dir}/online_postgres_test.cpp)
  dbpush_test(NAME resilience.found_postgres LIBS dbpush_resilience_postgres POSTGRES SOURCES
    ${dbpush_resilience_dir}/found_postgres.cpp)
endif()
