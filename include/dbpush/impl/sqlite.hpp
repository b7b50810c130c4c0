// dbpush: definitions of the SQLite dialect for separate compilation. The CMake
// target dbpush::sqlite compiles it; without CMake, include it from exactly one
// .cpp compiled with DBPUSH_SEPARATE_COMPILATION defined, after
// <dbpush/impl/core.hpp> or in a .cpp of its own (docs/build.md). Its headers
// include their definitions (detail/config.hpp).
#pragma once

#ifndef DBPUSH_SEPARATE_COMPILATION
#error "dbpush: <dbpush/impl/sqlite.hpp> is for DBPUSH_SEPARATE_COMPILATION builds; in header-only mode include nothing extra"
#endif

#define DBPUSH_DEFINE_SQLITE 1

#include <dbpush/sqlite.hpp>
// The opt-in test helpers, which sqlite.hpp does not include.
#include <dbpush/sqlite/testing.hpp>
