// dbpush: definitions for <dbpush/diff/diff.hpp>.
#pragma once

#include <dbpush/diff/diff.hpp>

#include <dbpush/schema/detail/name_index.hpp>

#include <algorithm>
#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace db {
namespace detail {

// One table as it exists on both sides (from == nullptr: created; to == nullptr:
// dropped), with the column correspondence the rest of the differ maps through.
struct table_match {
  explicit table_match(identifier_case rule) : column_to(rule), retyped(rule) {}

  const table* from = nullptr;
  const table* to = nullptr;
  name_index column_to;       // live column name -> position of its target column
  name_set retyped;           // target names of columns whose type changes
  bool primary_key_changed = false;
  std::vector<step> column_steps;  // rename, add, alter, primary key, drop
  // The unique indexes this table loses (positions in from->indexes): a foreign
  // key referencing their columns must be recreated.
  std::vector<std::size_t> dropped_unique;
};

DBPUSH_INLINE std::uint32_t column_changes(const column& a, const column& b) {
  std::uint32_t bits = 0;
  if (a.type != b.type) bits |= column_change::type;
  if (a.nullable != b.nullable) bits |= column_change::nullability;
  if (a.default_sql != b.default_sql) bits |= column_change::default_value;
  if (a.autoincrement != b.autoincrement) bits |= column_change::autoincrement;
  if (a.enum_type != b.enum_type) bits |= column_change::enum_type;
  return bits;
}

DBPUSH_INLINE step make_step(step_kind kind, std::string table, std::string object = {},
                             std::string old_name = {}) {
  step s;
  s.kind = kind;
  s.table = std::move(table);
  s.object = std::move(object);
  s.old_name = std::move(old_name);
  return s;
}

// Which live item each target item is (by position); npos where there is none.
struct pairing {
  std::vector<std::size_t> live_of_target;
  std::vector<bool> live_paired;
};

// Pairs target items with live ones: first by equal name (names compared by
// `rule`), then by the target's renamed_from hint when that live item is
// unclaimed and the hinted name is not itself kept.
template <class T>
pairing pair_by_name_and_hint(const std::vector<T>& live, const std::vector<T>& target, identifier_case rule) {
  name_index live_at(rule), target_names(rule);
  live_at.reserve(live.size());
  target_names.reserve(target.size());
  for (std::size_t i = 0; i < live.size(); ++i) live_at.insert(live[i].name, i);
  for (std::size_t i = 0; i < target.size(); ++i) target_names.insert(target[i].name, i);
  pairing p{std::vector<std::size_t>(target.size(), name_index::npos), std::vector<bool>(live.size(), false)};
  for (std::size_t i = 0; i < target.size(); ++i)
    if (const auto at = live_at.find(target[i].name); at != name_index::npos) {
      p.live_of_target[i] = at;
      p.live_paired[at] = true;
    }
  for (std::size_t i = 0; i < target.size(); ++i) {
    if (!target[i].renamed_from || p.live_of_target[i] != name_index::npos) continue;
    const auto& old = *target[i].renamed_from;
    const auto at = live_at.find(old);
    if (at != name_index::npos && !target_names.contains(old) && !p.live_paired[at]) {
      p.live_of_target[i] = at;
      p.live_paired[at] = true;
    }
  }
  return p;
}

// Whether `name` is the one dbpush generates for an item of `table` over
// `columns`: such a name follows its table and columns through renames, any
// other was chosen by someone.
DBPUSH_INLINE bool is_generated_name(const std::string& name, const std::string& table,
                                     const std::vector<std::string>& columns, std::string_view suffix,
                                     identifier_case rule) {
  return same_identifier(name, generated_name(table, columns, suffix), rule);
}

DBPUSH_INLINE std::string_view suffix_of(const index& i) { return i.unique ? "key" : "idx"; }
DBPUSH_INLINE std::string_view suffix_of(const foreign_key&) { return "fkey"; }

// Live and target items of one table that are one object, and those that are not.
struct item_pairing {
  std::vector<std::size_t> gone;   // positions in live: no target item is them
  std::vector<std::size_t> added;  // positions in target: no live item is them
  std::vector<std::size_t> kept_live, kept_target;  // kept_live[k] is kept_target[k]
};

class differ {
 public:
  // `to` keeps its items, but a kept item may take the name it keeps in the
  // database (see rename_kept).
  differ(const schema& from, schema& to, identifier_case rule)
      : from_(from), to_(to), rule_(rule), by_live_(rule), by_target_(rule), target_index_names_(rule) {}

