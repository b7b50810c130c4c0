// dbpush: definitions of the driver-independent engine (model descriptions,
// schema, diff, check, the push flow) for separate compilation. The CMake target
// dbpush::dbpush compiles it; without CMake, include it from exactly one .cpp of
// the program, compiled with DBPUSH_SEPARATE_COMPILATION defined like every other
// TU that includes dbpush (docs/build.md).
#pragma once

#ifndef DBPUSH_SEPARATE_COMPILATION
#error "dbpush: <dbpush/impl/core.hpp> is for DBPUSH_SEPARATE_COMPILATION builds; in header-only mode include nothing extra"
#endif

#include <dbpush/dbpush.hpp>
#include <dbpush/push/push.hpp>

#include <dbpush/detail/text.ipp>
#include <dbpush/schema/detail/name_index.ipp>
#include <dbpush/schema/detail/grouping.ipp>
#include <dbpush/schema/detail/schema.ipp>
#include <dbpush/diff/detail/diff.ipp>
#include <dbpush/check/detail/check.ipp>
#include <dbpush/push/detail/push.ipp>
#include <dbpush/model/detail/description.ipp>
// What each dialect calls the model's types, for db::schema_of, without a driver.
#include <dbpush/detail/type_names.ipp>
#include <dbpush/sqlite/detail/type_names.ipp>
#include <dbpush/postgres/detail/type_names.ipp>
