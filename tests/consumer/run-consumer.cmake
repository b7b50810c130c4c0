# cmake -P script: one way a user gets dbpush, then builds and runs
# tests/consumer/project (main.cpp) with strict warnings as errors.
#   -DSTEP=package           cpack -G DEB, check the package, dpkg -x it into PACKAGE_DIR/root
#   -DSTEP=find_package      CMake project against the unpacked package only
#   -DSTEP=pkg_config        compiler + pkg-config against the unpacked package only
#   -DSTEP=add_subdirectory  CMake project with dbpush's source tree as a subdirectory
#   -DSTEP=FetchContent      CMake project with dbpush's source tree as a local FetchContent
#   -DSTEP=header_only       compiler + -I include + the driver libraries, no define
# Also: SOURCE_DIR (dbpush), WORK_DIR (scratch), PACKAGE_DIR, CXX, STRICT_FLAGS
# (a ;-list), EXPECT ("compiled once" or "header-only": what main.cpp reports).
set(project_dir ${CMAKE_CURRENT_LIST_DIR}/project)
separate_arguments(strict UNIX_COMMAND "${STRICT_FLAGS}")

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "consumer: failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

# Builds main.cpp with the compiler alone and `flags`.
function(build_by_hand flags)
  run(${CXX} -std=c++20 ${strict} ${project_dir}/main.cpp ${flags} -o ${WORK_DIR}/consumer)
endfunction()

# Configures and builds the CMake project with `args`.
function(build_with_cmake)
  run(${CMAKE_COMMAND} -S ${project_dir} -B ${WORK_DIR}/build -DCMAKE_CXX_COMPILER=${CXX}
      "-DCMAKE_CXX_FLAGS=${STRICT_FLAGS}" ${ARGN})
  run(${CMAKE_COMMAND} --build ${WORK_DIR}/build -j2)
  file(COPY_FILE ${WORK_DIR}/build/consumer ${WORK_DIR}/consumer)
endfunction()

# The compiler flags pkg-config gives for `modules`.
function(pkg_config_flags result)
  run(${CMAKE_COMMAND} -E env "PKG_CONFIG_PATH=${PKG_CONFIG_PATH}" pkg-config --cflags --libs ${ARGN})
  separate_arguments(flags UNIX_COMMAND "${out}")
  set(${result} ${flags} PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

if(STEP STREQUAL "package")
  file(REMOVE_RECURSE ${PACKAGE_DIR})
  run(${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/dbpush-build -DDBPUSH_BUILD_TESTS=OFF
      -DDBPUSH_BUILD_EXAMPLES=OFF -DDBPUSH_BUILD_BENCHMARKS=OFF -DDBPUSH_INSTALL=ON)
  run(${CPACK} -G DEB --config ${WORK_DIR}/dbpush-build/CPackConfig.cmake -B ${PACKAGE_DIR})
  file(GLOB deb ${PACKAGE_DIR}/*.deb)
  run(dpkg-deb --field ${deb} Package Architecture Depends)
  set(fields "${out}")
  run(dpkg-deb --contents ${deb})
  set(contents "${out}")
  foreach(wanted "Package: libdbpush-dev" "Architecture: all" "libsqlitecpp-dev" "libpqxx-dev" "libboost")
    string(FIND "${fields}" "${wanted}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "consumer: the package lacks '${wanted}':\n${fields}")
    endif()
  endforeach()
  foreach(wanted usr/include/dbpush/sqlite.hpp usr/include/dbpush/impl/core.hpp
          usr/share/cmake/dbpush/dbpush-config.cmake usr/share/pkgconfig/dbpush.pc
          usr/share/doc/libdbpush-dev/build.md)
    string(FIND "${contents}" "./${wanted}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "consumer: the package lacks ${wanted}:\n${contents}")
    endif()
  endforeach()
  # Nothing compiled: the engine is built in each user's build.
  if(contents MATCHES "\\.(a|so|o)\n")
    message(FATAL_ERROR "consumer: the package holds compiled code:\n${contents}")
  endif()
  run(dpkg-deb -x ${deb} ${PACKAGE_DIR}/root)
  message("${fields}")
  message("consumer: ok (package)")
  return()
endif()

if(STEP STREQUAL "find_package")
  # The unpacked package only: no source tree, no package registry, no system prefix.
  build_with_cmake(-DDBPUSH_CONSUMER_MODE=find_package -DCMAKE_PREFIX_PATH=${PACKAGE_DIR}/root/usr
                   -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
elseif(STEP STREQUAL "add_subdirectory" OR STEP STREQUAL "FetchContent")
  build_with_cmake(-DDBPUSH_CONSUMER_MODE=${STEP} -DDBPUSH_SOURCE_DIR=${SOURCE_DIR})
elseif(STEP STREQUAL "pkg_config")
  set(PKG_CONFIG_PATH ${PACKAGE_DIR}/root/usr/share/pkgconfig)
  pkg_config_flags(flags dbpush-sqlite dbpush-postgres)
  list(GET flags 0 first)  # -I<dbpush's headers>
  string(REGEX REPLACE "^-I" "" first "${first}")
  file(REAL_PATH "${first}" first)
  file(REAL_PATH ${PACKAGE_DIR}/root/usr/include packaged)
  if(NOT first STREQUAL packaged)
    message(FATAL_ERROR "consumer: pkg-config does not point into the package: ${flags}")
  endif()
  build_by_hand("${flags}")
elseif(STEP STREQUAL "header_only")
  pkg_config_flags(pqxx libpqxx)
  build_by_hand("-I${SOURCE_DIR}/include;${pqxx};-lSQLiteCpp;-lsqlite3")
else()
  message(FATAL_ERROR "consumer: unknown STEP '${STEP}'")
endif()

run(${WORK_DIR}/consumer ${WORK_DIR}/consumer.db)
string(FIND "${out}" "engine: ${EXPECT}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "consumer: expected 'engine: ${EXPECT}', the program printed:\n${out}")
endif()
message("consumer: ok (${STEP}, engine ${EXPECT})")
