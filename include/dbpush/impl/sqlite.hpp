// dbpush: definitions of the SQLite dialect, for the opt-in separate-compilation
// mode (docs/build.md). Include it, after <dbpush/impl/core.hpp>, from exactly one
// .cpp compiled with DBPUSH_SEPARATE_COMPILATION defined.
#pragma once

#include <dbpush/impl/core.hpp>
#include <dbpush/sqlite.hpp>

#include <dbpush/sqlite/detail/introspect.ipp>
#include <dbpush/sqlite/detail/render.ipp>
#include <dbpush/sqlite/detail/in_sync.ipp>
#include <dbpush/sqlite/detail/probes.ipp>
#include <dbpush/sqlite/detail/session.ipp>
#include <dbpush/sqlite/detail/reset.ipp>
#include <dbpush/sqlite/detail/sqlite.ipp>
