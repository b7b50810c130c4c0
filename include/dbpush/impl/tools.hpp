// dbpush: definitions of the tools built on both dialects (db::diff_sql, the
// generators, the command line) for separate compilation. The CMake target
// dbpush::tools compiles it; without CMake, include it from exactly one .cpp
// compiled with DBPUSH_SEPARATE_COMPILATION defined, and compile
// <dbpush/impl/core.hpp>, <dbpush/impl/sqlite.hpp> and
// <dbpush/impl/postgres.hpp> once too (docs/build.md).
#pragma once

#include <dbpush/cli.hpp>
#include <dbpush/diff_sql.hpp>
#include <dbpush/generators.hpp>

#include <dbpush/diff/detail/diff_sql.ipp>
#include <dbpush/generators/detail/generators.ipp>
#include <dbpush/cli/detail/command_line.ipp>
#include <dbpush/cli/detail/run.ipp>
