# Model DSL: constexpr descriptions, type mapping, annotations, model-level
# declarations, schema_of, requires-based can/cannot push checks.
set(dbpush_model_tests reflect describe types annotations model_level schema_of pushable reflectable annotation_rules)
foreach(t ${dbpush_model_tests})
  dbpush_test(NAME model.${t} SOURCES ${CMAKE_CURRENT_LIST_DIR}/${t}_test.cpp)
endforeach()

# The code blocks of docs/models.md and docs/types.md are copies of compiled code.
file(GLOB dbpush_model_doc_sources ${CMAKE_CURRENT_LIST_DIR}/*.cpp ${CMAKE_CURRENT_LIST_DIR}/*.hpp)
add_test(NAME model.doc_snippets COMMAND ${CMAKE_CURRENT_LIST_DIR}/check_doc_snippets.sh
  "${PROJECT_SOURCE_DIR}/docs/models.md ${PROJECT_SOURCE_DIR}/docs/types.md ${PROJECT_SOURCE_DIR}/docs/push.md ${PROJECT_SOURCE_DIR}/README.md"
  ${dbpush_model_doc_sources} ${PROJECT_SOURCE_DIR}/examples/quickstart.cpp ${PROJECT_SOURCE_DIR}/examples/readme.cpp ${PROJECT_SOURCE_DIR}/examples/workflow.cpp)

# The derived schema against a real SQLite file (needs the SQLite dialect).
dbpush_test(NAME model.sqlite_roundtrip SOURCES ${CMAKE_CURRENT_LIST_DIR}/sqlite_roundtrip_test.cpp LIBS dbpush::sqlite)
dbpush_test(NAME model.postgres_roundtrip SOURCES ${CMAKE_CURRENT_LIST_DIR}/postgres_roundtrip_test.cpp
  LIBS dbpush::postgres POSTGRES)

# The quickstart example pushes to a fresh file, then finds it in sync.
if(DBPUSH_BUILD_EXAMPLES)
  add_test(NAME model.quickstart COMMAND sh -c
    "db=$(mktemp -u /tmp/dbpush-quickstart-XXXXXX.db) && \"$1\" \"$db\" && \"$1\" \"$db\"; rc=$?; rm -f \"$db\"; exit $rc"
    sh $<TARGET_FILE:quickstart>)
  set_tests_properties(model.quickstart PROPERTIES PASS_REGULAR_EXPRESSION
    "CREATE TABLE \"users\".*Your database is now in sync with the models.*Created table `Post`.*The database is already in sync with the models")
endif()

# The model layer names no SQL type and includes no dialect header.
add_test(NAME model.no_dialect_in_model_layer
  COMMAND ${CMAKE_COMMAND} -DCXX=${CMAKE_CXX_COMPILER} -DINCLUDE_DIR=${PROJECT_SOURCE_DIR}/include
          "-DSYSTEM_INCLUDES=$<TARGET_PROPERTY:Boost::headers,INTERFACE_INCLUDE_DIRECTORIES>"
          -P ${CMAKE_CURRENT_LIST_DIR}/check_layering.cmake)
