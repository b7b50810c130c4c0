// dbpush: definitions of the PostgreSQL dialect for separate compilation. The
// CMake target dbpush::postgres compiles it; without CMake, include it from
// exactly one .cpp compiled with DBPUSH_SEPARATE_COMPILATION defined, and compile
// <dbpush/impl/core.hpp> once too (docs/build.md).
#pragma once

#include <dbpush/postgres.hpp>

#include <dbpush/postgres/detail/types.ipp>
#include <dbpush/postgres/detail/sql_names.ipp>
#include <dbpush/postgres/detail/introspect.ipp>
#include <dbpush/postgres/detail/expressions.ipp>
#include <dbpush/postgres/detail/probes.ipp>
#include <dbpush/postgres/detail/render.ipp>
#include <dbpush/postgres/detail/session.ipp>
#include <dbpush/postgres/detail/postgres.ipp>