  std::vector<step> run() {
    match_tables();
    for (auto& m : matches_)
      if (m.from && m.to) diff_columns(m, rule_);
    diff_indexes();
    diff_foreign_keys();
    diff_enums();
    keep_database_names();
    return assemble();
  }

 private:
  void match_tables() {
    const auto pairs = pair_by_name_and_hint(from_.tables, to_.tables, rule_);
    matches_.reserve(from_.tables.size() + to_.tables.size());
    // Target order (parents first) for kept and created tables.
    for (std::size_t i = 0; i < to_.tables.size(); ++i) {
      table_match m(rule_);
      m.to = &to_.tables[i];
      if (pairs.live_of_target[i] != name_index::npos) m.from = &from_.tables[pairs.live_of_target[i]];
      matches_.push_back(std::move(m));
    }
    // Dropped tables children first: the reverse of the live parents-first order.
    for (std::size_t i = from_.tables.size(); i-- > 0;)
      if (!pairs.live_paired[i]) {
        table_match m(rule_);
        m.from = &from_.tables[i];
        matches_.push_back(std::move(m));
      }
    by_live_.reserve(matches_.size());
    by_target_.reserve(matches_.size());
    for (std::size_t i = 0; i < matches_.size(); ++i) {
      if (matches_[i].from) by_live_.insert(matches_[i].from->name, i);
      if (matches_[i].to) by_target_.insert(matches_[i].to->name, i);
    }
  }

  const table_match* match_of(const name_index& by, std::string_view name) const {
    const auto at = by.find(name);
    return at == name_index::npos ? nullptr : &matches_[at];
  }

  static void diff_columns(table_match& m, identifier_case rule) {
    const auto& live_columns = m.from->columns;
    const auto& target_columns = m.to->columns;
    m.column_to.reserve(target_columns.size());
    // The common case (every no-op push): same columns in the same order, same
    // key. Nothing to pair, no steps.
    if (live_columns == target_columns && m.from->primary_key == m.to->primary_key) {
      for (std::size_t i = 0; i < target_columns.size(); ++i) m.column_to.insert(target_columns[i].name, i);
      return;
    }
    const auto pairs = pair_by_name_and_hint(live_columns, target_columns, rule);
    // Alters of columns that leave the primary key run after the key changes:
    // a key column can be neither made nullable nor given a type the key's
    // index cannot hold while the key exists. Every other alter runs before,
    // so the new key's columns hold their final values (NULLs filled) when it
    // is added.
    std::vector<step> renames, adds, alters, alters_after_key, drops;
    for (std::size_t i = 0; i < target_columns.size(); ++i) {
      const column& c = target_columns[i];
      if (pairs.live_of_target[i] == name_index::npos) {
        adds.push_back(make_step(step_kind::add_column, m.to->name, c.name));
        continue;
      }
      const column& live = live_columns[pairs.live_of_target[i]];
      m.column_to.insert(live.name, i);
      if (live.name != c.name)
        renames.push_back(make_step(step_kind::rename_column, m.to->name, c.name, live.name));
      if (auto bits = column_changes(live, c)) {
        auto s = make_step(step_kind::alter_column, m.to->name, c.name);
        s.column_changes = bits;
        const bool leaves_key = contains(m.from->primary_key, live.name) && !contains(m.to->primary_key, c.name);
        (leaves_key ? alters_after_key : alters).push_back(std::move(s));
        if (bits & (column_change::type | column_change::enum_type)) m.retyped.insert(c.name);
      }
    }
    for (std::size_t i = 0; i < live_columns.size(); ++i)
      if (!pairs.live_paired[i]) drops.push_back(make_step(step_kind::drop_column, m.to->name, live_columns[i].name));

    const auto key = in_target_columns(m, m.from->primary_key);
    m.primary_key_changed = !key || *key != m.to->primary_key;
    for (auto* group : {&renames, &adds, &alters}) append(m.column_steps, std::move(*group));
    if (m.primary_key_changed) m.column_steps.push_back(make_step(step_kind::alter_primary_key, m.to->name));
    for (auto* group : {&alters_after_key, &drops}) append(m.column_steps, std::move(*group));
  }

