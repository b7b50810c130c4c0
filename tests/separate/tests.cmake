# The opt-in separate-compilation mode: the engine is compiled once (engine.cpp),
# every other TU sees declarations only.
if(DBPUSH_WITH_POSTGRES)
  add_library(dbpush_separate_engine STATIC ${CMAKE_CURRENT_LIST_DIR}/engine.cpp)
  target_link_libraries(dbpush_separate_engine PUBLIC dbpush::sqlite dbpush::postgres)
  target_compile_definitions(dbpush_separate_engine PUBLIC DBPUSH_SEPARATE_COMPILATION)
  target_compile_options(dbpush_separate_engine PRIVATE ${DBPUSH_WARNINGS})
  dbpush_test(NAME separate.push SOURCES ${CMAKE_CURRENT_LIST_DIR}/separate_test.cpp
    LIBS dbpush_separate_engine)
endif()
add_test(NAME separate.impl_lists_complete
  COMMAND ${CMAKE_COMMAND} -DINCLUDE_DIR=${PROJECT_SOURCE_DIR}/include -P ${CMAKE_CURRENT_LIST_DIR}/check-impl-lists.cmake)
if(DBPUSH_WITH_POSTGRES)
  add_library(dbpush_header_alone OBJECT ${CMAKE_CURRENT_LIST_DIR}/header_alone.cpp)
  target_link_libraries(dbpush_header_alone PRIVATE dbpush::sqlite dbpush::postgres)
  target_compile_options(dbpush_header_alone PRIVATE ${DBPUSH_WARNINGS} -O0)
  add_test(NAME separate.header_alone_emits_nothing
    COMMAND ${CMAKE_COMMAND} -DNM=${CMAKE_NM} -DOBJECT=$<TARGET_OBJECTS:dbpush_header_alone>
            -P ${CMAKE_CURRENT_LIST_DIR}/header-alone-emits-nothing.cmake)
endif()
