// dbpush: definitions for <dbpush/sqlite/render.hpp>.
#pragma once

#include <dbpush/push/push.hpp>
#include <dbpush/schema/detail/grouping.hpp>
#include <dbpush/schema/detail/name_index.hpp>
#include <dbpush/sqlite/introspect.hpp>
#include <dbpush/sqlite/render.hpp>
#include <dbpush/sqlite/detail/sql_text.hpp>
#include <dbpush/sqlite/types.hpp>

#include <algorithm>
#include <cassert>
#include <utility>

namespace db::sqlite::detail {
// Literals are appended as string_views ("..."sv), whose length is known at
// compile time: the no-op fast path renders every CREATE text it compares
// (docs/benchmarks.md, "Figures behind the code").
using std::string_view_literals::operator""sv;


DBPUSH_INLINE bool contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

DBPUSH_INLINE void append_enum_check_sql(std::string& out, const column& c, const schema& enums_from) {
  const auto* e = enums_from.find_enum(*c.enum_type);
  if (!e) throw db::error("dbpush: column `" + c.name + "` uses the enum `" + *c.enum_type +
                          "`, which the schema does not declare.");
  out += " CONSTRAINT ";
  append_quoted_identifier(out, std::string(enum_constraint_prefix) + e->name);
  out += " CHECK (";
  append_quoted_identifier(out, c.name);
  out += " IN (";
  for (std::size_t i = 0; i < e->values.size(); ++i) {
    if (i > 0) out += ", ";
    append_quoted_literal(out, e->values[i]);
  }
  out += "))";
}

DBPUSH_INLINE bool inline_primary_key(const table& t) {
  if (t.primary_key.size() != 1) return false;
  const column* key = t.find_column(t.primary_key.front());
  return key && key->autoincrement;
}

DBPUSH_INLINE void append_column_sql(std::string& out, const table& t, const column& c, const schema& enums_from) {
  append_quoted_identifier(out, c.name);
  if (!c.type.empty()) {
    out += ' ';
    out += c.type;
  }
  if (!c.nullable) out += " NOT NULL"sv;
  if (c.autoincrement && inline_primary_key(t)) out += " PRIMARY KEY AUTOINCREMENT"sv;
  if (c.default_sql) {
    out += " DEFAULT "sv;
    append_default_expression(out, *c.default_sql);
  }
  if (c.enum_type) append_enum_check_sql(out, c, enums_from);
}

DBPUSH_INLINE std::string column_sql(const table& t, const column& c, const schema& enums_from) {
  std::string out;
  append_column_sql(out, t, c, enums_from);
  return out;
}

DBPUSH_INLINE void append_foreign_key_sql(std::string& out, const foreign_key& fk) {
  out += "CONSTRAINT "sv;
  append_quoted_identifier(out, fk.name);
  out += " FOREIGN KEY ("sv;
  append_quoted_identifiers(out, fk.columns);
  out += ") REFERENCES "sv;
  append_quoted_identifier(out, fk.referenced_table);
  if (!fk.referenced_columns.empty()) {
    out += " ("sv;
    append_quoted_identifiers(out, fk.referenced_columns);
    out += ')';
  }
  if (fk.on_delete != referential_action::no_action) {
    out += " ON DELETE "sv;
    out += to_string(fk.on_delete);
  }
  if (fk.on_update != referential_action::no_action) {
    out += " ON UPDATE "sv;
    out += to_string(fk.on_update);
  }
}

// The steps of one diff, with the lookups the renderer needs between `from` and
// `to`, indexed once so rendering stays linear in the number of steps.
class rendering {
 public:
  rendering(const diff_result& d, const live_texts& texts)
      : d_(d), texts_(texts), live_(d.from.tables), target_(d.to.tables) {
    for (std::size_t i = 0; i < d.steps.size(); ++i) {
      const step& s = d.steps[i];
      if (s.kind == step_kind::create_table) created_.insert(s.table);
      if (s.kind == step_kind::drop_table) dropped_.insert(s.table);
      if (s.kind == step_kind::rename_table) {
        live_name_of_.insert(s.table, i);
        target_name_of_.insert(s.old_name, i);
      }
      if (s.kind == step_kind::rename_column) renamed_columns_.insert(s.table, s.object, i);
      if (s.kind == step_kind::add_column) added_columns_.insert(s.table, s.object, i);
    }
    for (const auto& s : d.steps)
      if (needs_redefinition(s)) redefine_later(target_name(s.table));
    for (const auto& s : d.steps)
      if (s.kind == step_kind::alter_enum) mark_enum_users(s.object);
    std::vector<std::size_t> table_of_step;
    table_of_step.reserve(d.steps.size());
    for (const auto& s : d.steps) {
      const std::string& table = target_name(s.table);
      steps_at_.insert(table, steps_at_.size());
      table_of_step.push_back(steps_at_.find(table));
    }
    steps_of_ = db::detail::group_by_key(table_of_step, steps_at_.size());
  }

