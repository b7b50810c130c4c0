// dbpush: definitions of the tools built on both dialects (db::diff_sql, the
// generators, the command line) for separate compilation. The CMake target
// dbpush::tools compiles it; without CMake, include it from exactly one .cpp
// compiled with DBPUSH_SEPARATE_COMPILATION defined, after
// <dbpush/impl/core.hpp>, <dbpush/impl/sqlite.hpp> and
// <dbpush/impl/postgres.hpp> or in a .cpp of its own (docs/build.md). Its
// headers include their definitions (detail/config.hpp).
#pragma once

#ifndef DBPUSH_SEPARATE_COMPILATION
#error "dbpush: <dbpush/impl/tools.hpp> is for DBPUSH_SEPARATE_COMPILATION builds; in header-only mode include nothing extra"
#endif

#define DBPUSH_DEFINE_TOOLS 1

#include <dbpush/cli.hpp>
#include <dbpush/diff_sql.hpp>
#include <dbpush/generators.hpp>
