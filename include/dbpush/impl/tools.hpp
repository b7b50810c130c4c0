// dbpush: definitions of the tools built on both dialects (db::diff_sql, the
// generators, the command line), for the opt-in separate-compilation mode
// (docs/build.md). Include it, after <dbpush/impl/sqlite.hpp> and
// <dbpush/impl/postgres.hpp>, from exactly one .cpp compiled with
// DBPUSH_SEPARATE_COMPILATION defined.
#pragma once

#include <dbpush/impl/postgres.hpp>
#include <dbpush/impl/sqlite.hpp>

#include <dbpush/diff/detail/diff_sql.ipp>
#include <dbpush/generators/detail/generators.ipp>
#include <dbpush/cli/detail/command_line.ipp>
#include <dbpush/cli/detail/run.ipp>
