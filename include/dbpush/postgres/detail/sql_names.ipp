// dbpush: definitions for <dbpush/postgres/sql_names.hpp>.
#pragma once

#include <dbpush/postgres/sql_names.hpp>

#include <utility>

namespace db::postgres {

DBPUSH_INLINE sql_names::sql_names(pqxx::connection_base& conn, std::string pg_schema)
    : conn_(conn), schema_(std::move(pg_schema)) {}

DBPUSH_INLINE std::string sql_names::name(const std::string& identifier) const {
  return conn_.quote_name(identifier);
}

DBPUSH_INLINE std::string sql_names::qualified(const std::string& identifier) const {
  return conn_.quote_name(schema_) + "." + conn_.quote_name(identifier);
}

DBPUSH_INLINE std::string sql_names::literal(const std::string& value) const {
  return conn_.quote(value);
}

DBPUSH_INLINE std::string sql_names::names(const std::vector<std::string>& identifiers) const {
  std::string out;
  for (const auto& i : identifiers) out += (out.empty() ? "" : ", ") + name(i);
  return out;
}

DBPUSH_INLINE std::string sql_names::literals(const std::vector<std::string>& values) const {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + literal(v);
  return out;
}

}  // namespace db::postgres