  static bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  }

  // The live columns `live` of `m`, as the target names them; nullopt when one goes away.
  static std::optional<std::vector<std::string>> in_target_columns(const table_match& m,
                                                                   const std::vector<std::string>& live) {
    std::vector<std::string> out;
    out.reserve(live.size());
    for (const auto& c : live) {
      const auto at = m.column_to.find(c);
      if (at == name_index::npos) return std::nullopt;
      out.push_back(m.to->columns[at].name);
    }
    return out;
  }

  static void append(std::vector<step>& to, std::vector<step>&& from) {
    for (auto& s : from) to.push_back(std::move(s));
  }

  // A live index or foreign key is the target item of the same name (names
  // compared by the rule) when their definitions agree (in target spelling);
  // otherwise it may still be a target item of the same definition whose name
  // differs, e.g. a generated name after its table or column was renamed.
  template <class T, class Same>
  item_pairing pair_items(const std::vector<T>& live, const std::vector<T>& target, Same same_definition) const {
    item_pairing out;
    name_index target_at(rule_);
    target_at.reserve(target.size());
    for (std::size_t i = 0; i < target.size(); ++i) target_at.insert(target[i].name, i);
    std::vector<bool> target_kept(target.size(), false);
    std::vector<std::size_t> live_unpaired;
    for (std::size_t l = 0; l < live.size(); ++l) {
      const auto at = target_at.find(live[l].name);
      if (at != name_index::npos && same_definition(live[l], target[at])) {
        target_kept[at] = true;
        out.kept_live.push_back(l);
        out.kept_target.push_back(at);
        continue;
      }
      live_unpaired.push_back(l);
    }
    std::vector<std::size_t> target_unpaired;
    for (std::size_t i = 0; i < target.size(); ++i)
      if (!target_kept[i]) target_unpaired.push_back(i);
    std::vector<bool> taken(target_unpaired.size(), false);
    for (const std::size_t l : live_unpaired) {
      bool paired = false;
      // Unpaired items of one table are few; this scan stays within a table.
      for (std::size_t k = 0; k < target_unpaired.size() && !paired; ++k)
        if (!taken[k] && same_definition(live[l], target[target_unpaired[k]])) {
          taken[k] = true;
          paired = true;
          out.kept_live.push_back(l);
          out.kept_target.push_back(target_unpaired[k]);
        }
      if (!paired) out.gone.push_back(l);
    }
    for (std::size_t k = 0; k < target_unpaired.size(); ++k)
      if (!taken[k]) out.added.push_back(target_unpaired[k]);
    return out;
  }

  // A kept item takes the target's name, spelling included, so that a renamed
  // database ends as a fresh push of the target would make it; except that a
  // name someone chose in the database stays when the target's is only the
  // generated one (an index a DBA named keeps its name), unless the target
  // gives that name to another item. The target then describes the item under
  // the name it keeps, so that a dialect recreating it (a SQLite table
  // redefinition) keeps the name too.
  template <class T>
  void rename_kept(const table_match& m, const std::vector<T>& live, const std::vector<T>& target,
                   const item_pairing& pairs, step_kind kind, std::vector<step>& out) {
    for (std::size_t k = 0; k < pairs.kept_live.size(); ++k) {
      const T& l = live[pairs.kept_live[k]];
      const T& t = target[pairs.kept_target[k]];
      if (l.name == t.name) continue;
      const bool chosen_in_database = !is_generated_name(l.name, m.from->name, l.columns, suffix_of(l), rule_);
      const bool generated_in_target = is_generated_name(t.name, m.to->name, t.columns, suffix_of(t), rule_);
      if (chosen_in_database && generated_in_target && !target_uses(kind, *m.to, l.name)) {
        kept_names_.push_back({static_cast<std::size_t>(m.to - to_.tables.data()),
                               kind == step_kind::rename_foreign_key, pairs.kept_target[k], l.name});
        continue;
      }
      out.push_back(make_step(kind, m.to->name, t.name, l.name));
    }
  }

