# Model DSL: constexpr descriptions, type mapping, annotations, model-level
# declarations, schema_of, requires-based can/cannot push checks.
set(dbpush_model_tests describe types annotations model_level schema_of pushable)
foreach(t ${dbpush_model_tests})
  dbpush_test(NAME model.${t} SOURCES ${CMAKE_CURRENT_LIST_DIR}/${t}_test.cpp)
endforeach()
