// dbpush: reading SQLite's CREATE texts as SQLite's parser reads them. SQLite
// keeps nothing of a schema but these texts (sqlite_schema.sql), so the
// columns, keys, constraint indexes, foreign keys and enum CHECKs that
// introspection returns are read here; the pragmas are asked only where these
// readers say they cannot follow a text.
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/schema/schema.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace db::sqlite::detail {

// How SQLite tells names apart: without regard to ASCII case (`Users` and
// `users` are one table; `É` and `é` are two).
inline constexpr identifier_case identifier_rule = identifier_case::ascii_insensitive;

// Name of the CHECK constraint carrying an enum: the type name travels in the
// constraint name, the values in `"column" IN ('a', 'b')`.
inline constexpr std::string_view enum_constraint_prefix = "dbpush_enum:";

// What a CREATE TABLE text says that a db::schema cannot carry (a CHECK other
// than dbpush's enum CHECKs, generated columns, COLLATE, WITHOUT ROWID, STRICT),
// each named once in words. A table redefinition recreates the table from the
// db::schema, so it would drop these silently: the session refuses instead.
DBPUSH_INLINE std::vector<std::string> unreproducible_parts(std::string_view create_table_sql);

// An enum CHECK of a CREATE TABLE text: `type` (name and values) types `column`,
// spelled as the CHECK spells it.
struct enum_check {
  std::string column;
  enum_type type;
};

// A visible column as pragma_table_xinfo reports it (SQLite 3.37 and later
// report the types ANY, BLOB, INT, INTEGER, REAL and TEXT in upper case,
// however declared; canonical_type makes both spellings one).
struct xinfo_column {
  std::string name;
  std::string type;                        // the declared type: from its first to its last token, as written
  bool not_null = false;                   // only an explicit NOT NULL
  std::optional<std::string> default_sql;  // the DEFAULT clause's text, as written
  std::size_t primary_key_position = 0;    // 1-based; 0: not in the primary key
};

// An index SQLite makes for a PRIMARY KEY or UNIQUE constraint of a CREATE
// TABLE text (its sqlite_schema row has no text).
struct constraint_index {
  std::vector<std::string> columns;  // as the table declares them
  bool primary_key = false;          // pragma_index_list's origin "pk", else "u"
};

// The columns of a CREATE TABLE text and the indexes SQLite makes for it.
struct table_layout {
  // The visible columns, in order, as pragma_table_xinfo reports them.
  std::vector<xinfo_column> columns;
  // The indexes SQLite makes for its PRIMARY KEY and UNIQUE constraints, in
  // the order it makes them: the n-th is sqlite_autoindex_<table>_<n>.
  std::vector<constraint_index> constraint_indexes;
};

// What a CREATE TABLE statement says, read in one walk over its clauses. The
// foreign keys, enum CHECKs and AUTOINCREMENT are read from every clause that
// reads as one, even when the layout is left to the pragmas.
struct table_text {
  bool autoincrement = false;
  std::vector<enum_check> enum_checks;
  // Every foreign key the text declares, in its order: its name (that of a
  // CONSTRAINT clause right before it; empty: none), columns, parent and the
  // parent's columns as written (none: its primary key), actions.
  std::vector<foreign_key> foreign_keys;
  // False when a FOREIGN KEY or REFERENCES clause did not read as one:
  // foreign_keys may then miss keys SQLite knows.
  bool foreign_keys_complete = true;
  // The columns and constraint indexes; nullopt when the text holds anything
  // the reader does not follow as SQLite's parser does (generated columns,
  // WITHOUT ROWID, STRICT, a quoted type, COLLATE in a table's key list, ...):
  // then only the pragmas can say.
  std::optional<table_layout> layout;
};

// What the CREATE TABLE text `sql` says.
DBPUSH_INLINE table_text parse_create_table(std::string_view sql);
// The predicate after the top-level WHERE of a CREATE INDEX, as written.
DBPUSH_INLINE std::optional<std::string> partial_index_predicate(std::string_view sql);

// What a CREATE INDEX text says: unique, the predicate, and the indexed columns
// as written when every key is a plain column name (with COLLATE, ASC or DESC);
// nullopt for any other key (an expression, a qualified name), which only
// SQLite can resolve. The name is left empty.
DBPUSH_INLINE std::optional<index> parse_create_index(std::string_view sql);

}  // namespace db::sqlite::detail

#ifdef DBPUSH_DEFINE_SQLITE
#include <dbpush/sqlite/detail/create_texts.ipp>
#endif
