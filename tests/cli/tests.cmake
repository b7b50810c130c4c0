# The tools around push: db::diff_sql, the generators and the command line
# (run as a subprocess, as users run it).
if(DBPUSH_WITH_POSTGRES)
  dbpush_test(NAME cli.diff_sql_sqlite LIBS dbpush::tools
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/diff_sql_sqlite_test.cpp ${CMAKE_CURRENT_LIST_DIR}/../sqlite/fixture.cpp)
  dbpush_test(NAME cli.diff_sql_postgres LIBS dbpush::tools POSTGRES
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/diff_sql_postgres_test.cpp)
  dbpush_test(NAME cli.generators LIBS dbpush::tools
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/generators_test.cpp ${CMAKE_CURRENT_LIST_DIR}/../sqlite/fixture.cpp)
endif()

# Two builds of one command line: the first and the second version of the models.
if(DBPUSH_WITH_POSTGRES)
  foreach(v 1 2)
    add_executable(cli_v${v} ${CMAKE_CURRENT_LIST_DIR}/program.cpp)
    target_link_libraries(cli_v${v} PRIVATE dbpush::tools)
    target_include_directories(cli_v${v} PRIVATE ${CMAKE_CURRENT_LIST_DIR}/..)
    target_compile_definitions(cli_v${v} PRIVATE DBPUSH_TEST_VERSION=${v})
    target_compile_options(cli_v${v} PRIVATE ${DBPUSH_WARNINGS})
  endforeach()
  dbpush_test(NAME cli.command_sqlite LIBS dbpush::tools
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/command_sqlite_test.cpp ${CMAKE_CURRENT_LIST_DIR}/run_program.cpp
            ${CMAKE_CURRENT_LIST_DIR}/../sqlite/fixture.cpp)
  target_compile_definitions(cli.command_sqlite PRIVATE DBPUSH_TEST_CLI_V1="$<TARGET_FILE:cli_v1>"
    DBPUSH_TEST_CLI_V2="$<TARGET_FILE:cli_v2>" DBPUSH_TEST_PROJECT_VERSION="${PROJECT_VERSION}")
  add_dependencies(cli.command_sqlite cli_v1 cli_v2)
endif()
if(DBPUSH_WITH_POSTGRES)
  dbpush_test(NAME cli.command_postgres LIBS dbpush::tools POSTGRES
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/command_postgres_test.cpp ${CMAKE_CURRENT_LIST_DIR}/run_program.cpp)
  target_compile_definitions(cli.command_postgres PRIVATE DBPUSH_TEST_CLI_V1="$<TARGET_FILE:cli_v1>"
    DBPUSH_TEST_CLI_V2="$<TARGET_FILE:cli_v2>")
  add_dependencies(cli.command_postgres cli_v1 cli_v2)
endif()
if(DBPUSH_WITH_POSTGRES)
  dbpush_test(NAME cli.command_line LIBS dbpush::tools SOURCES ${CMAKE_CURRENT_LIST_DIR}/command_line_test.cpp)
endif()

# The examples that need the PostgreSQL fixture, which lives here; DATABASE_URL
# names its cluster, as a user's environment would.
if(DBPUSH_BUILD_EXAMPLES AND DBPUSH_WITH_POSTGRES)
  set(dbpush_with_url ${CMAKE_CURRENT_LIST_DIR}/with_database_url.sh)
  add_test(NAME example.service_startup
    COMMAND ${dbpush_with_url} ${CMAKE_CURRENT_LIST_DIR}/service_startup.sh $<TARGET_FILE:service_startup> 4)
  set_tests_properties(example.service_startup PROPERTIES
    PASS_REGULAR_EXPRESSION "first deploy: 4 instances started, 1 changed the schema, 3 found it in sync.*service_startup: ok")
  add_test(NAME example.getting_started_postgres COMMAND ${dbpush_with_url} sh -c
    "export NOTES_SCHEMA=getting_started_$$; $<TARGET_FILE:getting_started_postgres> && $<TARGET_FILE:getting_started_postgres>; code=$?; psql -q \"$DATABASE_URL\" -c \"DROP SCHEMA $NOTES_SCHEMA CASCADE\"; exit $code")
  set_tests_properties(example.getting_started_postgres PROPERTIES
    PASS_REGULAR_EXPRESSION "Created table `notes`.*The database is already in sync with the models.")
  set_tests_properties(example.service_startup example.getting_started_postgres PROPERTIES FIXTURES_REQUIRED postgres
    ENVIRONMENT DBPUSH_PG_CONNINFO_FILE=${DBPUSH_PG_DIR}/conninfo)
endif()
if(DBPUSH_WITH_POSTGRES)
  dbpush_test(NAME cli.stored_values LIBS dbpush::tools POSTGRES
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/stored_values_test.cpp ${CMAKE_CURRENT_LIST_DIR}/../sqlite/fixture.cpp)
endif()

# Every ```cpp block of the tools' docs appears verbatim in a compiled example.
file(GLOB dbpush_example_sources ${PROJECT_SOURCE_DIR}/examples/*.cpp)
add_test(NAME cli.doc_snippets COMMAND ${PROJECT_SOURCE_DIR}/tests/model/check_doc_snippets.sh
  "${PROJECT_SOURCE_DIR}/docs/getting-started.md ${PROJECT_SOURCE_DIR}/docs/cli.md ${PROJECT_SOURCE_DIR}/docs/migrations.md"
  ${dbpush_example_sources})
