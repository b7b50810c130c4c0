// dbpush: definitions for <dbpush/postgres/render.hpp>.
#pragma once

#include <dbpush/postgres/types.hpp>
#include <dbpush/postgres/detail/hazards.hpp>
#include <dbpush/postgres/render.hpp>
#include <dbpush/push/push.hpp>
#include <dbpush/schema/detail/name_index.hpp>
#include <dbpush/schema/schema.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace db::postgres::detail {

class renderer {
 public:
  renderer(const diff_result& diff, const catalog_facts& live, const sql_names& names, bool online)
      : diff_(diff), live_(live), q_(names), online_(online) {}

  std::vector<statement> run() {
    if (!diff_.steps.empty() && !live_.namespace_exists) emit("CREATE SCHEMA " + q_.name(q_.schema()), untouched());
    drop_leftovers();
    // A statement is about the table it names when made, else about the table
    // of the step that made it (none for an enum's own steps).
    for (const auto& s : diff_.steps) {
      const auto first = out_.size();
      render_step(s);
      for (auto i = first; i < out_.size(); ++i)
        if (out_[i].table.empty()) out_[i].table = s.table;
    }
    // A table this push creates is empty and seen by no other session until
    // the push commits: what is done to it locks and reads nothing live.
    for (auto& st : out_)
      for (const auto& s : diff_.steps)
        if (s.kind == step_kind::create_table && s.table == st.table) {
          st.hazard.lock = table_lock::none;
          st.hazard.work = table_work::none;
        }
    // The later phases' statements run after the transaction, in the order made.
    std::stable_partition(out_.begin(), out_.end(),
                          [](const statement& st) { return st.phase == statement_phase::in_transaction; });
    return std::move(out_);
  }

 private:
  const diff_result& diff_;
  const catalog_facts& live_;
  const sql_names& q_;
  const bool online_;  // postgres_push_options::online
  std::vector<statement> out_;
  bool tables_dropped_ = false;
  db::detail::column_name_index added_;  // (table, column) added, when tables inherit
  bool indexes_renamed_ = false, foreign_keys_renamed_ = false;  // rendered at the first such step

  // `hazard`: what the statement does to `table` (by default the step's table).
  void emit(std::string sql, statement_hazard hazard, std::string table = {}) {
    out_.push_back({std::move(sql), statement_kind::change, std::move(table), std::move(hazard)});
  }
  // Online mode: a statement that may run after the transaction commits.
  void emit(std::string sql, statement_hazard hazard, statement_phase phase) {
    emit(std::move(sql), std::move(hazard));
    out_.back().phase = phase;
  }

  // The hazards of PostgreSQL 15's statements (docs/postgres.md "Pushing
  // against production"). ALTER TABLE takes ACCESS EXCLUSIVE unless it says otherwise.
  static statement_hazard untouched() { return {}; }  // no live table: a type, a sequence, a new table
  static statement_hazard catalog_only() { return hazard_of(table_lock::access_exclusive); }
  static statement_hazard scans(table_lock lock) { return hazard_of(lock, table_work::scan); }
  static statement_hazard rewrites() { return hazard_of(table_lock::access_exclusive, table_work::rewrite); }
  // Adding a foreign key scans the table under SHARE ROW EXCLUSIVE and locks the
  // referenced one alike; dropping one removes triggers of both under ACCESS EXCLUSIVE.
  static statement_hazard adds_foreign_key(const std::string& table, const foreign_key& fk) {
    auto h = scans(table_lock::share_row_exclusive);
    if (fk.referenced_table != table) {
      h.referenced_table = fk.referenced_table;
      h.referenced_lock = table_lock::share_row_exclusive;
    }
    return h;
  }
  static statement_hazard drops_foreign_key(const std::string& table, const foreign_key* fk) {
    auto h = catalog_only();
    if (fk && fk->referenced_table != table) {
      h.referenced_table = fk->referenced_table;
      h.referenced_lock = table_lock::access_exclusive;
    }
    return h;
  }
  // ADD COLUMN stores a constant or stable default once in the catalog (PostgreSQL
  // 11 and later); a volatile one, or an identity, is computed for every row.
  // NOT NULL without a default checks every row.
  static statement_hazard adds_column(const column& c) {
    if (c.autoincrement || (c.default_sql && calls_volatile_function(*c.default_sql))) return rewrites();
    if (!c.nullable && !c.default_sql) return scans(table_lock::access_exclusive);
    return catalog_only();
  }

  [[noreturn]] static void missing(const std::string& what) {
    throw error("dbpush: internal error: a step names " + what + ", which its schema lacks");
  }