  // Whether the target names an index of any table (index names share the
  // schema's namespace) or a foreign key of `owner` `name`.
  bool target_uses(step_kind kind, const table& owner, const std::string& name) {
    if (kind == step_kind::rename_foreign_key) {
      for (const auto& fk : owner.foreign_keys)
        if (same_identifier(fk.name, name, rule_)) return true;
      return false;
    }
    if (target_index_names_.size() == 0)
      for (const auto& t : to_.tables)
        for (const auto& i : t.indexes) target_index_names_.insert(i.name);
    return target_index_names_.contains(name);
  }

  // The names rename_kept kept, written into the target (sorted again).
  void keep_database_names() {
    for (const auto& kept : kept_names_) {
      auto& t = to_.tables[kept.table];
      (kept.foreign_key ? t.foreign_keys[kept.item].name : t.indexes[kept.item].name) = kept.name;
    }
    for (const auto& kept : kept_names_) {
      auto& t = to_.tables[kept.table];
      sort_by_name(t.indexes);
      sort_by_name(t.foreign_keys);
    }
  }

  void diff_indexes() {
    for (auto& m : matches_) {
      if (!m.from || !m.to) {
        if (m.to)
          for (const auto& i : m.to->indexes) create_indexes_.push_back(make_step(step_kind::create_index, m.to->name, i.name));
        continue;
      }
      auto same = [&m](const index& live, const index& target) {
        if (live.unique != target.unique || live.where != target.where) return false;
        const auto columns = in_target_columns(m, live.columns);
        return columns && *columns == target.columns;
      };
      const auto pairs = pair_items(m.from->indexes, m.to->indexes, same);
      for (const std::size_t g : pairs.gone) {
        const index& i = m.from->indexes[g];
        drop_indexes_.push_back(make_step(step_kind::drop_index, m.from->name, i.name));
        if (i.unique && !i.where) m.dropped_unique.push_back(g);
      }
      rename_kept(m, m.from->indexes, m.to->indexes, pairs, step_kind::rename_index, rename_indexes_);
      for (const std::size_t a : pairs.added)
        create_indexes_.push_back(make_step(step_kind::create_index, m.to->name, m.to->indexes[a].name));
    }
  }

  // A live foreign key spelt with target names, so it can be compared with a
  // target one; nullopt when a column or the parent it uses goes away.
  std::optional<foreign_key> in_target_spelling(const table_match& m, const foreign_key& live) const {
    const table_match* parent = match_of(by_live_, live.referenced_table);
    if (!parent || !parent->to) return std::nullopt;
    auto columns = in_target_columns(m, live.columns);
    auto referenced = in_target_columns(*parent, live.referenced_columns);
    if (!columns || !referenced) return std::nullopt;
    foreign_key out = live;
    out.referenced_table = parent->to->name;
    out.columns = std::move(*columns);
    out.referenced_columns = std::move(*referenced);
    return out;
  }

  // PostgreSQL cannot retype a column a foreign key uses, nor drop the key or
  // unique index it references, while the constraint exists.
  bool must_recreate(const table& owner, const foreign_key& target) const {
    const table_match& m = *match_of(by_target_, owner.name);
    for (const auto& c : target.columns)
      if (m.retyped.contains(c)) return true;
    const table_match* parent = match_of(by_target_, target.referenced_table);
    if (!parent || !parent->from) return false;
    if (parent->primary_key_changed) return true;
    for (const auto& c : target.referenced_columns)
      if (parent->retyped.contains(c)) return true;
    for (const std::size_t k : parent->dropped_unique)
      if (const auto columns = in_target_columns(*parent, parent->from->indexes[k].columns);
          columns && std::is_permutation(columns->begin(), columns->end(), target.referenced_columns.begin(),
                                         target.referenced_columns.end()))
        return true;
    return false;
  }