  std::vector<statement> statements() {
    // Index names are one namespace per database: every name the push frees
    // is free before any table is created or rebuilt (which builds its
    // indexes). So a dropped or renamed index of a kept table is dropped
    // first, rebuilt or not (SQLite cannot rename an index: a renamed one is
    // created again at the end, or by its table's rebuild), and then the
    // dropped tables go, with their indexes.
    for (const auto& s : d_.steps)
      if ((s.kind == step_kind::drop_index || s.kind == step_kind::rename_index) && has_own_name(s))
        emit(s.table, "DROP INDEX " + quote_identifier(s.kind == step_kind::drop_index ? s.object : s.old_name));
    for (const auto& s : d_.steps)
      if (s.kind == step_kind::drop_table) emit(s.table, "DROP TABLE " + quote_identifier(s.table));
    for (const auto& s : d_.steps)
      if (s.kind == step_kind::rename_table) rename_table(s);
    for (const auto& s : d_.steps)
      if (s.kind == step_kind::create_table) create_with_indexes(*target_table(s.table), s.table);
    for (const auto& name : tables_changed_in_place_or_redefined()) alter_table(name);
    for (const auto& s : d_.steps)
      if ((s.kind == step_kind::create_index && in_place(s.table)) ||
          (s.kind == step_kind::rename_index && recreates_renamed_index(s)))
        emit(s.table, create_index_sql(s.table, *target_table(s.table)->find_index(s.object)),
             statement_kind::create_index);
    return std::move(out_);
  }

 private:
  // SQLite refuses to rename a table to a name that differs only in case (it
  // is the same name to it): such a rename goes through a temporary name.
  void rename_table(const step& s) {
    auto rename = [this, &s](const std::string& from, const std::string& to) {
      emit(s.table, "ALTER TABLE " + quote_identifier(from) + " RENAME TO " + quote_identifier(to));
    };
    if (!db::detail::same_identifier(s.old_name, s.table, identifier_rule))
      return rename(s.old_name, s.table);
    const std::string temporary = std::string(redefinition_prefix) + s.table;
    rename(s.old_name, temporary);
    rename(temporary, s.table);
  }

  bool has_no_stored_name(const step& s) const {
    return texts_.unnamed_foreign_keys.contains(s.table, s.old_name);
  }

  // The live index a rename_index step renames.
  const index* renamed_index(const step& s) const {
    const auto* t = from_table(s.table);
    return t ? t->find_index(s.old_name) : nullptr;
  }

  // An index made by an inline UNIQUE has no name of its own in SQLite:
  // introspection names it as generated from its table and columns, so it
  // follows their renames by itself, and only another name needs a
  // redefinition (which turns it into a CREATE INDEX).
  bool inline_unique_keeps_name(const step& s) const {
    const auto* live = renamed_index(s);
    if (!live || !live->from_constraint) return false;
    const auto& t = *target_table(s.table);
    const auto& target = *t.find_index(s.object);
    return target.name == db::detail::generated_name(t.name, target.columns, "key");
  }

