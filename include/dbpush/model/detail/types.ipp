// dbpush: dialect spellings of types and defaults (see docs/types.md).
#pragma once

#include <dbpush/model/types.hpp>

#include <charconv>
#include <string>

namespace db {

namespace detail {

DBPUSH_INLINE std::string sqlite_type(const sql_type& t) {
  switch (t.kind) {
    case type_kind::boolean: return "BOOLEAN";
    case type_kind::int8: case type_kind::int16: case type_kind::int32: case type_kind::int64:
    case type_kind::uint8: case type_kind::uint16: case type_kind::uint32: case type_kind::uint64:
      return "INTEGER";
    case type_kind::float32: case type_kind::float64: return "REAL";
    case type_kind::text: case type_kind::enumeration: case type_kind::uuid:
    case type_kind::json: case type_kind::jsonb:
      return "TEXT";
    case type_kind::bytes: return "BLOB";
    case type_kind::timestamp: return "DATETIME";
    case type_kind::date: return "DATE";
    case type_kind::varchar: return "VARCHAR(" + std::to_string(t.length) + ")";
    case type_kind::decimal:
      return "DECIMAL(" + std::to_string(t.precision) + "," + std::to_string(t.scale) + ")";
    case type_kind::native: return std::string(t.spelling);
    case type_kind::unsupported: break;
  }
  return {};
}

DBPUSH_INLINE std::string postgres_type(const sql_type& t, std::string_view enum_name) {
  switch (t.kind) {
    case type_kind::boolean: return "boolean";
    case type_kind::int8: case type_kind::int16: case type_kind::uint8: return "smallint";
    case type_kind::int32: case type_kind::uint16: return "integer";
    case type_kind::int64: case type_kind::uint32: return "bigint";
    case type_kind::uint64: return "numeric(20,0)";
    case type_kind::float32: return "real";
    case type_kind::float64: return "double precision";
    case type_kind::text: return "text";
    case type_kind::bytes: return "bytea";
    case type_kind::timestamp: return "timestamp with time zone";
    case type_kind::date: return "date";
    case type_kind::enumeration: return std::string(enum_name);
    case type_kind::varchar: return "character varying(" + std::to_string(t.length) + ")";
    case type_kind::decimal:
      return "numeric(" + std::to_string(t.precision) + "," + std::to_string(t.scale) + ")";
    case type_kind::uuid: return "uuid";
    case type_kind::json: return "json";
    case type_kind::jsonb: return "jsonb";
    case type_kind::native: return std::string(t.postgres_spelling.empty() ? t.spelling : t.postgres_spelling);
    case type_kind::unsupported: break;
  }
  return {};
}

DBPUSH_INLINE std::string quoted_literal(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
  return out;
}

// Shortest text that reads back as the same double.
DBPUSH_INLINE std::string real_literal(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  (void)ec;
  return std::string(buf, end);
}

}  // namespace detail

DBPUSH_INLINE std::string native_type(dialect d, const sql_type& t, std::string_view enum_name) {
  return d == dialect::sqlite ? detail::sqlite_type(t) : detail::postgres_type(t, enum_name);
}

DBPUSH_INLINE std::optional<std::string> render_default(dialect d, const default_desc& v) {
  switch (v.kind) {
    case default_kind::none: return std::nullopt;
    case default_kind::boolean:
      if (d == dialect::sqlite) return v.boolean ? "1" : "0";
      return v.boolean ? "true" : "false";
    case default_kind::integer: return std::to_string(v.integer);
    case default_kind::unsigned_integer: return std::to_string(v.unsigned_integer);
    case default_kind::real: return detail::real_literal(v.real);
    case default_kind::text: case default_kind::enumerator: return detail::quoted_literal(v.text);
    case default_kind::now: return "CURRENT_TIMESTAMP";
    case default_kind::sql: return std::string(v.text);
  }
  return std::nullopt;
}

}  // namespace db
