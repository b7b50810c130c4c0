// dbpush: the COUNT queries that answer the checker's probes on PostgreSQL.
//
// cast_failure_count tests exactly the conversion the renderer will run
// (USING col::text::new_type): into an enum, the values outside the enum's
// labels are counted; into any other type, a temporary PL/pgSQL function tries
// the cast in an EXCEPTION block (a subtransaction) for each value. PostgreSQL 15
// has no pg_input_is_valid(); a regular expression per type would only guess.
// The function lives in pg_temp and is dropped right after the count.
#pragma once

#include <dbpush/check/check.hpp>
#include <dbpush/detail/config.hpp>
#include <dbpush/postgres/detail/sql_names.hpp>

#include <string>
#include <vector>

namespace db::postgres::detail {

struct probe_statements {
  std::vector<std::string> before;  // set-up, run first
  std::string count;                // one row, one bigint column
  std::vector<std::string> after;   // clean-up
};

// `target` is the schema being pushed (for the labels of an enum the push
// creates or changes).
DBPUSH_INLINE probe_statements probe_sql(const probe& p, const schema& target, const sql_names& names);

}  // namespace db::postgres::detail

#ifdef DBPUSH_DEFINE_POSTGRES
#include <dbpush/postgres/detail/probes.ipp>
#endif
