// dbpush: definitions for <dbpush/sqlite/probes.hpp>.
#pragma once

#include <dbpush/sqlite/detail/sql_text.hpp>
#include <dbpush/sqlite/probes.hpp>
#include <dbpush/sqlite/render.hpp>
#include <dbpush/sqlite/types.hpp>

#include <string>
#include <string_view>

namespace db::sqlite::detail {

// `value` as a column of `type` stores it (SQLite's type affinity): INTEGER,
// REAL and NUMERIC turn text that reads as a number into that number, TEXT turns
// numbers into text, BLOB keeps what it gets. The CAST to NUMERIC is that
// conversion only where the text reads as a number, which the comparison with
// the value (NUMERIC affinity applied to it) tells.
DBPUSH_INLINE std::string stored_as(const std::string& value, std::string_view type) {
  switch (affinity_of(type)) {
    case affinity::blob: return value;
    case affinity::text:
      return "CASE WHEN typeof(" + value + ") IN ('integer', 'real') THEN CAST(" + value + " AS TEXT) ELSE " + value +
             " END";
    default:
      return "CASE WHEN CAST(" + value + " AS NUMERIC) = " + value + " THEN CAST(" + value + " AS NUMERIC) ELSE " +
             value + " END";
  }
}

// What a column holds after the push, over the row named by `row` ("" or
// "r."): the value the table copy stores (copied_value, then the new column's
// affinity), or an added column's default. A column copied within one
// affinity and not filled keeps its values: the bare column, which indexes serve.
DBPUSH_INLINE std::string value_after(const column_value& v, const std::string& row) {
  if (v.column.empty()) return v.fill ? stored_as(default_expression(*v.fill), v.to_type) : "NULL";
  const std::string live = row + quote_identifier(v.column);
  if (!v.fill && (!v.converts() || affinity_of(v.from_type) == affinity_of(v.to_type))) return live;
  return stored_as(copied_value(live, v.from_type, v.to_type, v.fill ? &*v.fill : nullptr), v.to_type);
}


DBPUSH_INLINE std::string probe_sql(const probe& p, bool referenced_table_exists) {
  const auto from = " FROM " + quote_identifier(p.table);
  const auto first = p.columns.empty() ? std::string("NULL") : quote_identifier(p.columns.front());
  switch (p.kind) {
    case probe_kind::row_count: return "SELECT count(*)" + from;
    case probe_kind::non_null_count: return "SELECT count(*)" + from + " WHERE " + first + " IS NOT NULL";
    case probe_kind::null_count: return "SELECT count(*)" + from + " WHERE " + first + " IS NULL";
    case probe_kind::duplicate_count:
    case probe_kind::null_key_count:
    case probe_kind::orphan_count: {
      db::detail::key_probe_sql_parts parts;
      parts.table = quote_identifier(p.table);
      for (const auto& v : p.key) parts.values.push_back(detail::value_after(v, ""));
      if (referenced_table_exists) {
        parts.parent = quote_identifier(p.referenced_table);
        for (const auto& v : p.referenced_key) parts.parent_values.push_back(detail::value_after(v, "r."));
      }
      return db::detail::key_probe_sql(p.kind, parts);
    }
    case probe_kind::enum_value_count: {
      if (p.values.empty()) return "SELECT 0";
      std::string params;
      for (std::size_t i = 0; i < p.values.size(); ++i) params += i ? ", ?" : "?";
      return "SELECT count(*)" + from + " WHERE " + first + " IN (" + params + ")";
    }
    case probe_kind::cast_failure_count:
      return "SELECT count(*)" + from + " WHERE " + first + " IS NOT NULL AND " +
             converted_value(first, p.source_type, p.target_type) + " <> " + first;
    case probe_kind::sequence_out_of_range:
    case probe_kind::autoincrement_at_maximum: return "SELECT 0";  // SQLite's sequences have no type
  }
  return "SELECT 0";
}

}  // namespace db::sqlite::detail