  // The live index a drop_index or rename_index step of a kept table drops or
  // renames, when it is one of its own (CREATE INDEX): DROP INDEX can drop it.
  // An inline UNIQUE goes only with its table's rebuild.
  bool has_own_name(const step& s) const {
    if (s.kind == step_kind::rename_index) {
      const auto* live = renamed_index(s);
      return live && !live->from_constraint;
    }
    if (dropped_.contains(s.table)) return false;
    const auto* t = live_.find(s.table);
    const auto* i = t ? t->find_index(s.object) : nullptr;
    return i && !i->from_constraint;
  }

  // A renamed index of a table kept in place: dropped and created again.
  bool recreates_renamed_index(const step& s) const {
    const auto* live = renamed_index(s);
    return in_place(s.table) && live && !live->from_constraint;
  }

  // Neither created, dropped nor rebuilt in this push: index steps run as written.
  bool in_place(const std::string& table) const {
    return !created_.contains(table) && !dropped_.contains(table) && !redefined_.contains(table);
  }

  // Drop steps name the table as it is live; the rest of the renderer uses target names.
  const std::string& target_name(const std::string& live_name) const {
    const auto rename = target_name_of_.find(live_name);
    return rename == db::detail::name_index::npos ? live_name : d_.steps[rename].table;
  }

  const table* target_table(const std::string& name) const { return target_.find(name); }

  const table* from_table(const std::string& to_name) const {
    const auto rename = live_name_of_.find(to_name);
    return live_.find(rename == db::detail::name_index::npos ? to_name : d_.steps[rename].old_name);
  }

  // The live column behind a target column, unless the column is new.
  const column* from_column(const std::string& table, const std::string& column) const {
    if (added_columns_.contains(table, column)) return nullptr;
    const auto rename = renamed_columns_.find(table, column);
    const auto* t = from_table(table);
    return t ? t->find_column(rename == db::detail::name_index::npos ? column : d_.steps[rename].old_name) : nullptr;
  }

  void redefine_later(const std::string& table) {
    if (redefined_.insert(table)) redefined_names_.push_back(table);
  }

  bool can_add_in_place(const step& s) const {
    const auto& t = *target_table(s.table);
    const auto& c = *t.find_column(s.object);
    if (c.autoincrement || contains(t.primary_key, c.name)) return false;
    if (c.default_sql) return is_constant_default(*c.default_sql);
    return c.nullable;
  }

  bool can_drop_in_place(const step& s) const {
    const auto* t = from_table(s.table);
    if (!t) return false;
    const auto* c = t->find_column(s.object);
    if (!c || c->enum_type || contains(t->primary_key, c->name)) return false;
    for (const auto& fk : t->foreign_keys)
      if (contains(fk.columns, c->name)) return false;
    for (const auto& i : t->indexes)
      if (contains(i.columns, c->name) && i.from_constraint) return false;
    return true;
  }

  bool needs_redefinition(const step& s) const {
    if (created_.contains(s.table) || dropped_.contains(s.table) || !target_table(target_name(s.table)))
      return false;
    switch (s.kind) {
      case step_kind::alter_column:
      case step_kind::alter_primary_key:
      case step_kind::add_foreign_key:
      case step_kind::drop_foreign_key: return true;
      // A foreign key's name lives only in its table's CREATE TABLE text, if there.
      case step_kind::rename_foreign_key: return !has_no_stored_name(s);
      case step_kind::rename_index: {
        const auto* live = renamed_index(s);
        return live && live->from_constraint && !inline_unique_keeps_name(s);
      }
      case step_kind::add_column: return !can_add_in_place(s);
      case step_kind::drop_column: return !can_drop_in_place(s);
      case step_kind::drop_index: {
        const auto* t = live_.find(s.table);
        const auto* i = t ? t->find_index(s.object) : nullptr;
        return i && i->from_constraint;
      }
      default: return false;
    }
  }

