# cmake -P script: runs each program in PROGRAMS (paths separated by |) and fails
# unless it exits 0 with nothing on stderr; with VALGRIND set, runs each again
# under it, where any invalid read, write or free is an error, and so is memory
# definitely lost. (The saved reset images stay open until the process ends, on
# purpose: valgrind counts SQLite's page caches as "possibly lost".)
string(REPLACE "|" ";" programs "${PROGRAMS}")
foreach(program ${programs})
  get_filename_component(name ${program} NAME)
  execute_process(COMMAND ${program} RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
  if(NOT rc STREQUAL "0" OR NOT err STREQUAL "")
    message(FATAL_ERROR "exit: ${name} ended with ${rc}, stderr:\n${err}")
  endif()
  if(VALGRIND)
    execute_process(COMMAND ${VALGRIND} --quiet --error-exitcode=99 --leak-check=full
                            --show-leak-kinds=definite --errors-for-leak-kinds=definite ${program}
                    RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
    if(NOT rc STREQUAL "0" OR NOT err STREQUAL "")
      message(FATAL_ERROR "exit: ${name} under valgrind ended with ${rc}, stderr:\n${err}")
    endif()
  endif()
  message("exit: ${name} ok")
endforeach()
message("exit: all ok")