  const table& target_table(const std::string& name) const {
    if (const auto* t = diff_.to.find_table(name)) return *t;
    missing("the table `" + name + "`");
  }
  const table& live_table(const std::string& name) const {
    if (const auto* t = diff_.from.find_table(name)) return *t;
    missing("the live table `" + name + "`");
  }
  const column& target_column(const table& t, const std::string& name) const {
    if (const auto* c = t.find_column(name)) return *c;
    missing("the column `" + t.name + "`.`" + name + "`");
  }

  // The live table a target table was (renamed_from hint first), or null for a new one.
  const table* live_of(const table& target) const {
    if (target.renamed_from)
      if (const auto* t = diff_.from.find_table(*target.renamed_from)) return t;
    return diff_.from.find_table(target.name);
  }
  const column* live_of(const table* live, const column& target) const {
    if (!live) return nullptr;
    if (target.renamed_from)
      if (const auto* c = live->find_column(*target.renamed_from)) return c;
    return live->find_column(target.name);
  }

  std::string type_of(const column& c) const {
    return c.enum_type ? q_.qualified(*c.enum_type) : c.type;
  }

  std::string definition(const column& c) const {
    std::string sql = q_.name(c.name) + " " + type_of(c);
    if (c.autoincrement) sql += " GENERATED BY DEFAULT AS IDENTITY";
    if (!c.nullable) sql += " NOT NULL";
    if (c.default_sql) sql += " DEFAULT " + *c.default_sql;
    return sql;
  }

  std::string alter_table(const std::string& table) const { return "ALTER TABLE " + q_.qualified(table) + " "; }
  std::string alter_column(const std::string& table, const std::string& column) const {
    return alter_table(table) + "ALTER COLUMN " + q_.name(column) + " ";
  }

  // Through text when no direct cast is sure to exist: the same conversion the
  // session's cast_failure_count probe tests. Between integer types the direct
  // cast exists and fails exactly where the probe counts (outside the range).
  std::string conversion(const column& from, const column& to) const {
    const bool via_text =
        converts_through_text(from.type, from.enum_type.has_value(), to.type, to.enum_type.has_value());
    return q_.name(to.name) + (via_text ? "::text::" : "::") + type_of(to);
  }

  void render_step(const step& s) {
    switch (s.kind) {
      case step_kind::create_enum: return create_enum(s.object);
      case step_kind::alter_enum: return alter_enum(s);
      case step_kind::drop_enum: return emit("DROP TYPE " + q_.qualified(s.object), untouched());
      case step_kind::create_table: return create_table(target_table(s.table));
      case step_kind::drop_table: return drop_tables();
      case step_kind::rename_table: return rename_table(s);
      case step_kind::add_column: return add_column(s);
      case step_kind::drop_column:
        return emit(alter_table(s.table) + "DROP COLUMN " + q_.name(s.object), catalog_only());
      case step_kind::rename_column:
        emit(alter_table(s.table) + "RENAME COLUMN " + q_.name(s.old_name) + " TO " + q_.name(s.object),
             catalog_only());
        return rename_sequence_of_column(s);
      case step_kind::alter_column: return alter_column_step(s);
      case step_kind::alter_primary_key: return alter_primary_key(s);
      case step_kind::create_index: return create_index(s);
      case step_kind::drop_index: return drop_index(s);
      case step_kind::add_foreign_key: return add_foreign_key(s);
      case step_kind::drop_foreign_key:
        return emit(alter_table(s.table) + "DROP CONSTRAINT " + q_.name(s.object),
                    drops_foreign_key(s.table, live_table(s.table).find_foreign_key(s.object)));
      case step_kind::rename_index:
      case step_kind::rename_foreign_key: return rename_all(s.kind);
    }
  }

  // A column added to a table reaches the tables that inherit from it, and
  // adding it to such a child afterwards fails ("already exists"). So the
  // children that add the same column add it first, as their own, and the
  // parent's ADD COLUMN merges with it.
  void add_column(const step& s) {
    if (!live_.inherits.empty()) {
      if (!added_.insert(s.table, s.object, 0)) return;  // added already, as a child's own
      for (const auto& [child, parent] : live_.inherits)
        if (parent == s.table)
          for (const auto& other : diff_.steps)
            if (other.kind == step_kind::add_column && other.table == child && other.object == s.object)
              add_column(other);
    }
    const column& c = target_column(target_table(s.table), s.object);
    emit(alter_table(s.table) + "ADD COLUMN " + definition(c), adds_column(c), s.table);
  }

  // All dropped tables in one statement, at the first drop_table step: tables
  // that reference each other (cycles included) go together without first
  // dropping their foreign keys.
  void drop_tables() {
    if (tables_dropped_) return;
    tables_dropped_ = true;
    std::string list;
    for (const auto& s : diff_.steps)
      if (s.kind == step_kind::drop_table) list += (list.empty() ? "" : ", ") + q_.qualified(s.table);
    emit("DROP TABLE " + list, catalog_only());
  }

