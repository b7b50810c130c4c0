// dbpush: definitions for <dbpush/postgres/type_names.hpp>.
#pragma once

#include <dbpush/postgres/type_names.hpp>

#include <string>

namespace db::postgres::detail {

DBPUSH_INLINE std::string type_name(const sql_type& t, std::string_view enum_name) {
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

DBPUSH_INLINE std::string_view boolean_literal(bool value) { return value ? "true" : "false"; }

}  // namespace db::postgres::detail
