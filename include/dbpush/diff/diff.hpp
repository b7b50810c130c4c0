// dbpush: the differ turns a live schema and a target schema into ordered steps.
//
// Steps are neutral: they say what changes, not how a dialect does it. A step
// names tables, columns, indexes, foreign keys and enums by name; their full
// definitions are looked up in the `from` (live) and `to` (target) schemas that
// travel with the steps in a db::diff_result. The dialect renderer decides the SQL
// (SQLite groups column, key and CHECK changes of one table into a table
// redefinition; PostgreSQL uses ALTER TABLE natively).
//
// Conventions the renderers rely on:
// - step.table is the table's name when the step runs: drop_foreign_key and
//   drop_index run before renames (live name); every later step uses the target
//   name (drop_column too; its `object` is the live column name).
// - create_table carries the columns and primary key; the new table's indexes
//   and foreign keys follow as create_index / add_foreign_key steps (a renderer
//   may fold them into CREATE TABLE; SQLite must for foreign keys). drop_table
//   implies its own indexes and foreign keys: no steps for them; it runs
//   before any change to other tables but the drop of their foreign keys (and
//   after the enum steps).
// - Tables, columns, indexes and foreign keys are matched by name, compared by
//   diff_options::names (SQLite ignores ASCII case). A match spelt differently
//   is renamed to the target's spelling.
// - Indexes and foreign keys are matched by name, then by definition (columns
//   mapped through renames). A matched item takes the target's name
//   (rename_index / rename_foreign_key), so that a generated name follows a
//   renamed table or column; only a name chosen in the database, where the
//   target has merely the generated one, stays.
// - A foreign key is dropped and re-added when a column it uses or references is
//   re-typed, its parent's primary key changes, or the unique index it relies on
//   is dropped.
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/schema/schema.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace db {

enum class step_kind {
  create_enum,          // object = enum name (in `to`)
  alter_enum,           // object = enum name; added/removed values in step.values_added/removed,
                        // enum_reordered when the kept values changed order
  drop_enum,            // object = enum name (in `from`)
  create_table,         // table = name in `to`
  drop_table,           // table = name in `from`
  rename_table,         // table = new name, old_name = name in `from` (a renamed_from hint, or the
                        // same name spelt otherwise where diff_options::names ignores case)
  add_column,           // table, object = column name in `to`
  drop_column,          // table, object = column name in `from`
  rename_column,        // table, object = new name, old_name = name in `from` (as for rename_table)
  alter_column,         // table, object = column name in `to`; what changed in `column_changes`
  alter_primary_key,    // table; old key in `from`, new in `to`
  create_index,         // table, object = index name in `to` (unique indexes included)
  drop_index,           // table, object = index name in `from`
  add_foreign_key,      // table, object = foreign key name in `to`
  drop_foreign_key,     // table, object = foreign key name in `from`
  rename_index,         // table = name in `to`, object = index name in `to`, old_name = name in `from`
  rename_foreign_key,   // table = name in `to`, object = foreign key name in `to`, old_name = name in `from`
};

// Bits of step::column_changes for alter_column.
namespace column_change {
inline constexpr std::uint32_t type = 1u << 0;
inline constexpr std::uint32_t nullability = 1u << 1;
inline constexpr std::uint32_t default_value = 1u << 2;
inline constexpr std::uint32_t autoincrement = 1u << 3;
inline constexpr std::uint32_t enum_type = 1u << 4;  // the column's enum type (or enum-ness) changed
}  // namespace column_change

struct step {
  step_kind kind{};
  std::string table;     // table the step acts on: name in `to`, or in `from` for drops
  std::string object;    // column / index / foreign key / enum name, when the step has one
  std::string old_name;  // renames: the name in `from`
  std::uint32_t column_changes = 0;
  std::vector<std::string> values_added;    // alter_enum
  std::vector<std::string> values_removed;  // alter_enum
  bool enum_reordered = false;              // alter_enum

  // One line in the spirit of db push, e.g. "Added column `bio` to table `users`".
  std::string describe() const;

  friend bool operator==(const step& a, const step& b) = default;
};

struct diff_options {
  // Tables that exist in `from` but must be left alone (never dropped/altered).
  std::vector<std::string> ignore_tables;
  // How the database tells names apart: with ascii_insensitive (SQLite), a
  // live `Users` is the target's `users`, renamed to that spelling.
  identifier_case names = identifier_case::sensitive;
};

struct diff_result {
  schema from;               // live schema (normalised)
  schema to;                 // target schema (normalised); an index or foreign key whose name chosen
                             // in the database stays carries that name
  std::vector<step> steps;   // in execution order (see docs/architecture.md)

  bool empty() const { return steps.empty(); }
};

// The steps that take `from` (the live schema) to `to` (the target), both
// normalised here first (db::normalise), so hand-built schemas may be passed as
// they are. Tables, columns, indexes and foreign keys are matched by name
// through hash lookups (schema/detail/name_index.hpp), so the work grows
// linearly with the schema. Order of steps: drop foreign keys that change or
// go, create/alter enums, drop tables, drop indexes that change or go, rename
// tables, create tables, per table: rename/add/alter columns, primary key,
// alter the columns that leave the key, drop columns; drop enums, rename
// indexes, rename foreign keys, create indexes, add foreign keys last.
DBPUSH_INLINE diff_result diff(schema from, schema to, const diff_options& options = {});

DBPUSH_INLINE std::string to_string(step_kind k);

namespace detail {
// db::diff for inputs already normalised (the push front normalises its target
// once; introspection returns normalised schemas). Precondition checked by an
// assertion in debug builds.
DBPUSH_INLINE diff_result diff_normalised(schema from, schema to, const diff_options& options);
}  // namespace detail

}  // namespace db

#ifdef DBPUSH_DEFINE_CORE
#include <dbpush/diff/detail/diff.ipp>
#endif