  // A changed enum changes the CHECK of every existing column that uses it.
  void mark_enum_users(const std::string& enum_name) {
    for (const auto& t : d_.to.tables) {
      if (created_.contains(t.name)) continue;
      for (const auto& c : t.columns)
        if (c.enum_type == enum_name && from_column(t.name, c.name)) redefine_later(t.name);
    }
  }

  // Tables with per-table steps, in the order their first step appears.
  std::vector<std::string> tables_changed_in_place_or_redefined() const {
    std::vector<std::string> names;
    db::detail::name_set noted;
    auto note = [&](std::string_view name) {
      if (noted.insert(name)) names.emplace_back(name);
    };
    for (const auto& s : d_.steps)
      switch (s.kind) {
        case step_kind::rename_column:
        case step_kind::add_column:
        case step_kind::drop_column:
          if (!created_.contains(s.table) && !dropped_.contains(s.table)) note(s.table);
          break;
        default:
          if (redefined_.contains(s.table)) note(s.table);
      }
    // Tables redefined for an enum alone, by name as ever.
    for (auto i : db::detail::order_by_name(redefined_names_)) note(redefined_names_[i]);
    return names;
  }

  void create_with_indexes(const table& t, const std::string& name) {
    emit(name, create_table_sql(t, name, d_.to));
    for (const auto& i : t.indexes) emit(name, create_index_sql(name, i), statement_kind::create_index);
  }

  void alter_table(const std::string& name) {
    const auto at = steps_at_.find(name);
    const auto steps = at == db::detail::name_index::npos ? std::span<const std::size_t>{} : steps_of_.of(at);
    const auto q = quote_identifier(name);
    // Renames first: the copy of a redefinition then reads the new names.
    for (auto i : steps)
      if (const auto& s = d_.steps[i]; s.kind == step_kind::rename_column)
        emit(name, "ALTER TABLE " + q + " RENAME COLUMN " + quote_identifier(s.old_name) + " TO " +
                       quote_identifier(s.object));
    const auto& t = *target_table(name);
    if (redefined_.contains(name)) return redefine(t);
    for (auto i : steps) {
      const auto& s = d_.steps[i];
      if (s.kind == step_kind::add_column)
        emit(name, "ALTER TABLE " + q + " ADD COLUMN " + column_sql(t, *t.find_column(s.object), d_.to));
      if (s.kind == step_kind::drop_column)
        emit(name, "ALTER TABLE " + q + " DROP COLUMN " + quote_identifier(s.object));
    }
  }

  bool keeps_autoincrement(const table& t) const {
    auto autoincrement = [](const table* x) {
      return x && std::any_of(x->columns.begin(), x->columns.end(), [](const column& c) { return c.autoincrement; });
    };
    return autoincrement(&t) && autoincrement(from_table(t.name));
  }

  void redefine(const table& t) {
    const std::string temporary = std::string(redefinition_prefix) + t.name;
    emit(t.name, create_table_sql(t, temporary, d_.to));
    std::vector<std::string> kept;
    std::string values;
    for (const auto& c : t.columns) {
      const auto* live = from_column(t.name, c.name);
      if (!live) continue;
      kept.push_back(c.name);
      values += (values.empty() ? "" : ", ") +
                copied_value(quote_identifier(c.name), live->type, c.type, db::detail::filled_default(*live, c));
    }
    // With no column kept, the rowids still carry the rows over (their new columns take defaults).
    if (kept.empty()) {
      kept.push_back("rowid");
      values = "rowid";
    }
    emit(t.name,
         "INSERT INTO " + quote_identifier(temporary) + " (" + quote_identifiers(kept) + ") SELECT " + values +
             " FROM " + quote_identifier(t.name),
         statement_kind::copy_rows);
    if (keeps_autoincrement(t)) {
      // The old table's high-water mark moves over, so AUTOINCREMENT never reuses a deleted id.
      emit(t.name, "DELETE FROM sqlite_sequence WHERE name = " + quote_literal(temporary));
      emit(t.name, "UPDATE sqlite_sequence SET name = " + quote_literal(temporary) +
                     " WHERE name = " + quote_literal(t.name));
    }
    emit(t.name, "DROP TABLE " + quote_identifier(t.name));
    // Legacy mode: the rename does not re-check views that name the table while it
    // is momentarily gone; they refer to it again once the new table takes its name.
    emit(t.name, "PRAGMA legacy_alter_table = ON");
    emit(t.name, "ALTER TABLE " + quote_identifier(temporary) + " RENAME TO " + quote_identifier(t.name));
    emit(t.name, "PRAGMA legacy_alter_table = OFF");
    for (const auto& i : t.indexes) emit(t.name, create_index_sql(t.name, i), statement_kind::create_index);
    for (const auto& dependent : texts_.kept)
      if (dependent.table == t.name) emit(t.name, dependent.sql, dependent.kind);
  }

