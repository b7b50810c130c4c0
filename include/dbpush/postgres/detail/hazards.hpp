// dbpush: what PostgreSQL statements do to live tables (statement_hazard), and
// the tables' sizes read from the catalog.
//
// The renderer knows what each statement does and sets its lock and work by
// the rules of PostgreSQL 15 (docs/postgres.md "Pushing against production");
// the session adds the sizes, in one catalog query and only for a push or plan
// that has steps, so a no-op push pays nothing.
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/diff/diff.hpp>
#include <dbpush/postgres/detail/sql_names.hpp>
#include <dbpush/push/push.hpp>

#include <pqxx/transaction_base>

#include <string>
#include <vector>

namespace db::postgres::detail {

// A statement that takes `lock` on its table and does `work` to it.
DBPUSH_INLINE statement_hazard hazard_of(table_lock lock, table_work work = table_work::none);

// Whether a column default calls a function that may be volatile: ADD COLUMN
// with such a default computes it for every row and rewrites the table, where
// a constant or stable one (now(), CURRENT_TIMESTAMP) is stored once in the
// catalog. Any function call but the known stable or immutable ones counts
// (a function made with CREATE FUNCTION is volatile unless declared
// otherwise), so a rewrite is never left unannounced.
DBPUSH_INLINE bool calls_volatile_function(const std::string& expression);

// `statements` with hazard.rows and hazard.bytes set for every statement that
// locks or reads its table, read from pg_class in one query over the live
// names of those tables (a table renamed by the push is looked up by its old
// name). Runs no query when no statement needs a size.
DBPUSH_INLINE std::vector<statement> with_table_sizes(pqxx::transaction_base& tx, const sql_names& names,
                                                      const diff_result& diff, std::vector<statement> statements);

}  // namespace db::postgres::detail

#ifdef DBPUSH_DEFINE_POSTGRES
#include <dbpush/postgres/detail/hazards.ipp>
#endif
