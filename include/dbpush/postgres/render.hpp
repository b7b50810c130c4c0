// dbpush: turns neutral steps into PostgreSQL statements.
//
// PostgreSQL alters tables in place, so every step is native DDL (no table
// copies), schema-qualified and quoted. Two steps need more than one statement:
// - alter_enum that removes or reorders values, or whose new values are used in
//   the same push (ALTER TYPE ... ADD VALUE forbids using the value before the
//   transaction commits): the type is recreated under its name and every column
//   converted with USING col::text::new_type; defaults are restored after.
// - alter_column: DROP DEFAULT before a type change (the old default may not
//   cast), the type, NOT NULL, identity, then the new default.
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/diff/diff.hpp>
#include <dbpush/push/push.hpp>
#include <dbpush/postgres/introspect.hpp>
#include <dbpush/postgres/detail/sql_names.hpp>

#include <string>
#include <vector>

namespace db::postgres::detail {

// The suffix of the CHECK (col IS NOT NULL) constraints online mode adds
// before SET NOT NULL ("{table}_{column}_dbpush_not_null"): introspection
// finds those a push left behind by it.
inline constexpr const char* not_null_helper_suffix = "dbpush_not_null";

// `live` are the facts read with `diff.from` (its constraint names, SERIAL
// columns, what an interrupted online push left). Each statement names the
// table of the step that made it. `online` (postgres_push_options::online):
// the long steps on existing tables run after the transaction (statement_phase).
DBPUSH_INLINE std::vector<statement> render(const diff_result& diff, const catalog_facts& live,
                                            const sql_names& names, bool online = false);

// Drops every table of `live` (ignore_tables were never read into it) and every
// enum type of the managed schema.
DBPUSH_INLINE std::vector<statement> render_reset(const schema& live, const sql_names& names);

}  // namespace db::postgres::detail

#ifdef DBPUSH_DEFINE_POSTGRES
#include <dbpush/postgres/detail/render.ipp>
#endif
