# cmake -P script: configure, build and run tests/consumer/project in WORK_DIR.
file(REMOVE_RECURSE ${WORK_DIR})
set(project_dir ${CMAKE_CURRENT_LIST_DIR}/project)

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "consumer: failed: ${ARGN}\n${out}\n${err}")
  endif()
endfunction()

if(MODE STREQUAL "find_package")
  run(${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/dbpush-build
      -DDBPUSH_BUILD_TESTS=OFF -DDBPUSH_BUILD_EXAMPLES=OFF -DDBPUSH_BUILD_BENCHMARKS=OFF
      -DDBPUSH_INSTALL=ON)
  run(${CMAKE_COMMAND} --install ${WORK_DIR}/dbpush-build --prefix ${WORK_DIR}/prefix)
  set(configure_args -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix)
else()
  set(configure_args -DDBPUSH_SOURCE_DIR=${SOURCE_DIR})
endif()
run(${CMAKE_COMMAND} -S ${project_dir} -B ${WORK_DIR}/build ${configure_args})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build -j2)
run(${WORK_DIR}/build/consumer ${WORK_DIR}/consumer.db)
message("consumer: ok (${MODE})")
