# A TU that only includes dbpush's headers must define no dbpush symbol. A class
# whose first non-inline virtual function is defined in a header (its "key
# function") has its vtable emitted in every TU that includes it, and with the
# vtable every virtual function and all they call: the whole engine, 400 KB of
# code and two seconds of compile time per TU at -O0.
#   cmake -DNM=nm -DOBJECT=header_alone.o -P header-alone-emits-nothing.cmake
execute_process(COMMAND ${NM} -C --defined-only ${OBJECT} OUTPUT_VARIABLE symbols RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "${NM} failed on ${OBJECT}")
endif()
string(REGEX MATCHALL "[^\n]*db::[^\n]*" ours "${symbols}")
if(ours)
  list(LENGTH ours count)
  list(SUBLIST ours 0 10 first)
  list(JOIN first "\n  " shown)
  message(FATAL_ERROR "including dbpush's headers emitted ${count} dbpush symbols, first:\n  ${shown}")
endif()