  const enum_type& target_enum(const std::string& name) const {
    if (const auto* e = diff_.to.find_enum(name)) return *e;
    missing("the enum `" + name + "`");
  }

  void create_enum(const std::string& name) {
    emit("CREATE TYPE " + q_.qualified(name) + " AS ENUM (" + q_.literals(target_enum(name).values) + ")",
         untouched());
  }

  void create_table(const table& t) {
    std::string sql = "CREATE TABLE " + q_.qualified(t.name) + " (";
    for (std::size_t i = 0; i < t.columns.size(); ++i)
      sql += (i ? ", " : "") + definition(t.columns[i]);
    if (!t.primary_key.empty()) sql += std::string(t.columns.empty() ? "" : ", ") + primary_key(t);
    emit(sql + ")", untouched());
  }

  // Named by dbpush's rule ("{table}_pkey", shortened past 63 bytes), not left to
  // PostgreSQL, whose own cut of a long name could clash with other names.
  std::string primary_key(const table& t) const {
    return "CONSTRAINT " + q_.name(db::detail::generated_identifier(t.name, "pkey")) + " PRIMARY KEY (" +
           q_.names(t.primary_key) + ")";
  }

  // ---- what an interrupted online push left ---------------------------------

  // The step that adds foreign key `name` to the target table whose live table is `live_table`, or null.
  const foreign_key* added_foreign_key(const std::string& live_table, const std::string& name) const {
    for (const auto& s : diff_.steps) {
      if (s.kind != step_kind::add_foreign_key || s.object != name) continue;
      const table& t = target_table(s.table);
      const table* live = live_of(t);
      if (live && live->name == live_table) return t.find_foreign_key(name);
    }
    return nullptr;
  }

  // Whether a step sets NOT NULL on the target column that live column `live_column` of `live_table` becomes.
  bool sets_not_null(const std::string& live_table, const std::string& live_column) const {
    for (const auto& s : diff_.steps) {
      if (s.kind != step_kind::alter_column || !(s.column_changes & column_change::nullability)) continue;
      const table& t = target_table(s.table);
      const table* live = live_of(t);
      const column* to = t.find_column(s.object);
      const column* from = to ? live_of(live, *to) : nullptr;
      if (live && live->name == live_table && from && from->name == live_column && !to->nullable) return true;
    }
    return false;
  }

  // Before any step, under the live names: invalid indexes go (a create_index
  // step builds the target's again); a NOT VALID foreign key the push does not
  // add again as it is, and a NOT NULL helper no step finishes, go too. What
  // the steps finish is done there (add_foreign_key, alter_column_step).
  // A plan with force_reset diffs from nothing: its tables are gone by then.
  void drop_leftovers() {
    for (const auto& i : live_.invalid_indexes)
      emit("DROP INDEX IF EXISTS " + q_.qualified(i.name), catalog_only(), i.table);
    for (const auto& k : live_.unvalidated_foreign_keys) {
      const foreign_key* added = added_foreign_key(k.table, k.key.name);
      if (diff_.from.find_table(k.table) && (!added || !(*added == k.key)))
        emit(alter_table(k.table) + "DROP CONSTRAINT IF EXISTS " + q_.name(k.key.name),
             drops_foreign_key(k.table, &k.key), k.table);
    }
    for (const auto& h : live_.not_null_helpers)
      if (diff_.from.find_table(h.table) && !sets_not_null(h.table, h.column))
        emit(alter_table(h.table) + "DROP CONSTRAINT IF EXISTS " + q_.name(h.name), catalog_only(), h.table);
  }

  // Whether online mode builds an index on, or validates a constraint of,
  // target table `t` after the commit: only a table that exists already holds
  // rows worth it (a new one is empty until the push commits).
  bool online_for(const table& t) const { return online_ && live_of(t) != nullptr; }

  // Whether this push builds the unique index on `t`'s `columns` after the commit.
  bool builds_unique_index_later(const table& t, const std::vector<std::string>& columns) const {
    if (!online_for(t)) return false;
    for (const auto& s : diff_.steps) {
      if (s.kind != step_kind::create_index || s.table != t.name) continue;
      const index* i = t.find_index(s.object);
      // The same columns, in any order.
      if (i && i->unique && !i->where &&
          std::is_permutation(i->columns.begin(), i->columns.end(), columns.begin(), columns.end()))
        return true;
    }
    return false;
  }

  // ---- renames --------------------------------------------------------------

