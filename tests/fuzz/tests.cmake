# The fuzz targets' corpus, replayed through the same sources without libFuzzer
# (replay_main.cpp), so every input that once broke a parser stays a test in
# every build, the sanitizer build included. The fuzzing itself: CMakeLists.txt.
if(DBPUSH_WITH_POSTGRES)
  include(${CMAKE_CURRENT_LIST_DIR}/targets.cmake)
  foreach(t ${dbpush_fuzz_targets})
    add_executable(fuzz_replay_${t} ${dbpush_fuzz_dir}/${t}.cpp ${dbpush_fuzz_dir}/replay_main.cpp)
    target_link_libraries(fuzz_replay_${t} PRIVATE dbpush::header_only SQLiteCpp dbpush_libpqxx)
    target_compile_options(fuzz_replay_${t} PRIVATE ${DBPUSH_WARNINGS})
    add_test(NAME fuzz.corpus_${t} COMMAND fuzz_replay_${t} ${dbpush_fuzz_dir}/corpus/${t})
  endforeach()
endif()

# What the fuzz targets found, as small cases: each failed before its fix.
if(DBPUSH_WITH_POSTGRES)
  dbpush_test(NAME fuzz.found LIBS dbpush_sqlite_fixture dbpush::postgres SOURCES ${CMAKE_CURRENT_LIST_DIR}/found_test.cpp)
endif()
