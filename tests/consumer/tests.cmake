# A tiny user program (project/main.cpp: every public header, a SQLite push)
# built every way a user gets dbpush, each against nothing but what that way
# provides, with strict warnings as errors (dbpush's headers must stay clean in
# user code, and the engine compiles with the user's flags). See docs/build.md.
if(DBPUSH_WITH_POSTGRES)
  set(dbpush_consumer_dir ${CMAKE_BINARY_DIR}/consumer)
  set(dbpush_strict_flags "-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion")
  # step -> what main.cpp must report: the CMake targets compile the engine once,
  # the compiler alone (pkg-config, -I include) compiles it header-only.
  set(dbpush_consumer_steps package:- find_package:compiled\ once pkg_config:header-only
      add_subdirectory:compiled\ once FetchContent:compiled\ once header_only:header-only)
  foreach(step_and_engine ${dbpush_consumer_steps})
    string(REPLACE ":" ";" step_and_engine "${step_and_engine}")
    list(GET step_and_engine 0 step)
    list(GET step_and_engine 1 engine)
    add_test(NAME consumer.${step}
      COMMAND ${CMAKE_COMMAND} -DSTEP=${step} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
        -DWORK_DIR=${dbpush_consumer_dir}/${step} -DPACKAGE_DIR=${dbpush_consumer_dir}/deb
        -DCXX=${CMAKE_CXX_COMPILER} -DCPACK=${CMAKE_CPACK_COMMAND} "-DSTRICT_FLAGS=${dbpush_strict_flags}"
        "-DEXPECT=${engine}" -P ${CMAKE_CURRENT_LIST_DIR}/run-consumer.cmake)
    # Each builds a project of its own; the lock keeps two from competing for the cores.
    set_tests_properties(consumer.${step} PROPERTIES PASS_REGULAR_EXPRESSION "consumer: ok"
      RESOURCE_LOCK dbpush_consumer_build)
  endforeach()
  # The package is made once; the consumers of the installed files use it.
  set_tests_properties(consumer.package PROPERTIES FIXTURES_SETUP dbpush_package)
  set_tests_properties(consumer.find_package consumer.pkg_config PROPERTIES FIXTURES_REQUIRED dbpush_package)
endif()
