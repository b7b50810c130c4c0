// dbpush: turns neutral steps into SQLite statements.
//
// ALTER TABLE where SQLite can change a table in place (RENAME TO, RENAME
// COLUMN, ADD COLUMN of a column without constraints SQLite rejects there,
// DROP COLUMN of an unconstrained column), CREATE/DROP INDEX for indexes and
// uniques, and for everything else one redefinition per table: create the new
// table, copy the rows, drop the old one, rename, recreate its indexes.
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/diff/diff.hpp>
#include <dbpush/push/push.hpp>
#include <dbpush/schema/detail/name_index.hpp>
#include <dbpush/schema/schema.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace db::sqlite::detail {

// Prefix of the table a redefinition builds before it replaces the old one.
inline constexpr std::string_view redefinition_prefix = "dbpush_new_";

// What the live database's texts say beyond its db::schema, that rendering needs.
struct live_texts {
  // The CREATE TRIGGER statements of live tables (kind `change`) and their
  // CREATE INDEX statements on expressions (which db::index cannot describe;
  // kind `create_index`), indexes first: a redefinition drops the old table
  // with them and recreates them on the new one.
  std::vector<statement> kept;
  // The foreign keys of tables with a rename_foreign_key step whose CREATE
  // TABLE text writes no name, as (the step's table, its old_name): views of
  // the names in the diff_result they were read for. SQLite keeps no name for
  // them, so such a rename needs no statement.
  db::detail::column_name_index unnamed_foreign_keys;
};

// The statements of `diff` (its `to` canonical: types.hpp's is_canonical). A
// redefinition's INSERT ... SELECT is the one statement_kind::copy_rows, naming
// the table it reads as it is named when the copy runs (after renames); every
// CREATE INDEX is a statement_kind::create_index.
DBPUSH_INLINE std::vector<statement> render(const diff_result& diff, const live_texts& texts = {});

// CREATE TABLE for `t` under `name` (the table's own name, or the redefinition's
// temporary one); enum CHECKs take their values from `enums_from`.
DBPUSH_INLINE std::string create_table_sql(const table& t, std::string_view name, const schema& enums_from);
DBPUSH_INLINE std::string create_index_sql(std::string_view table_name, const index& i);
// The same statements appended to `out`, for callers that render many into one buffer.
DBPUSH_INLINE void append_create_table_sql(std::string& out, const table& t, std::string_view name,
                                           const schema& enums_from);
DBPUSH_INLINE void append_create_index_sql(std::string& out, std::string_view table_name, const index& i);

// What the copy of a redefinition inserts for a kept column read as
// `column_sql`: the value converted to the new type (converted_value), its NULLs
// filled with `fill` (db::filled_default: the column becomes required). The
// checker's probes read the same expression.
DBPUSH_INLINE std::string copied_value(const std::string& column_sql, std::string_view from_type,
                                       std::string_view to_type, const std::string* fill);

}  // namespace db::sqlite::detail

#ifdef DBPUSH_DEFINE_SQLITE
#include <dbpush/sqlite/detail/render.ipp>
#endif