  // The primary key PostgreSQL named after the table ("{table}_pkey") follows
  // the table's new name, as a fresh push would name it (a key this push
  // replaces gets that name when it is added).
  void rename_table(const step& s) {
    emit(alter_table(s.old_name) + "RENAME TO " + q_.name(s.table), catalog_only());
    rename_sequences_of_table(s);
    for (const auto& other : diff_.steps)
      if (other.kind == step_kind::alter_primary_key && other.table == s.table) return;
    const std::string* key = live_.primary_key_name(s.old_name);
    const std::string old_key = db::detail::generated_identifier(s.old_name, "pkey");
    const std::string new_key = db::detail::generated_identifier(s.table, "pkey");
    if (key && *key == old_key && old_key != new_key)
      emit(alter_table(s.table) + "RENAME CONSTRAINT " + q_.name(old_key) + " TO " + q_.name(new_key), catalog_only());
  }

  // ---- sequences of renamed tables and columns ------------------------------

  // The target column that continues live column `c` of live table `live`, or null.
  const column* heir_of(const table& target, const table& live, const column& c) const {
    for (const auto& t : target.columns)
      if (live_of(&live, t) == &c) return &t;
    return nullptr;
  }

  // Whether a relation other than sequence `self` holds `name` in the schema,
  // before or after the push.
  bool relation_name_taken(const std::string& name, const std::string& self) const {
    if (name == self) return false;
    for (const auto* s : {&diff_.from, &diff_.to})
      for (const auto& t : s->tables) {
        if (t.name == name) return true;
        for (const auto& i : t.indexes)
          if (i.name == name) return true;
      }
    for (const auto& key : live_.primary_key_names)
      if (key.name == name) return true;
    for (const auto& other : live_.sequences)
      if (other.name == name) return true;
    return false;
  }

  // The name the sequence of live column `c` (of live table `live`) has once
  // the push's renames have run. A name PostgreSQL gave it after the live table
  // and column follows them to the name a fresh push gets, unless another
  // relation holds that one; a name chosen elsewhere stays.
  std::string sequence_after_renames(const table& live, const column& c, const catalog_facts::owned_sequence& owned,
                                     const table& target, const column& heir) const {
    if (owned.name != sequence_name(live.name, c.name)) return owned.name;
    const std::string wanted = sequence_name(target.name, heir.name);
    return relation_name_taken(wanted, owned.name) ? owned.name : wanted;
  }

  void rename_sequence(const table& live, const column& c, const table& target) {
    const auto* owned = live_.sequence_of(live.name, c.name);
    const column* heir = owned ? heir_of(target, live, c) : nullptr;
    if (!heir) return;
    const std::string name = sequence_after_renames(live, c, *owned, target, *heir);
    if (name != owned->name)
      emit("ALTER SEQUENCE " + q_.qualified(owned->name) + " RENAME TO " + q_.name(name), untouched());
  }

  // A renamed table's sequences take their new names with it (their columns'
  // renames included); a column renamed in a table that keeps its name, with it.
  void rename_sequences_of_table(const step& s) {
    const table& target = target_table(s.table);
    if (const table* live = diff_.from.find_table(s.old_name))
      for (const auto& c : live->columns) rename_sequence(*live, c, target);
  }
  void rename_sequence_of_column(const step& s) {
    for (const auto& other : diff_.steps)
      if (other.kind == step_kind::rename_table && other.table == s.table) return;
    const table& target = target_table(s.table);
    const table* live = live_of(target);
    const column* c = live ? live->find_column(s.old_name) : nullptr;
    if (c) rename_sequence(*live, *c, target);
  }

  void rename_one(step_kind kind, const std::string& table, const std::string& from, const std::string& to) {
    // Renaming an index renames the UNIQUE constraint it backs, and the reverse.
    // ALTER INDEX locks the index (SHARE UPDATE EXCLUSIVE), not its table.
    if (kind == step_kind::rename_index)
      emit("ALTER INDEX " + q_.qualified(from) + " RENAME TO " + q_.name(to), untouched(), table);
    else
      emit(alter_table(table) + "RENAME CONSTRAINT " + q_.name(from) + " TO " + q_.name(to), catalog_only(), table);
  }

