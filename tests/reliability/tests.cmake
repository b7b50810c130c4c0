# Reliability (issue 12): the property-based schema-evolution tester. The
# support library (generator, row filler, oracle, harness, shrinker) needs no
# database driver; each dialect's driver adds its backend.
set(dbpush_evolve_dir ${CMAKE_CURRENT_LIST_DIR})
add_library(dbpush_evolve STATIC
  ${dbpush_evolve_dir}/evolve.cpp
  ${dbpush_evolve_dir}/types.cpp
  ${dbpush_evolve_dir}/generator.cpp
  ${dbpush_evolve_dir}/oracle.cpp
  ${dbpush_evolve_dir}/harness.cpp)
target_link_libraries(dbpush_evolve PUBLIC dbpush_test_main)
target_compile_options(dbpush_evolve PRIVATE ${DBPUSH_WARNINGS})

dbpush_test(NAME reliability.evolve_sqlite LIBS dbpush_evolve dbpush_sqlite_fixture SOURCES
  ${dbpush_evolve_dir}/evolve_sqlite_test.cpp
  ${dbpush_evolve_dir}/sqlite_backend.cpp)
set_tests_properties(reliability.evolve_sqlite PROPERTIES TIMEOUT 900)

if(DBPUSH_WITH_POSTGRES)
  dbpush_test(NAME reliability.evolve_postgres LIBS dbpush_evolve dbpush::postgres POSTGRES SOURCES
    ${dbpush_evolve_dir}/evolve_postgres_test.cpp
    ${dbpush_evolve_dir}/postgres_backend.cpp)
  set_tests_properties(reliability.evolve_postgres PROPERTIES TIMEOUT 900)
endif()

# What the tester found, as small cases (docs/reliability.md): each fails until
# its bug is fixed in the engine.
dbpush_test(NAME reliability.found_sqlite LIBS dbpush_sqlite_fixture SOURCES
  ${dbpush_evolve_dir}/found_test_sqlite.cpp)
if(DBPUSH_WITH_POSTGRES)
  dbpush_test(NAME reliability.found_postgres LIBS dbpush::postgres POSTGRES SOURCES
    ${dbpush_evolve_dir}/found_test_postgres.cpp)
endif()
