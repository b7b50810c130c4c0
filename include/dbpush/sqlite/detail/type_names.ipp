// dbpush: definitions for <dbpush/sqlite/type_names.hpp>.
#pragma once

#include <dbpush/sqlite/type_names.hpp>

#include <string>

namespace db::sqlite::detail {

DBPUSH_INLINE std::string type_name(const sql_type& t) {
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
    case type_kind::native: return std::string(t.spelling.empty() ? t.postgres_spelling : t.spelling);
    case type_kind::unsupported: break;
  }
  return {};
}

DBPUSH_INLINE std::string_view boolean_literal(bool value) { return value ? "1" : "0"; }

}  // namespace db::sqlite::detail
