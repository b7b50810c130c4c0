// dbpush: quoting of identifiers and literals for one managed PostgreSQL schema.
//
// Every identifier dbpush writes is quoted by the server's own rules
// (pqxx quote_name, i.e. PQescapeIdentifier) and every table or type is
// qualified with the managed schema, so reserved words, mixed case, spaces and
// quotes in names work and nothing outside the schema is reached through the
// search_path.
#pragma once

#include <dbpush/detail/config.hpp>

#include <pqxx/connection_base>

#include <string>
#include <vector>

namespace db::postgres::detail {

class sql_names {
 public:
  DBPUSH_INLINE sql_names(pqxx::connection_base& conn, std::string pg_schema);
  // Without a connection (db::diff_sql): identifiers in double quotes, literals
  // in single quotes (E'' when they hold a backslash, right whatever
  // standard_conforming_strings says); an empty `pg_schema` writes names
  // unqualified, for a script that runs in whatever schema its session uses.
  DBPUSH_INLINE explicit sql_names(std::string pg_schema);

  const std::string& schema() const noexcept { return schema_; }
  DBPUSH_INLINE std::string name(const std::string& identifier) const;       // "id"
  DBPUSH_INLINE std::string qualified(const std::string& identifier) const;  // "app"."users"
  DBPUSH_INLINE std::string literal(const std::string& value) const;         // 'it''s'
  DBPUSH_INLINE std::string names(const std::vector<std::string>& identifiers) const;  // "a", "b"
  DBPUSH_INLINE std::string literals(const std::vector<std::string>& values) const;    // 'a', 'b'

 private:
  pqxx::connection_base* conn_ = nullptr;
  std::string schema_;
};

// The name PostgreSQL gives the sequence of a SERIAL or identity column
// `column` of `table` when no relation holds it yet: "{table}_{column}_seq",
// the longer of the two names cut first (on a UTF-8 character boundary) so the
// whole fits 63 bytes.
DBPUSH_INLINE std::string sequence_name(const std::string& table, const std::string& column);

}  // namespace db::postgres::detail

#ifdef DBPUSH_DEFINE_POSTGRES
#include <dbpush/postgres/detail/sql_names.ipp>
#endif
