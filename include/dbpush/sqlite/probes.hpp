// dbpush: the COUNT queries that answer the checker's probes on SQLite.
//
// A probe about a key reads each key column as the push will leave it: the
// value the table copy stores (render.hpp's copied_value, then the new
// column's affinity), so a conflict is counted before anything runs.
#pragma once

#include <dbpush/check/check.hpp>
#include <dbpush/detail/config.hpp>

#include <string>

namespace db::sqlite::detail {

// The COUNT query that answers one probe (its parameters are the probe's values).
DBPUSH_INLINE std::string probe_sql(const probe& p, bool referenced_table_exists);

}  // namespace db::sqlite::detail

#ifdef DBPUSH_DEFINE_SQLITE
#include <dbpush/sqlite/detail/probes.ipp>
#endif