  // Every rename of one kind at its first step. When one takes a name another
  // still holds (generated names of swapped columns), each goes through a
  // temporary name first, so the order never matters.
  void rename_all(step_kind kind) {
    bool& done = kind == step_kind::rename_index ? indexes_renamed_ : foreign_keys_renamed_;
    if (done) return;
    done = true;
    std::vector<std::size_t> renames;  // positions in diff_.steps
    db::detail::name_set old_names;
    for (std::size_t i = 0; i < diff_.steps.size(); ++i)
      if (diff_.steps[i].kind == kind) {
        renames.push_back(i);
        old_names.insert(diff_.steps[i].old_name);
      }
    bool taken = false;
    for (const auto i : renames) taken = taken || old_names.contains(diff_.steps[i].object);
    if (!taken) {
      for (const auto i : renames) rename_one(kind, diff_.steps[i].table, diff_.steps[i].old_name, diff_.steps[i].object);
      return;
    }
    auto temporary = [](std::size_t k) { return "dbpush_renaming_" + std::to_string(k); };
    for (std::size_t k = 0; k < renames.size(); ++k) {
      const step& s = diff_.steps[renames[k]];
      rename_one(kind, s.table, s.old_name, temporary(k));
    }
    for (std::size_t k = 0; k < renames.size(); ++k) {
      const step& s = diff_.steps[renames[k]];
      rename_one(kind, s.table, temporary(k), s.object);
    }
  }

  // ---- enums ----------------------------------------------------------------

  // A new value named by a default or an index predicate of the target: it
  // would be used in the transaction that adds it.
  bool uses_added_value(const step& s) const {
    auto names_added_value = [&](const std::string& sql) {
      for (const auto& v : s.values_added)
        if (sql.find(q_.literal(v)) != std::string::npos) return true;
      return false;
    };
    for (const auto& t : diff_.to.tables) {
      for (const auto& c : t.columns)
        if (c.enum_type == s.object && c.default_sql && names_added_value(*c.default_sql)) return true;
      for (const auto& i : t.indexes)
        if (i.where && names_added_value(*i.where)) return true;
    }
    return false;
  }

  bool converts_column_into(const std::string& enum_name) const {
    for (const auto& s : diff_.steps) {
      if (s.kind != step_kind::alter_column ||
          !(s.column_changes & (column_change::type | column_change::enum_type)))
        continue;
      const auto* t = diff_.to.find_table(s.table);
      const auto* c = t ? t->find_column(s.object) : nullptr;
      if (c && c->enum_type == enum_name) return true;
    }
    return false;
  }

