// dbpush: SQLite types, defaults and casts: canonical spellings (so a target
// compares equal to what introspection reads back) and the cast rules the
// destructive-change checker uses. See docs/sqlite.md for the cast table; what
// SQLite calls the model's types is in type_names.hpp.
#pragma once

#include <dbpush/check/check.hpp>
#include <dbpush/detail/config.hpp>
#include <dbpush/schema/schema.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace db::sqlite::detail {

// SQLite's column affinity, derived from the declared type by its documented rules.
enum class affinity { integer, text, blob, real, numeric };

DBPUSH_INLINE affinity affinity_of(std::string_view declared_type);
DBPUSH_INLINE std::string_view to_string(affinity a);

// Upper case, single spaces, none around parentheses and commas: "varchar( 10 )" -> "VARCHAR(10)".
DBPUSH_INLINE std::string canonical_type(std::string_view declared_type);

// The default as pragma_table_xinfo reports it: trimmed, without an outer pair of
// parentheses, keywords upper case; "NULL" means no default.
DBPUSH_INLINE std::optional<std::string> canonical_default(std::optional<std::string> default_sql);

// A literal SQLite accepts bare after DEFAULT (numbers, strings, blobs, NULL,
// TRUE, FALSE, CURRENT_*); anything else needs parentheses.
DBPUSH_INLINE bool is_literal_default(std::string_view canonical);
// Constant: ALTER TABLE ADD COLUMN accepts it (a literal other than CURRENT_*).
DBPUSH_INLINE bool is_constant_default(std::string_view canonical);
// The default as an expression: bare when literal, parenthesised otherwise.
DBPUSH_INLINE std::string default_expression(std::string_view canonical);
DBPUSH_INLINE void append_default_expression(std::string& out, std::string_view canonical);

DBPUSH_INLINE cast_class classify_cast(const std::string& from_type, const std::string& to_type);
DBPUSH_INLINE const check_rules& rules();

// How the table copy converts `column_sql` from one declared type to another:
// CAST to the new affinity where SQLite's storage conversion would keep the old
// representation (INTEGER, REAL, TEXT targets); the bare column where the
// target's affinity converts on insert without destroying text (NUMERIC, BLOB).
DBPUSH_INLINE std::string converted_value(const std::string& column_sql, std::string_view from_type,
                                          std::string_view to_type);

// Target schema in canonical spellings: types, defaults, index predicates; enum
// columns default to TEXT; enums no column uses are dropped (SQLite keeps enums
// only as CHECKs, so an unused one cannot be read back).
DBPUSH_INLINE void canonicalise(schema& target);
// True when canonicalise(target) would change nothing.
DBPUSH_INLINE bool is_canonical(const schema& target);

}  // namespace db::sqlite::detail

#ifdef DBPUSH_DEFINE_SQLITE
#include <dbpush/sqlite/detail/types.ipp>
#endif