  void diff_foreign_keys() {
    for (auto& m : matches_) {
      if (!m.to) continue;
      if (!m.from) {
        for (const auto& f : m.to->foreign_keys) add_fks_.push_back(make_step(step_kind::add_foreign_key, m.to->name, f.name));
        continue;
      }
      auto same = [this, &m](const foreign_key& live, const foreign_key& target) {
        auto mapped = in_target_spelling(m, live);
        if (!mapped) return false;
        mapped->name = target.name;
        return *mapped == target && !must_recreate(*m.to, target);
      };
      const auto pairs = pair_items(m.from->foreign_keys, m.to->foreign_keys, same);
      for (const std::size_t g : pairs.gone)
        drop_fks_.push_back(make_step(step_kind::drop_foreign_key, m.from->name, m.from->foreign_keys[g].name));
      rename_kept(m, m.from->foreign_keys, m.to->foreign_keys, pairs, step_kind::rename_foreign_key, rename_fks_);
      for (const std::size_t a : pairs.added)
        add_fks_.push_back(make_step(step_kind::add_foreign_key, m.to->name, m.to->foreign_keys[a].name));
    }
  }

  void diff_enums() {
    const by_name<enum_type> live_by_name(from_.enums);
    name_set kept;
    for (const auto& e : to_.enums) {
      const enum_type* live = live_by_name.find(e.name);
      if (!live) {
        enum_steps_.push_back(make_step(step_kind::create_enum, {}, e.name));
        continue;
      }
      kept.insert(e.name);
      if (live->values != e.values) enum_steps_.push_back(alter_enum(*live, e));
    }
    for (const auto& e : from_.enums)
      if (!kept.contains(e.name)) drop_enums_.push_back(make_step(step_kind::drop_enum, {}, e.name));
  }

  static step alter_enum(const enum_type& live, const enum_type& target) {
    const name_set live_values(live.values), target_values(target.values);
    auto s = make_step(step_kind::alter_enum, {}, target.name);
    std::vector<std::string> kept_live_order, kept_target_order;
    for (const auto& v : target.values) {
      if (live_values.contains(v)) kept_target_order.push_back(v);
      else s.values_added.push_back(v);
    }
    for (const auto& v : live.values) {
      if (target_values.contains(v)) kept_live_order.push_back(v);
      else s.values_removed.push_back(v);
    }
    s.enum_reordered = kept_live_order != kept_target_order;
    return s;
  }

  std::vector<step> assemble() {
    std::vector<step> out;
    append(out, std::move(drop_fks_));
    // Dropped tables go before any change to the tables they reference: their
    // foreign keys may need a key, unique index or column the push changes or
    // drops (a kept table's foreign key to them went first).
    for (const auto& m : matches_)
      if (!m.to) out.push_back(make_step(step_kind::drop_table, m.from->name));
    // Index drops go before enum changes: a dialect recreating an enum rebuilds
    // every index over its columns, and a dropped index's predicate may name a
    // value the enum loses. A recreated enum converts only the columns of
    // tables no earlier step dropped.
    append(out, std::move(drop_indexes_));
    append(out, std::move(enum_steps_));
    for (const auto& m : matches_)
      if (m.from && m.to && m.from->name != m.to->name)
        out.push_back(make_step(step_kind::rename_table, m.to->name, {}, m.from->name));
    for (const auto& m : matches_)
      if (!m.from) out.push_back(make_step(step_kind::create_table, m.to->name));
    for (auto& m : matches_) append(out, std::move(m.column_steps));
    append(out, std::move(drop_enums_));
    append(out, std::move(rename_indexes_));
    append(out, std::move(rename_fks_));
    append(out, std::move(create_indexes_));
    append(out, std::move(add_fks_));
    return out;
  }

  const schema& from_;
  schema& to_;
  identifier_case rule_;
  std::vector<table_match> matches_;  // target order, then dropped tables children first
  name_index by_live_, by_target_;    // table name -> position in matches_
  name_set target_index_names_;       // built on the first kept name that needs it
  // A target index or foreign key that keeps its database name.
  struct kept_name {
    std::size_t table;  // in to_.tables
    bool foreign_key;   // else an index
    std::size_t item;   // in the table's indexes or foreign_keys
    std::string name;
  };
  std::vector<kept_name> kept_names_;
  std::vector<step> drop_fks_, drop_indexes_, enum_steps_, drop_enums_, rename_indexes_, rename_fks_,
      create_indexes_, add_fks_;
};

