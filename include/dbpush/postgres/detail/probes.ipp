// dbpush: definitions for <dbpush/postgres/probes.hpp>.
#pragma once

#include <dbpush/postgres/cast_rules.hpp>
#include <dbpush/postgres/probes.hpp>

#include <string>
#include <vector>

namespace db::postgres {
namespace detail {

DBPUSH_INLINE std::string joined_conditions(const std::vector<std::string>& columns,
                                            const sql_names& q, const std::string& prefix,
                                            const std::string& test, const std::string& glue) {
  std::string out;
  for (const auto& c : columns) out += (out.empty() ? "" : glue) + prefix + q.name(c) + test;
  return out.empty() ? "true" : out;
}

DBPUSH_INLINE std::string count_where(const probe& p, const sql_names& q, const std::string& condition) {
  return "SELECT count(*) FROM " + q.qualified(p.table) + " WHERE " + condition;
}

DBPUSH_INLINE std::string first_column(const probe& p, const sql_names& q) {
  return p.columns.empty() ? std::string("NULL") : q.name(p.columns.front());
}

// Child rows whose non-NULL key matches no parent row. A parent that does not
// exist yet (created by this push) has no rows: every such child is an orphan.
DBPUSH_INLINE std::string orphan_count(const probe& p, const schema& live, const sql_names& q) {
  const std::string keyed = joined_conditions(p.columns, q, "c.", " IS NOT NULL", " AND ");
  const table* parent = live.find_table(p.referenced_table);
  bool parent_exists = parent != nullptr;
  for (const auto& c : p.referenced_columns)
    parent_exists = parent_exists && parent->find_column(c) != nullptr;
  std::string sql = "SELECT count(*) FROM " + q.qualified(p.table) + " c WHERE " + keyed;
  if (!parent_exists) return sql;
  std::string match;
  for (std::size_t i = 0; i < p.columns.size() && i < p.referenced_columns.size(); ++i)
    match += std::string(i ? " AND " : "") + "r." + q.name(p.referenced_columns[i]) + " = c." +
             q.name(p.columns[i]);
  return sql + " AND NOT EXISTS (SELECT 1 FROM " + q.qualified(p.referenced_table) + " r WHERE " +
         (match.empty() ? "true" : match) + ")";
}

// "value NOT BETWEEN min AND max" for a narrowing between integer types (a cast
// that fails exactly there), or "" for any other cast.
DBPUSH_INLINE std::string outside_integer_range(const std::string& value, const std::string& from_type,
                                                const std::string& to_type) {
  const auto to = integer_range(to_type);
  if (!to || !integer_range(from_type)) return {};
  return value + " NOT BETWEEN " + std::to_string(to->min) + " AND " + std::to_string(to->max);
}

DBPUSH_INLINE probe_statements cast_failures(const probe& p, const schema& target, const sql_names& q) {
  const std::string value = first_column(p, q);
  if (auto outside = outside_integer_range(value, p.source_type, p.target_type); !outside.empty())
    return {{}, count_where(p, q, outside), {}};
  if (const auto* e = target.find_enum(p.target_type)) {
    std::string labels = e->values.empty() ? "" : " AND " + value + "::text NOT IN (" + q.literals(e->values) + ")";
    return {{}, count_where(p, q, value + " IS NOT NULL" + labels), {}};
  }
  const std::string function = "pg_temp.dbpush_cast_fails";
  return {{"CREATE FUNCTION " + function + "(value text) RETURNS boolean LANGUAGE plpgsql AS "
           "$dbpush$ BEGIN PERFORM value::" + p.target_type +
           "; RETURN false; EXCEPTION WHEN others THEN RETURN true; END $dbpush$"},
          count_where(p, q, value + " IS NOT NULL AND " + function + "(" + value + "::text)"),
          {"DROP FUNCTION " + function + "(text)"}};
}

// The sequence of a SERIAL or identity column (none: no row, 0) that stands past
// the new type's range: its last value, or its start before the first nextval
// (ALTER SEQUENCE ... AS checks both), as PostgreSQL refuses to retype it.
DBPUSH_INLINE std::string sequence_out_of_range(const probe& p, const sql_names& q) {
  const auto outside = [&](const std::string& v) { return outside_integer_range(v, p.source_type, p.target_type); };
  const std::string last = "coalesce(pg_sequence_last_value(s.seqrelid), s.seqstart)";
  if (outside(last).empty()) return "SELECT 0::bigint";
  return "SELECT count(*) FROM pg_sequence s WHERE s.seqrelid = pg_get_serial_sequence(" +
         q.literal(q.qualified(p.table)) + ", " + q.literal(p.columns.at(0)) + ")::regclass AND (" + outside(last) +
         " OR " + outside("s.seqstart") + ")";
}

}  // namespace detail

DBPUSH_INLINE probe_statements probe_sql(const probe& p, const schema& live, const schema& target,
                                         const sql_names& q) {
  using detail::joined_conditions;
  switch (p.kind) {
    case probe_kind::row_count: return {{}, "SELECT count(*) FROM " + q.qualified(p.table), {}};
    case probe_kind::non_null_count:
      return {{}, detail::count_where(p, q, detail::first_column(p, q) + " IS NOT NULL"), {}};
    case probe_kind::null_count:
      return {{}, detail::count_where(p, q, detail::first_column(p, q) + " IS NULL"), {}};
    case probe_kind::null_key_count:
      return {{}, detail::count_where(p, q, joined_conditions(p.columns, q, "", " IS NULL", " OR ")), {}};
    case probe_kind::duplicate_count:
      return {{},
              "SELECT coalesce(sum(n), 0)::bigint FROM (SELECT count(*) AS n FROM " + q.qualified(p.table) +
                  " WHERE " + joined_conditions(p.columns, q, "", " IS NOT NULL", " AND ") +
                  " GROUP BY " + q.names(p.columns) + " HAVING count(*) > 1) AS duplicates",
              {}};
    case probe_kind::orphan_count: return {{}, detail::orphan_count(p, live, q), {}};
    case probe_kind::enum_value_count:
      if (p.values.empty()) return {{}, "SELECT 0::bigint", {}};
      return {{}, detail::count_where(p, q, detail::first_column(p, q) + "::text IN (" + q.literals(p.values) + ")"), {}};
    case probe_kind::cast_failure_count: return detail::cast_failures(p, target, q);
    case probe_kind::sequence_out_of_range: return {{}, detail::sequence_out_of_range(p, q), {}};
  }
  return {{}, "SELECT 0::bigint", {}};
}

}  // namespace db::postgres
