# A tiny user project built against dbpush installed with `cmake --install`
# (find_package) and against the source tree (add_subdirectory).
set(dbpush_consumer_dir ${CMAKE_BINARY_DIR}/consumer)
add_test(NAME consumer.find_package
  COMMAND ${CMAKE_COMMAND}
    -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DWORK_DIR=${dbpush_consumer_dir}/installed
    -DMODE=find_package -P ${CMAKE_CURRENT_LIST_DIR}/run-consumer.cmake)
add_test(NAME consumer.add_subdirectory
  COMMAND ${CMAKE_COMMAND}
    -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DWORK_DIR=${dbpush_consumer_dir}/subdirectory
    -DMODE=add_subdirectory -P ${CMAKE_CURRENT_LIST_DIR}/run-consumer.cmake)
set_tests_properties(consumer.find_package consumer.add_subdirectory PROPERTIES
  PASS_REGULAR_EXPRESSION "consumer: ok" RESOURCE_LOCK dbpush_build_tree)
