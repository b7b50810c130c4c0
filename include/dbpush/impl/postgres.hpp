// dbpush: definitions of the PostgreSQL dialect, for the opt-in
// separate-compilation mode (docs/build.md). Include it, after
// <dbpush/impl/core.hpp>, from exactly one .cpp compiled with
// DBPUSH_SEPARATE_COMPILATION defined.
#pragma once

#include <dbpush/impl/core.hpp>
#include <dbpush/postgres.hpp>

#include <dbpush/postgres/detail/sql_names.ipp>
#include <dbpush/postgres/detail/introspect.ipp>
#include <dbpush/postgres/detail/expressions.ipp>
#include <dbpush/postgres/detail/probes.ipp>
#include <dbpush/postgres/detail/render.ipp>
#include <dbpush/postgres/detail/session.ipp>
#include <dbpush/postgres/detail/postgres.ipp>
