// dbpush: reads a live SQLite schema into a db::schema in three statements,
// whatever the number of tables (sqlite_schema joined with the table-valued
// pragmas), plus parsing of each table's CREATE TABLE text for what the pragmas
// do not report.
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/schema/schema.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace SQLite {
class Database;
}

namespace db::sqlite::detail {

// How SQLite tells names apart: without regard to ASCII case (`Users` and
// `users` are one table; `É` and `é` are two).
inline constexpr identifier_case identifier_rule = identifier_case::ascii_insensitive;

// Name of the CHECK constraint carrying an enum: the type name travels in the
// constraint name, the values in `"column" IN ('a', 'b')`.
inline constexpr std::string_view enum_constraint_prefix = "dbpush_enum:";

// Tables of the main schema except sqlite_* internals, virtual and shadow
// tables, and `ignore_tables`. Types and defaults come back canonical.
DBPUSH_INLINE schema introspect(SQLite::Database& db, const std::vector<std::string>& ignore_tables);

// What a CREATE TABLE text says that a db::schema cannot carry (a CHECK other
// than dbpush's enum CHECKs, generated columns, COLLATE, WITHOUT ROWID, STRICT),
// each named once in words. A table redefinition recreates the table from the
// db::schema, so it would drop these silently: the session refuses instead.
DBPUSH_INLINE std::vector<std::string> unreproducible_parts(std::string_view create_table_sql);

// What a CREATE TABLE statement says beyond the pragmas. (Schema types, not
// structs of its own: each vector of another element type is compiled again in
// every translation unit that calls the engine.)
struct table_text {
  bool autoincrement = false;
  // The enum CHECK constraints: enums[k] (name and values) types column enum_columns[k].
  std::vector<enum_type> enums;
  std::vector<std::string> enum_columns;
  // Every foreign key the text declares, in its order: its name (empty: none),
  // columns, parent and the parent's columns as written (none: its primary
  // key), actions.
  std::vector<foreign_key> foreign_keys;
};

// What the CREATE TABLE text `sql` says beyond the pragmas.
DBPUSH_INLINE table_text parse_create_table(std::string_view sql);
// The predicate after the top-level WHERE of a CREATE INDEX, as written.
DBPUSH_INLINE std::optional<std::string> partial_index_predicate(std::string_view sql);

// Names of the tables introspect() would read (dbpush manages exactly these).
DBPUSH_INLINE std::vector<std::string> managed_tables(SQLite::Database& db,
                                                      const std::vector<std::string>& ignore_tables);

}  // namespace db::sqlite::detail

#ifdef DBPUSH_HEADER_ONLY
#include <dbpush/sqlite/detail/introspect.ipp>
#endif
