// dbpush fuzzing: the parsers dbpush runs over text it reads from a database,
// each reached through one name here, so that moving or renaming one in the
// engine is mended in this file alone. Only dialect headers that compile with
// clang are included (the model layer uses GCC's __direct_bases).
#pragma once

#include <dbpush/postgres/canonical.hpp>
#include <dbpush/postgres/cast_rules.hpp>
#include <dbpush/postgres/expressions.hpp>
#include <dbpush/postgres/introspect.hpp>
#include <dbpush/sqlite/introspect.hpp>
#include <dbpush/sqlite/sql_text.hpp>
#include <dbpush/sqlite/types.hpp>

namespace fuzz {

// SQLite: the text of sqlite_schema.sql, and pragma_table_xinfo's types and defaults.
namespace sqlite_parse {
using db::sqlite::tokenize;                       // every CREATE text, every default
using db::sqlite::detail::parse_create_table;     // CREATE TABLE: AUTOINCREMENT, enum CHECKs, foreign keys
using db::sqlite::detail::partial_index_predicate;  // CREATE INDEX ... WHERE
using db::sqlite::unreproducible_parts;           // CREATE TABLE: what a redefinition would lose
using db::sqlite::affinity_of;
using db::sqlite::canonical_type;
using db::sqlite::canonical_default;
using db::sqlite::is_literal_default;
using db::sqlite::default_expression;
using db::sqlite::classify_cast;
using db::sqlite::converted_value;
using db::sqlite::canonicalise;
using db::sqlite::is_canonical;
}  // namespace sqlite_parse

// PostgreSQL: format_type, pg_get_expr (defaults, index predicates), the
// int2vector / int2[] text of keys and indexes, and the server's NOTICEs.
namespace postgres_parse {
using db::postgres::canonical_type;
using db::postgres::is_serial_alias;
using db::postgres::canonical_default;
using db::postgres::canonical_predicate;
using db::postgres::canonicalise;
using db::postgres::classify_cast;
using db::postgres::integer_range;
using db::postgres::converts_through_text;
using db::postgres::detail::attnums_of;
using db::postgres::parse_spelling_notice;
}  // namespace postgres_parse

}  // namespace fuzz
