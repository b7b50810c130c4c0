// dbpush: definitions of the driver-independent engine (model descriptions,
// schema, diff, check, the push flow) for separate compilation. The CMake target
// dbpush::dbpush compiles it; without CMake, include it from exactly one .cpp of
// the program, compiled with DBPUSH_SEPARATE_COMPILATION defined like every other
// TU that includes dbpush (docs/build.md). Its headers include their definitions
// (detail/config.hpp).
#pragma once

#ifndef DBPUSH_SEPARATE_COMPILATION
#error "dbpush: <dbpush/impl/core.hpp> is for DBPUSH_SEPARATE_COMPILATION builds; in header-only mode include nothing extra"
#endif

#define DBPUSH_DEFINE_CORE 1

#include <dbpush/dbpush.hpp>
#include <dbpush/push/push.hpp>
// Machinery of the core that only the dialects call.
#include <dbpush/schema/detail/grouping.hpp>
