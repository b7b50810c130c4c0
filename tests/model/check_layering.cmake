# cmake -P script: the model layer knows no dialect (docs/architecture.md).
# Nothing in include/dbpush/model/ includes a dialect header or spells a type
# name a dialect gives the model's types; <dbpush/model.hpp> reaches no dialect
# header with DBPUSH_SEPARATE_COMPILATION, and header-only only the dialects'
# type_names, the definitions db::schema_of calls.
# Arguments: -DCXX=compiler -DINCLUDE_DIR=include -DSYSTEM_INCLUDES=dir;dir...
set(problems "")

# The names the dialects give the model's types, read from their definitions.
set(names "")
foreach(dialect sqlite postgres)
  file(READ ${INCLUDE_DIR}/dbpush/${dialect}/detail/type_names.ipp text)
  string(REGEX MATCHALL "return \"[^\"(]+" returns "${text}")
  foreach(r ${returns})
    string(REPLACE "return \"" "" name "${r}")
    list(APPEND names "${name}")
  endforeach()
endforeach()
list(REMOVE_DUPLICATES names)
list(LENGTH names count)
if(count LESS 10)
  message(FATAL_ERROR "dbpush: read only ${count} type names from the dialects' type_names.ipp: ${names}")
endif()

file(GLOB_RECURSE model_files ${INCLUDE_DIR}/dbpush/model/*)
foreach(f ${model_files})
  file(READ ${f} text)
  if(text MATCHES "#include <dbpush/(sqlite|postgres)[/.]")
    list(APPEND problems "${f} includes a dialect header")
  endif()
  foreach(name ${names})
    string(FIND "${text}" "\"${name}\"" whole)
    string(FIND "${text}" "\"${name}(" with_length)
    if(NOT whole EQUAL -1 OR NOT with_length EQUAL -1)
      list(APPEND problems "${f} spells the SQL type \"${name}\"")
    endif()
  endforeach()
endforeach()

# What <dbpush/model.hpp> includes, in each mode.
set(flags -std=c++20 -I${INCLUDE_DIR})
foreach(dir ${SYSTEM_INCLUDES})
  if(NOT dir STREQUAL "/usr/include")  # the compiler's own; -isystem would reorder it
    list(APPEND flags -isystem ${dir})
  endif()
endforeach()
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/model_layering.cpp "#include <dbpush/model.hpp>\n")
foreach(mode separate header_only)
  set(mode_flags "")
  if(mode STREQUAL "separate")
    set(mode_flags -DDBPUSH_SEPARATE_COMPILATION)
  endif()
  execute_process(COMMAND ${CXX} ${flags} ${mode_flags} -M ${CMAKE_CURRENT_BINARY_DIR}/model_layering.cpp
    OUTPUT_VARIABLE deps ERROR_VARIABLE errors RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "dbpush: cannot list the headers of <dbpush/model.hpp> (${mode}): ${errors}")
  endif()
  string(REGEX MATCHALL "dbpush/(sqlite|postgres)/[^ \n\\\\]+" reached "${deps}")
  list(REMOVE_DUPLICATES reached)
  foreach(h ${reached})
    if(mode STREQUAL "separate" OR NOT h MATCHES "^dbpush/(sqlite|postgres)/(detail/)?type_names\\.(hpp|ipp)$")
      list(APPEND problems "<dbpush/model.hpp> (${mode}) includes ${h}")
    endif()
  endforeach()
endforeach()

if(problems)
  list(JOIN problems "\n  " text)
  message(FATAL_ERROR "dbpush: the model layer depends on a dialect:\n  ${text}")
endif()
message("model layer independent of the dialects (${count} type names checked)")
