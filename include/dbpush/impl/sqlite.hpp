// dbpush: definitions of the SQLite dialect for separate compilation. The CMake
// target dbpush::sqlite compiles it; without CMake, include it from exactly one
// .cpp compiled with DBPUSH_SEPARATE_COMPILATION defined, and compile
// <dbpush/impl/core.hpp> once too (docs/build.md).
#pragma once

#include <dbpush/sqlite.hpp>

#include <dbpush/sqlite/detail/sql_text.ipp>
#include <dbpush/sqlite/detail/types.ipp>
#include <dbpush/sqlite/detail/introspect.ipp>
#include <dbpush/sqlite/detail/render.ipp>
#include <dbpush/sqlite/detail/in_sync.ipp>
#include <dbpush/sqlite/detail/probes.ipp>
#include <dbpush/sqlite/detail/session.ipp>
#include <dbpush/sqlite/detail/reset.ipp>
#include <dbpush/sqlite/detail/sqlite.ipp>
