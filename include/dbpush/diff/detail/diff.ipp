// dbpush: definitions for <dbpush/diff/diff.hpp>.
#pragma once

#include <dbpush/diff/diff.hpp>

#include <string>
#include <utility>

namespace db {

DBPUSH_INLINE std::string to_string(step_kind k) {
  switch (k) {
    case step_kind::create_enum: return "create_enum";
    case step_kind::alter_enum: return "alter_enum";
    case step_kind::drop_enum: return "drop_enum";
    case step_kind::create_table: return "create_table";
    case step_kind::drop_table: return "drop_table";
    case step_kind::rename_table: return "rename_table";
    case step_kind::add_column: return "add_column";
    case step_kind::drop_column: return "drop_column";
    case step_kind::rename_column: return "rename_column";
    case step_kind::alter_column: return "alter_column";
    case step_kind::alter_primary_key: return "alter_primary_key";
    case step_kind::create_index: return "create_index";
    case step_kind::drop_index: return "drop_index";
    case step_kind::add_foreign_key: return "add_foreign_key";
    case step_kind::drop_foreign_key: return "drop_foreign_key";
  }
  return "unknown";
}

DBPUSH_INLINE std::string step::describe() const {
  return to_string(kind) + " " + table + " " + object;
}

DBPUSH_INLINE diff_result diff(schema from, schema to, const diff_options&) {
  normalise(from);
  normalise(to);
  return diff_result{std::move(from), std::move(to), {}};
}

}  // namespace db