DBPUSH_INLINE void remove_ignored(schema& s, const std::vector<std::string>& ignored, identifier_case rule) {
  if (ignored.empty()) return;
  const name_set names(ignored, rule);
  std::vector<table> kept;
  kept.reserve(s.tables.size());
  for (auto& t : s.tables)
    if (!names.contains(t.name)) kept.push_back(std::move(t));
  s.tables = std::move(kept);
}

DBPUSH_INLINE std::string backticked(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "`" : ", `") + n + "`";
  return out;
}

DBPUSH_INLINE std::string describe_column_changes(std::uint32_t bits) {
  static constexpr std::pair<std::uint32_t, const char*> labels[] = {
      {column_change::type, "type"},
      {column_change::nullability, "nullability"},
      {column_change::default_value, "default"},
      {column_change::autoincrement, "autoincrement"},
      {column_change::enum_type, "enum type"}};
  std::string out;
  for (const auto& [bit, label] : labels)
    if (bits & bit) out += (out.empty() ? "" : ", ") + std::string(label);
  return out;
}

}  // namespace detail

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
    case step_kind::rename_index: return "rename_index";
    case step_kind::rename_foreign_key: return "rename_foreign_key";
  }
  return "unknown";
}

DBPUSH_INLINE std::string step::describe() const {
  const std::string t = "`" + table + "`";
  const std::string o = "`" + object + "`";
  switch (kind) {
    case step_kind::create_enum: return "Created enum " + o;
    case step_kind::alter_enum: {
      std::vector<std::string> parts;
      if (!values_added.empty()) parts.push_back("added " + detail::backticked(values_added));
      if (!values_removed.empty()) parts.push_back("removed " + detail::backticked(values_removed));
      if (enum_reordered) parts.push_back("reordered values");
      std::string out = "Altered enum " + o;
      for (std::size_t i = 0; i < parts.size(); ++i) out += (i == 0 ? ": " : "; ") + parts[i];
      return out;
    }
    case step_kind::drop_enum: return "Dropped enum " + o;
    case step_kind::create_table: return "Created table " + t;
    case step_kind::drop_table: return "Dropped table " + t;
    case step_kind::rename_table: return "Renamed table `" + old_name + "` to " + t;
    case step_kind::add_column: return "Added column " + o + " to table " + t;
    case step_kind::drop_column: return "Dropped column " + o + " from table " + t;
    case step_kind::rename_column: return "Renamed column `" + old_name + "` to " + o + " in table " + t;
    case step_kind::alter_column:
      return "Altered column " + o + " in table " + t + " (" + detail::describe_column_changes(column_changes) + ")";
    case step_kind::alter_primary_key: return "Changed the primary key of table " + t;
    case step_kind::create_index: return "Created index " + o + " on table " + t;
    case step_kind::drop_index: return "Dropped index " + o + " on table " + t;
    case step_kind::add_foreign_key: return "Added foreign key " + o + " on table " + t;
    case step_kind::drop_foreign_key: return "Dropped foreign key " + o + " on table " + t;
    case step_kind::rename_index: return "Renamed index `" + old_name + "` to " + o + " on table " + t;
    case step_kind::rename_foreign_key: return "Renamed foreign key `" + old_name + "` to " + o + " on table " + t;
  }
  return to_string(kind);
}

DBPUSH_INLINE diff_result diff(schema from, schema to, const diff_options& options) {
  normalise(from);
  normalise(to);
  return detail::diff_normalised(std::move(from), std::move(to), options);
}

DBPUSH_INLINE diff_result detail::diff_normalised(schema from, schema to, const diff_options& options) {
  assert(normalise_changes_nothing(from) && normalise_changes_nothing(to));
  remove_ignored(from, options.ignore_tables, options.names);
  remove_ignored(to, options.ignore_tables, options.names);
  diff_result result{std::move(from), std::move(to), {}};
  result.steps = differ(result.from, result.to, options.names).run();
  return result;
}

}  // namespace db
