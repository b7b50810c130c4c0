// dbpush: definitions for <dbpush/postgres/sql_names.hpp>.
#pragma once

#include <dbpush/postgres/sql_names.hpp>
#include <dbpush/schema/schema.hpp>

#include <string>

#include <utility>

namespace db::postgres {

DBPUSH_INLINE sql_names::sql_names(pqxx::connection_base& conn, std::string pg_schema)
    : conn_(&conn), schema_(std::move(pg_schema)) {}

DBPUSH_INLINE sql_names::sql_names(std::string pg_schema) : schema_(std::move(pg_schema)) {}

namespace detail {
// `text` between `quote`s, each `quote` in it doubled (and each backslash, when `backslashes`).
DBPUSH_INLINE std::string quoted(const std::string& text, char quote, bool backslashes) {
  std::string out(1, quote);
  for (const char c : text) {
    if (c == quote || (backslashes && c == '\\')) out += c;
    out += c;
  }
  return out + quote;
}
}  // namespace detail

DBPUSH_INLINE std::string sql_names::name(const std::string& identifier) const {
  return conn_ ? conn_->quote_name(identifier) : detail::quoted(identifier, '"', false);
}

DBPUSH_INLINE std::string sql_names::qualified(const std::string& identifier) const {
  return schema_.empty() ? name(identifier) : name(schema_) + "." + name(identifier);
}

DBPUSH_INLINE std::string sql_names::literal(const std::string& value) const {
  if (conn_) return conn_->quote(value);
  const bool backslash = value.find('\\') != std::string::npos;
  return (backslash ? "E" : "") + detail::quoted(value, '\'', backslash);
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

DBPUSH_INLINE std::string sequence_name(const std::string& table, const std::string& column) {
  // The server's own rule for "{name1}_{name2}_{label}": bytes come off the
  // longer name (off the column on a tie) until both fit, then each is cut back
  // to a character boundary.
  const std::string label = "seq";
  const std::size_t room = db::detail::max_identifier_bytes - (1 + label.size() + 1);
  std::size_t table_bytes = table.size(), column_bytes = column.size();
  while (table_bytes + column_bytes > room) {
    if (table_bytes > column_bytes) --table_bytes;
    else --column_bytes;
  }
  return db::detail::cut_utf8(table, table_bytes) + "_" + db::detail::cut_utf8(column, column_bytes) + "_" + label;
}

}  // namespace db::postgres