  const diff_result& d_;
  const live_texts& texts_;
  db::detail::by_name<table> live_, target_;
  db::detail::name_index live_name_of_, target_name_of_;  // renamed table -> position of its rename step
  db::detail::column_name_index renamed_columns_, added_columns_;  // (target table, column) -> step
  db::detail::name_index steps_at_;  // target table -> its key in steps_of_
  db::detail::grouping steps_of_;    // positions in d_.steps, by table
  db::detail::name_set created_, dropped_, redefined_;
  std::vector<std::string_view> redefined_names_;  // as redefined_ gets them
  std::vector<statement> out_;

  // SQLite locks the whole database, not a table; the copy of a redefinition
  // rewrites its table (its row count is not read: that would scan it).
  void emit(const std::string& table, std::string sql, statement_kind kind = statement_kind::change) {
    statement_hazard hazard;
    if (kind == statement_kind::copy_rows) hazard.work = table_work::rewrite;
    out_.push_back({std::move(sql), kind, table, std::move(hazard)});
  }
};


DBPUSH_INLINE std::string create_table_sql(const table& t, std::string_view name, const schema& enums_from) {
  std::string out;
  append_create_table_sql(out, t, name, enums_from);
  return out;
}

DBPUSH_INLINE void append_create_table_sql(std::string& out, const table& t, std::string_view name,
                                           const schema& enums_from) {
  out += "CREATE TABLE "sv;
  append_quoted_identifier(out, name);
  out += " ("sv;
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    out += i == 0 ? "\n  "sv : ",\n  ";
    detail::append_column_sql(out, t, t.columns[i], enums_from);
  }
  if (!t.primary_key.empty() && !detail::inline_primary_key(t)) {
    out += ",\n  PRIMARY KEY ("sv;
    append_quoted_identifiers(out, t.primary_key);
    out += ')';
  }
  for (const auto& fk : t.foreign_keys) {
    out += ",\n  "sv;
    detail::append_foreign_key_sql(out, fk);
  }
  out += "\n)"sv;
}

DBPUSH_INLINE std::string create_index_sql(std::string_view table_name, const index& i) {
  std::string out;
  append_create_index_sql(out, table_name, i);
  return out;
}

DBPUSH_INLINE void append_create_index_sql(std::string& out, std::string_view table_name, const index& i) {
  out += i.unique ? "CREATE UNIQUE INDEX "sv : "CREATE INDEX ";
  append_quoted_identifier(out, i.name);
  out += " ON "sv;
  append_quoted_identifier(out, table_name);
  out += " ("sv;
  append_quoted_identifiers(out, i.columns);
  out += ')';
  if (i.where) {
    out += " WHERE "sv;
    out += *i.where;
  }
}

DBPUSH_INLINE std::vector<statement> render(const diff_result& diff, const live_texts& texts) {
  assert(is_canonical(diff.to));
  return detail::rendering(diff, texts).statements();
}

DBPUSH_INLINE std::string copied_value(const std::string& column_sql, std::string_view from_type,
                                       std::string_view to_type, const std::string* fill) {
  auto value = converted_value(column_sql, from_type, to_type);
  return fill ? "coalesce(" + value + ", " + default_expression(*fill) + ")" : value;
}

}  // namespace db::sqlite::detail