  void alter_enum(const step& s) {
    if (!s.values_removed.empty() || s.enum_reordered || uses_added_value(s) ||
        converts_column_into(s.object))
      return recreate_enum(s.object, static_cast<std::size_t>(&s - diff_.steps.data()));
    const auto& values = target_enum(s.object).values;
    const db::detail::name_set added(s.values_added);
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (!added.contains(values[i])) continue;
      // In declaration order: the previous value exists by now (kept or just
      // added); a new first value goes before the first kept one.
      std::string where;
      if (i > 0) {
        where = " AFTER " + q_.literal(values[i - 1]);
      } else {
        for (const auto& kept : values)
          if (!added.contains(kept)) {
            where = " BEFORE " + q_.literal(kept);
            break;
          }
      }
      emit("ALTER TYPE " + q_.qualified(s.object) + " ADD VALUE " + q_.literal(values[i]) + where, untouched());
    }
  }

  // Whether the live column keeps this enum type after the push.
  bool keeps_enum(const table& live, const column& c, const std::string& enum_name) const {
    for (const auto& t : diff_.to.tables) {
      if (live_of(t) != &live) continue;
      for (const auto& target : t.columns)
        if (live_of(&live, target) == &c) return target.enum_type == enum_name;
    }
    return false;
  }

  // Whether a step before diff_.steps[at] has dropped live table `table` (all
  // go at the first drop_table step).
  bool dropped_before(const std::string& table, std::size_t at) const {
    bool any_before = false, this_one = false;
    for (std::size_t i = 0; i < diff_.steps.size(); ++i) {
      if (diff_.steps[i].kind != step_kind::drop_table) continue;
      any_before = any_before || i < at;
      this_one = this_one || diff_.steps[i].table == table;
    }
    return any_before && this_one;
  }

  // Whether live foreign key `fk` of live table `t` is over columns of enum
  // `name` (both sides hold it) and no step before diff_.steps[at] has dropped it.
  bool key_over_enum(const table& t, const foreign_key& fk, const std::string& name, std::size_t at) const {
    if (dropped_before(t.name, at)) return false;
    const bool dropped = std::any_of(diff_.steps.begin(), diff_.steps.end(), [&](const step& s) {
      return s.kind == step_kind::drop_foreign_key && s.table == t.name && s.object == fk.name;
    });
    const bool over_enum = std::any_of(fk.columns.begin(), fk.columns.end(), [&](const std::string& c) {
      const column* col = t.find_column(c);
      return col && col->enum_type == name;
    });
    return over_enum && !dropped;
  }

  // Whether every enum column of a live foreign key still holds enum `name`
  // after the push: a key that loses it goes in this push (its table or column
  // is dropped, or the differ re-adds it over a retyped column).
  bool key_keeps_enum(const table& t, const foreign_key& fk, const std::string& name) const {
    const table* parent = diff_.from.find_table(fk.referenced_table);
    for (std::size_t i = 0; i < fk.columns.size(); ++i) {
      const column* child = t.find_column(fk.columns[i]);
      if (child && child->enum_type == name && !keeps_enum(t, *child, name)) return false;
      const column* referenced =
          parent && i < fk.referenced_columns.size() ? parent->find_column(fk.referenced_columns[i]) : nullptr;
      if (referenced && referenced->enum_type == name && !keeps_enum(*parent, *referenced, name)) return false;
    }
    return true;
  }

  // The enum of step diff_.steps[at], over the live tables no earlier step has
  // dropped. Its columns are converted one at a time, and a foreign key between
  // two of them cannot hold while one is converted and the other is not: such
  // keys are dropped first and added back once every column holds the new type.
  void recreate_enum(const std::string& name, std::size_t at) {
    const auto& values = target_enum(name).values;
    const std::string old_name = db::detail::generated_identifier(name, "dbpush_old");
    for (const auto& t : diff_.from.tables)
      for (const auto& fk : t.foreign_keys)
        if (key_over_enum(t, fk, name, at))
          emit(alter_table(t.name) + "DROP CONSTRAINT " + q_.name(fk.name), drops_foreign_key(t.name, &fk), t.name);
    emit("ALTER TYPE " + q_.qualified(name) + " RENAME TO " + q_.name(old_name), untouched());
    create_enum(name);
    for (const auto& t : diff_.from.tables) {
      if (dropped_before(t.name, at)) continue;
      for (const auto& c : t.columns) {
        if (c.enum_type != name) continue;
        if (c.default_sql) emit(alter_column(t.name, c.name) + "DROP DEFAULT", catalog_only(), t.name);
        if (!keeps_enum(t, c, name)) {
          // Dropped or changing type later in this push: text holds any value.
          emit(alter_column(t.name, c.name) + "TYPE text USING " + q_.name(c.name) + "::text", rewrites(), t.name);
          continue;
        }
        emit(alter_column(t.name, c.name) + "TYPE " + q_.qualified(name) + " USING " + q_.name(c.name) +
                 "::text::" + q_.qualified(name),
             rewrites(), t.name);
        if (!c.default_sql) continue;
        for (const auto& v : values)
          if (*c.default_sql == q_.literal(v)) {
            emit(alter_column(t.name, c.name) + "SET DEFAULT " + *c.default_sql, catalog_only(), t.name);
            break;
          }
      }
    }
    for (const auto& t : diff_.from.tables)
      for (const auto& fk : t.foreign_keys)
        if (key_over_enum(t, fk, name, at) && key_keeps_enum(t, fk, name))
          emit(add_constraint(t.name, fk), adds_foreign_key(t.name, fk), t.name);
    emit("DROP TYPE " + q_.qualified(old_name), untouched());
  }

  // ---- columns and keys -----------------------------------------------------

  void alter_column_step(const step& s) {
    const table& t = target_table(s.table);
    const column& to = target_column(t, s.object);
    const table* live_t = live_of(t);
    const column* from = live_of(live_t, to);
    if (!from) missing("the live column of `" + t.name + "`.`" + to.name + "`");
    const auto* owned = live_.sequence_of(live_t->name, from->name);
    const bool serial = owned && owned->serial;
    const std::string sequence =
        serial ? q_.qualified(sequence_after_renames(*live_t, *from, *owned, t, to)) : std::string();
    const std::string alter = alter_column(t.name, to.name);
    const auto changed = [&](std::uint32_t bit) { return (s.column_changes & bit) != 0; };

    bool default_gone = false;
    // Autoincrement goes before a type change: an identity column must stay an
    // integer type. A SERIAL's sequence goes with its nextval default, as an
    // identity's goes with the identity: a fresh push has none.
    const bool autoincrement_off = changed(column_change::autoincrement) && !to.autoincrement;
    if (autoincrement_off && serial) {
      emit(alter + "DROP DEFAULT", catalog_only());
      emit("DROP SEQUENCE " + sequence, untouched());
    } else if (autoincrement_off) {
      emit(alter + "DROP IDENTITY", catalog_only());
    }
    if (changed(column_change::type) || changed(column_change::enum_type)) {
      if (from->default_sql) {
        emit(alter + "DROP DEFAULT", catalog_only());
        default_gone = true;
      }
      const bool rewrite = from->enum_type || to.enum_type ||
                           converts_through_text(from->type, false, to.type, false) ||
                           retype_rewrites(from->type, to.type);
      emit(alter + "TYPE " + type_of(to) + " USING " + conversion(*from, to), rewrite ? rewrites() : catalog_only());
      if (serial && !autoincrement_off) follow_column_type(sequence, to);
    }
    // NULLs take the default before NOT NULL applies (db::detail::filled_default), in
    // the new type. Identity needs NOT NULL first; DROP NOT NULL needs the identity gone.
    const bool autoincrement_on = changed(column_change::autoincrement) && to.autoincrement;
    if (changed(column_change::nullability) && !to.nullable) {
      if (const std::string* fill = db::detail::filled_default(*from, to))
        emit("UPDATE " + q_.qualified(t.name) + " SET " + q_.name(to.name) + " = " + *fill + " WHERE " +
             q_.name(to.name) + " IS NULL",
             scans(table_lock::row_exclusive));
      set_not_null(t, to, live_.not_null_helper_of(live_t->name, from->name), online_ && !autoincrement_on);
    }
    if (autoincrement_on) {
      if (from->default_sql && !default_gone) emit(alter + "DROP DEFAULT", catalog_only());
      default_gone = true;
      emit(alter + "ADD GENERATED BY DEFAULT AS IDENTITY", catalog_only());
      // Existing rows keep their keys; the sequence continues after the largest
      // one, or at 1 (its minimum) when none is positive. A largest key at the
      // type's maximum leaves no value: the checker refuses that before.
      emit("SELECT setval(pg_get_serial_sequence(" + q_.literal(q_.qualified(t.name)) + ", " +
           q_.literal(to.name) + "), greatest(max(" + q_.name(to.name) + "), 0) + 1, false) FROM " +
               q_.qualified(t.name),
           scans(table_lock::access_share));
    }
    if (changed(column_change::nullability) && to.nullable) emit(alter + "DROP NOT NULL", catalog_only());
    if (to.default_sql && (changed(column_change::default_value) || default_gone))
      emit(alter + "SET DEFAULT " + *to.default_sql, catalog_only());
    else if (!to.default_sql && changed(column_change::default_value) && !default_gone)
      emit(alter + "DROP DEFAULT", catalog_only());
  }

  // SET NOT NULL scans the table under ACCESS EXCLUSIVE, unless a validated
  // CHECK (col IS NOT NULL) proves it (PostgreSQL 12 and later). Online, that
  // helper is added NOT VALID in the transaction (it holds for new rows at
  // once), validated after it under SHARE UPDATE EXCLUSIVE, then NOT NULL set
  // and the helper dropped, each step on its own. `helper`: one a push left.
  void set_not_null(const table& t, const column& to, const catalog_facts::not_null_helper* helper, bool online) {
    const std::string alter = alter_column(t.name, to.name);
    if (!online) {
      emit(alter + "SET NOT NULL", helper && helper->validated ? catalog_only() : scans(table_lock::access_exclusive));
      if (helper) emit(alter_table(t.name) + "DROP CONSTRAINT " + q_.name(helper->name), catalog_only());
      return;
    }
    const std::string name =
        helper ? helper->name : db::detail::generated_name(t.name, {to.name}, not_null_helper_suffix);
    if (!helper)
      emit(alter_table(t.name) + "ADD CONSTRAINT " + q_.name(name) + " CHECK (" + q_.name(to.name) +
           " IS NOT NULL) NOT VALID",
           catalog_only());
    if (!helper || !helper->validated)
      emit(alter_table(t.name) + "VALIDATE CONSTRAINT " + q_.name(name), scans(table_lock::share_update_exclusive),
           statement_phase::after_commit);
    // The validated helper proves NOT NULL: no scan.
    emit(alter + "SET NOT NULL", catalog_only(), statement_phase::after_commit);
    emit(alter_table(t.name) + "DROP CONSTRAINT " + q_.name(name), catalog_only(), statement_phase::after_commit);
  }

  // A SERIAL's sequence keeps its type when the column changes type, so a
  // smallserial widened to integer would still stop at 32767: it takes the
  // column's integer type (ALTER SEQUENCE ... AS keeps its position, and resets
  // its maximum when that was the old type's). An identity's sequence follows
  // ALTER COLUMN ... TYPE by itself.
  void follow_column_type(const std::string& sequence, const column& to) {
    if (integer_range(to.type)) emit("ALTER SEQUENCE " + sequence + " AS " + to.type, untouched());
  }

  void alter_primary_key(const step& s) {
    const table& t = target_table(s.table);
    if (const table* live_t = live_of(t)) {
      if (const std::string* pk = live_.primary_key_name(live_t->name))
        emit(alter_table(t.name) + "DROP CONSTRAINT " + q_.name(*pk), catalog_only());
    }
    // Builds the key's unique index, and sets its columns NOT NULL: reads every row.
    if (!t.primary_key.empty())
      emit(alter_table(t.name) + "ADD " + primary_key(t), scans(table_lock::access_exclusive));
  }

  // Online, on a table that exists: built CONCURRENTLY after the commit (it
  // cannot run in a transaction), under SHARE UPDATE EXCLUSIVE.
  void create_index(const step& s) {
    const table& t = target_table(s.table);
    const index* i = t.find_index(s.object);
    if (!i) missing("the index `" + s.object + "`");
    const bool online = online_for(t);
    std::string sql = std::string(i->unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ") +
                      (online ? "CONCURRENTLY " : "") + q_.name(i->name) + " ON " + q_.qualified(t.name) + " (" +
                      q_.names(i->columns) + ")";
    if (i->where) sql += " WHERE " + *i->where;
    // Building an index reads every row; SHARE lets readers through, not
    // writers. CONCURRENTLY takes SHARE UPDATE EXCLUSIVE: writers go on.
    if (online) return emit(std::move(sql), scans(table_lock::share_update_exclusive), statement_phase::after_commit_outside_transaction);
    emit(std::move(sql), scans(table_lock::share));
  }

  void drop_index(const step& s) {
    const index* i = live_table(s.table).find_index(s.object);
    if (i && i->from_constraint)
      emit(alter_table(s.table) + "DROP CONSTRAINT " + q_.name(s.object), catalog_only());
    else
      emit("DROP INDEX " + q_.qualified(s.object), catalog_only());
  }

  std::string add_constraint(const std::string& table, const foreign_key& fk) const {
    return alter_table(table) + "ADD CONSTRAINT " + q_.name(fk.name) + " FOREIGN KEY (" + q_.names(fk.columns) +
           ") REFERENCES " + q_.qualified(fk.referenced_table) + " (" + q_.names(fk.referenced_columns) +
           ") ON DELETE " + to_string(fk.on_delete) + " ON UPDATE " + to_string(fk.on_update);
  }

  // Online, on a table that exists: added NOT VALID in the transaction (it
  // holds for new rows at once), validated after it under SHARE UPDATE
  // EXCLUSIVE. Added after the commit too, from any table, when the unique
  // index it references is built then (rows may come in between). A NOT VALID
  // key a push left, as the target has it, is only validated.
  void add_foreign_key(const step& s) {
    const table& t = target_table(s.table);
    const foreign_key* fk = t.find_foreign_key(s.object);
    if (!fk) missing("the foreign key `" + s.object + "`");
    const bool later = builds_unique_index_later(target_table(fk->referenced_table), fk->referenced_columns);
    const bool online = online_for(t) || later;
    const auto validate = online ? statement_phase::after_commit : statement_phase::in_transaction;
    const table* live = live_of(t);
    const auto* left = live ? live_.unvalidated(live->name, fk->name) : nullptr;
    if (!left || !(left->key == *fk)) {
      if (!online) return emit(add_constraint(t.name, *fk), adds_foreign_key(t.name, *fk));
      // NOT VALID checks no row: the locks of adding a foreign key, held for a moment.
      auto added = adds_foreign_key(t.name, *fk);
      added.work = table_work::none;
      emit(add_constraint(t.name, *fk) + " NOT VALID", std::move(added),
           later ? statement_phase::after_commit : statement_phase::in_transaction);
    }
    // VALIDATE reads every row under SHARE UPDATE EXCLUSIVE (ROW SHARE on the referenced table).
    auto validated = scans(table_lock::share_update_exclusive);
    if (fk->referenced_table != t.name) {
      validated.referenced_table = fk->referenced_table;
      validated.referenced_lock = table_lock::row_share;
    }
    emit(alter_table(t.name) + "VALIDATE CONSTRAINT " + q_.name(fk->name), std::move(validated), validate);
  }
};


DBPUSH_INLINE std::vector<statement> render(const diff_result& diff, const catalog_facts& live,
                                            const sql_names& names, bool online) {
  return detail::renderer(diff, live, names, online).run();
}

DBPUSH_INLINE std::vector<statement> render_reset(const schema& live, const sql_names& names) {
  std::vector<statement> out;
  std::string tables, types;
  for (const auto& t : live.tables) tables += (tables.empty() ? "" : ", ") + names.qualified(t.name);
  for (const auto& e : live.enums) types += (types.empty() ? "" : ", ") + names.qualified(e.name);
  // One statement for all tables, so foreign keys between them need no order.
  if (!tables.empty()) out.push_back({"DROP TABLE " + tables, statement_kind::change, {}, {}});
  if (!types.empty()) out.push_back({"DROP TYPE " + types, statement_kind::change, {}, {}});
  return out;
}

}  // namespace db::postgres::detail
