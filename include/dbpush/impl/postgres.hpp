// dbpush: definitions of the PostgreSQL dialect for separate compilation. The
// CMake target dbpush::postgres compiles it; without CMake, include it from
// exactly one .cpp compiled with DBPUSH_SEPARATE_COMPILATION defined, after
// <dbpush/impl/core.hpp> or in a .cpp of its own (docs/build.md). Its headers
// include their definitions (detail/config.hpp).
#pragma once

#ifndef DBPUSH_SEPARATE_COMPILATION
#error "dbpush: <dbpush/impl/postgres.hpp> is for DBPUSH_SEPARATE_COMPILATION builds; in header-only mode include nothing extra"
#endif

#define DBPUSH_DEFINE_POSTGRES 1

#include <dbpush/postgres.hpp>
