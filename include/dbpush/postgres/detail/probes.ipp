// dbpush: definitions for <dbpush/postgres/probes.hpp>.
#pragma once

#include <dbpush/postgres/types.hpp>
#include <dbpush/postgres/probes.hpp>

#include <string>
#include <vector>

namespace db::postgres::detail {

DBPUSH_INLINE std::string count_where(const probe& p, const sql_names& q, const std::string& condition) {
  return "SELECT count(*) FROM " + q.qualified(p.table) + " WHERE " + condition;
}

DBPUSH_INLINE std::string first_column(const probe& p, const sql_names& q) {
  return p.columns.empty() ? std::string("NULL") : q.name(p.columns.front());
}

// "value NOT BETWEEN min AND max" for a narrowing between integer types (a cast
// that fails exactly there), or "" for any other cast.
DBPUSH_INLINE std::string outside_integer_range(const std::string& value, const std::string& from_type,
                                                const std::string& to_type) {
  const auto to = integer_range(to_type);
  if (!to || !integer_range(from_type)) return {};
  return value + " NOT BETWEEN " + std::to_string(to->min) + " AND " + std::to_string(to->max);
}

// The statements of one probe. A conversion that may fail on some values runs
// in a temporary PL/pgSQL function that tries it in an EXCEPTION block (a
// subtransaction) and returns NULL instead of failing: an error in a probe
// would abort the push's transaction. (PostgreSQL 15 has no pg_input_is_valid();
// a regular expression per type would only guess.) The functions live in
// pg_temp and are dropped right after the count.
class probe_writer {
 public:
  explicit probe_writer(const sql_names& q) : q_(q) {}

  // `value` + `conversion` ("::integer", "::text::date"), NULL where it fails.
  std::string tried(const std::string& value, const std::string& conversion, const std::string& result_type) {
    const std::string function = "pg_temp.dbpush_value_" + std::to_string(out_.before.size());
    out_.before.push_back("CREATE FUNCTION " + function + "(value anyelement) RETURNS " + result_type +
                          " LANGUAGE plpgsql AS $dbpush$ BEGIN RETURN value" + conversion +
                          "; EXCEPTION WHEN others THEN RETURN NULL; END $dbpush$");
    out_.after.push_back("DROP FUNCTION " + function + "(anyelement)");
    return function + "(" + value + ")";
  }

  // What a column holds after the push, over the row named by `row` ("" or
  // "r."): the renderer's USING conversion, then the UPDATE that fills NULLs
  // with the default; an added column's default. Enum values are read as their
  // labels (text): the push may create or recreate the enum type.
  std::string value_after(const column_value& v, const std::string& row) {
    const std::string type = v.to_enum ? "text" : v.to_type;
    std::string value = "NULL::" + type;
    if (!v.column.empty()) {
      value = row + q_.name(v.column);
      if (v.to_enum || (v.from_enum && !v.converts())) {
        value += "::text";
      } else if (v.converts()) {
        const std::string conversion =
            (converts_through_text(v.from_type, v.from_enum, v.to_type, v.to_enum) ? "::text::" : "::") + type;
        // A safe cast never fails, and inline it keeps the query plannable.
        value = classify_cast(v.from_type, v.to_type) == cast_class::safe
                    ? value + conversion
                    : tried(value, conversion, type);
      }
    }
    if (!v.fill) return value;
    const std::string fill = "(" + *v.fill + ")::" + type;
    return v.column.empty() ? fill : "coalesce(" + value + ", " + fill + ")";
  }

  probe_statements done(std::string count) {
    out_.count = std::move(count);
    return std::move(out_);
  }

 private:
  const sql_names& q_;
  probe_statements out_;
};

// cast_failure_count tests the renderer's conversion (USING col::new_type or
// col::text::new_type): into an enum, the values outside the enum's labels;
// between integer types, the values outside the new range; into any other
// type, the values whose cast fails.
DBPUSH_INLINE probe_statements cast_failures(const probe& p, const schema& target, const sql_names& q) {
  const std::string value = first_column(p, q);
  if (auto outside = outside_integer_range(value, p.source_type, p.target_type); !outside.empty())
    return {{}, count_where(p, q, outside), {}};
  if (const auto* e = target.find_enum(p.target_type)) {
    std::string labels = e->values.empty() ? "" : " AND " + value + "::text NOT IN (" + q.literals(e->values) + ")";
    return {{}, count_where(p, q, value + " IS NOT NULL" + labels), {}};
  }
  probe_writer w(q);
  const bool via_text = converts_through_text(p.source_type, false, p.target_type, false);
  const std::string converted = w.tried(value, (via_text ? "::text::" : "::") + p.target_type, p.target_type);
  return w.done(count_where(p, q, value + " IS NOT NULL AND " + converted + " IS NULL"));
}

DBPUSH_INLINE probe_statements key_probe(const probe& p, const sql_names& q) {
  probe_writer w(q);
  db::detail::key_probe_sql_parts parts;
  parts.table = q.qualified(p.table);
  for (const auto& v : p.key) parts.values.push_back(w.value_after(v, ""));
  if (!p.referenced_table.empty()) {
    parts.parent = q.qualified(p.referenced_table);
    for (const auto& v : p.referenced_key) parts.parent_values.push_back(w.value_after(v, "r."));
  }
  // sum() of bigints is numeric.
  return w.done("SELECT (" + db::detail::key_probe_sql(p.kind, parts) + ")::bigint");
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

// A column made autoincrement whose largest value after the push is its type's
// maximum: the setval that moves the new sequence past the keys has nowhere to go.
DBPUSH_INLINE probe_statements autoincrement_at_maximum(const probe& p, const sql_names& q) {
  const auto range = p.key.empty() ? std::nullopt : integer_range(p.key.front().to_type);
  if (!range) return {{}, "SELECT 0::bigint", {}};
  probe_writer w(q);
  const std::string value = w.value_after(p.key.front(), "");
  return w.done("SELECT count(*) FROM (SELECT max(" + value + ") AS largest FROM " + q.qualified(p.table) +
                ") AS m WHERE m.largest >= " + std::to_string(range->max));
}


DBPUSH_INLINE probe_statements probe_sql(const probe& p, const schema& target, const sql_names& q) {
  switch (p.kind) {
    case probe_kind::row_count: return {{}, "SELECT count(*) FROM " + q.qualified(p.table), {}};
    case probe_kind::non_null_count:
      return {{}, detail::count_where(p, q, detail::first_column(p, q) + " IS NOT NULL"), {}};
    case probe_kind::null_count:
      return {{}, detail::count_where(p, q, detail::first_column(p, q) + " IS NULL"), {}};
    case probe_kind::duplicate_count:
    case probe_kind::null_key_count:
    case probe_kind::orphan_count: return detail::key_probe(p, q);
    case probe_kind::enum_value_count:
      if (p.values.empty()) return {{}, "SELECT 0::bigint", {}};
      return {{}, detail::count_where(p, q, detail::first_column(p, q) + "::text IN (" + q.literals(p.values) + ")"), {}};
    case probe_kind::cast_failure_count: return detail::cast_failures(p, target, q);
    case probe_kind::sequence_out_of_range: return {{}, detail::sequence_out_of_range(p, q), {}};
    case probe_kind::autoincrement_at_maximum: return detail::autoincrement_at_maximum(p, q);
  }
  return {{}, "SELECT 0::bigint", {}};
}

}  // namespace db::postgres::detail
