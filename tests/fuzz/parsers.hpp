// dbpush fuzzing: the parsers dbpush runs over text it reads from a database,
// each reached through one name here, so that moving or renaming one in the
// engine is mended in this file alone. Only dialect headers that compile with
// clang are included (the model layer uses GCC's __direct_bases).
#pragma once

#include <dbpush/postgres/types.hpp>
#include <dbpush/postgres/detail/expressions.hpp>
#include <dbpush/postgres/introspect.hpp>
#include <dbpush/sqlite/introspect.hpp>
#include <dbpush/sqlite/detail/sql_text.hpp>
#include <dbpush/sqlite/types.hpp>

namespace fuzz {

// SQLite: the text of sqlite_schema.sql, and pragma_table_xinfo's types and defaults.
namespace sqlite_parse {
using db::sqlite::detail::tokenize;                       // every CREATE text, every default
using db::sqlite::detail::parse_create_table;     // CREATE TABLE: AUTOINCREMENT, enum CHECKs, foreign keys
using db::sqlite::detail::partial_index_predicate;  // CREATE INDEX ... WHERE
using db::sqlite::detail::parse_create_index;       // CREATE INDEX: unique, keys, predicate
using db::sqlite::detail::unreproducible_parts;           // CREATE TABLE: what a redefinition would lose
using db::sqlite::detail::affinity_of;
using db::sqlite::detail::canonical_type;
using db::sqlite::detail::canonical_default;
using db::sqlite::detail::is_literal_default;
using db::sqlite::detail::default_expression;
using db::sqlite::detail::classify_cast;
using db::sqlite::detail::converted_value;
using db::sqlite::detail::canonicalise;
using db::sqlite::detail::is_canonical;
}  // namespace sqlite_parse

// PostgreSQL: format_type, pg_get_expr (defaults, index predicates), the
// int2vector / int2[] text of keys and indexes, and the server's NOTICEs.
namespace postgres_parse {
using db::postgres::detail::canonical_type;
using db::postgres::detail::is_serial_alias;
using db::postgres::detail::canonical_default;
using db::postgres::detail::canonical_predicate;
using db::postgres::detail::canonicalise;
using db::postgres::detail::classify_cast;
using db::postgres::detail::integer_range;
using db::postgres::detail::converts_through_text;
using db::postgres::detail::attnums_of;
using db::postgres::detail::parse_spelling_notice;
}  // namespace postgres_parse

}  // namespace fuzz
