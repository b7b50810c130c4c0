# The fuzz targets: one source each, <name>.cpp, with its corpus in corpus/<name>/.
# Every target reads both dialects' parsers (parsers.hpp), compiled inline
# (dbpush::header_only): the compiled engine includes the model layer, which
# clang cannot compile.
set(dbpush_fuzz_targets sqlite_create sqlite_type_default postgres_type_default postgres_catalog_text)
set(dbpush_fuzz_dir ${CMAKE_CURRENT_LIST_DIR})
