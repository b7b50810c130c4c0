// dbpush: definitions for <dbpush/check/check.hpp>.
#pragma once

#include <dbpush/check/check.hpp>
#include <dbpush/schema/detail/name_index.hpp>

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace db {
namespace detail {

// Probes must name what exists before any step runs, while steps name most
// objects as the target does: this maps between the two through the renames.
// The diff_result must outlive it.
class live_names {
 public:
  explicit live_names(const diff_result& d) : live_(d.from.tables), target_(d.to.tables), steps_(d.steps) {
    for (std::size_t i = 0; i < d.steps.size(); ++i) {
      const step& s = d.steps[i];
      if (s.kind == step_kind::rename_table) {
        live_table_of_.insert(s.table, i);
        target_table_of_.insert(s.old_name, i);
      } else if (s.kind == step_kind::rename_column) {
        live_column_of_.insert(s.table, s.object, i);
        target_column_of_.insert(s.table, s.old_name, i);
      }
    }
  }

  // The live table a target table name refers to; nullptr when it is created.
  const db::table* live_table(const std::string& target_table) const {
    const auto renamed = live_table_of_.find(target_table);
    return live_.find(renamed == name_index::npos ? std::string_view(target_table) : steps_[renamed].old_name);
  }

  const db::table* target_table(const std::string& name) const { return target_.find(name); }

  // The live name of a target column; nullopt when the column is added.
  std::optional<std::string> live_column(const std::string& target_table, const std::string& column) const {
    const db::table* t = live_table(target_table);
    if (!t) return std::nullopt;
    const auto renamed = live_column_of_.find(target_table, column);
    const std::string& name = renamed == name_index::npos ? column : steps_[renamed].old_name;
    if (!t->find_column(name)) return std::nullopt;
    return name;
  }

  // The target column a live one becomes; nullptr when its table or it goes.
  const db::column* target_column(const db::table& live, const std::string& column) const {
    const auto renamed_table = target_table_of_.find(live.name);
    const db::table* target =
        target_.find(renamed_table == name_index::npos ? std::string_view(live.name) : steps_[renamed_table].table);
    if (!target || live_table(target->name) != &live) return nullptr;
    const auto renamed = target_column_of_.find(target->name, column);
    return target->find_column(renamed == name_index::npos ? column : steps_[renamed].object);
  }

 private:
  by_name<db::table> live_, target_;  // large schemas make many lookups
  const std::vector<step>& steps_;
  // Name -> position in steps_ of the rename that names it.
  name_index live_table_of_, target_table_of_;
  column_name_index live_column_of_, target_column_of_;
};

// The rule a question applies to its answers; each has one message.
enum class finding_rule {
  table_not_empty,        // drop table: rows
  column_has_values,      // drop column: non-NULL values
  risky_cast,             // non-NULL values
  uncastable,             // failed casts, non-NULL values
  sequence_out_of_range,  // 1 when the column's sequence cannot take the new type
  autoincrement_at_maximum,  // 1 when a column made autoincrement holds its type's largest value
  not_enum_values,        // non-NULL values, values that are enum values
  required_column_added,  // rows
  made_required,          // NULLs (no default to fill them)
  filled,                 // NULLs set to the default
  duplicate_key,          // duplicate rows
  null_key,               // rows with a NULL key column
  orphans,                // orphan rows
  enum_value_in_use,      // rows holding the value
};

// A question to the live data about one step: the rule that turns its
// answers into a finding, its probes, and what the message names.
struct question {
  finding_rule rule{};
  std::size_t step_index = 0;
  std::vector<probe> probes;
  // Message context, named as the user's models name things.
  std::string table;
  std::string column;
  std::string subject;  // index, foreign key or enum name
  std::string from_type, to_type;
  std::string other;    // parent table, enum value, key column list, default
  // Keys: the constraint exists before the push (only its values change), and
  // how the push changes the key's values; empty when it does not.
  bool kept = false;
  std::string changes;
};

DBPUSH_INLINE probe make_probe(probe_kind kind, std::string table, std::vector<std::string> columns = {}) {
  probe p;
  p.kind = kind;
  p.table = std::move(table);
  p.columns = std::move(columns);
  return p;
}

class question_planner {
 public:
  question_planner(const diff_result& d, const check_rules& rules) : diff_(d), rules_(rules), names_(d) {}

  std::vector<question> run() {
    for (std::size_t i = 0; i < diff_.steps.size(); ++i) {
      at_step(i);
      switch (step_->kind) {
        case step_kind::drop_table: drop_table(); break;
        case step_kind::drop_column: drop_column(); break;
        case step_kind::add_column: add_column(); break;
        case step_kind::alter_column: alter_column(); break;
        case step_kind::alter_primary_key: new_primary_key(); break;
        case step_kind::create_index: create_index(); break;
        case step_kind::add_foreign_key: add_foreign_key(); break;
        case step_kind::alter_enum: alter_enum(); break;
        default: break;
      }
    }
    kept_keys();
    return std::move(questions_);
  }

 private:
  void at_step(std::size_t i) {
    index_ = i;
    step_ = &diff_.steps[i];
  }

  question& add(finding_rule rule, std::vector<probe> probes) {
    question c;
    c.rule = rule;
    c.step_index = index_;
    c.probes = std::move(probes);
    c.table = step_->table;
    return questions_.emplace_back(std::move(c));
  }

  void drop_table() { add(finding_rule::table_not_empty, {make_probe(probe_kind::row_count, step_->table)}); }

  void drop_column() {
    const auto* live = names_.live_table(step_->table);
    add(finding_rule::column_has_values, {make_probe(probe_kind::non_null_count, live->name, {step_->object})})
        .column = step_->object;
  }

  const column& target_column() const { return *names_.target_table(step_->table)->find_column(step_->object); }

  void add_column() {
    const column& c = target_column();
    if (c.nullable || c.default_sql || c.autoincrement) return;
    add(finding_rule::required_column_added, {make_probe(probe_kind::row_count, names_.live_table(step_->table)->name)})
        .column = c.name;
  }

  void alter_column() {
    const column& target = target_column();
    const auto live_name = *names_.live_column(step_->table, step_->object);
    const db::table& live_table = *names_.live_table(step_->table);
    const column& live = *live_table.find_column(live_name);
    const auto bits = step_->column_changes;

    if ((bits & column_change::enum_type) && target.enum_type) {
      cast_into_enum(live_table.name, live, target);
    } else if (bits & column_change::type) {
      cast_type(live_table.name, live, target);
    }
    if ((bits & column_change::autoincrement) && target.autoincrement && !live.autoincrement) {
      auto p = make_probe(probe_kind::autoincrement_at_maximum, live_table.name, {live.name});
      p.key = {value_of(*names_.target_table(step_->table), target.name)};
      auto& c = add(finding_rule::autoincrement_at_maximum, {std::move(p)});
      c.column = target.name;
      c.to_type = target.type;
    }
    if ((bits & column_change::nullability) && !target.nullable) {
      const std::string* fill = filled_default(live, target);
      auto& c = add(fill ? finding_rule::filled : finding_rule::made_required,
                    {make_probe(probe_kind::null_count, live_table.name, {live.name})});
      c.column = target.name;
      if (fill) c.other = *fill;
    }
    // Keys over a column whose values change are judged again after the steps.
    if (changes_values(value_of(*names_.target_table(step_->table), target.name)) &&
        changed_columns_.insert(step_->table, target.name, index_) && changed_tables_.insert(step_->table))
      changed_table_steps_.push_back(index_);
  }

  void cast_into_enum(const std::string& live_table, const column& live, const column& target) {
    const auto* e = diff_.to.find_enum(*target.enum_type);
    auto in_enum = make_probe(probe_kind::enum_value_count, live_table, {live.name});
    if (e) in_enum.values = e->values;
    auto& c = add(finding_rule::not_enum_values,
                  {make_probe(probe_kind::non_null_count, live_table, {live.name}), std::move(in_enum)});
    c.column = target.name;
    c.subject = *target.enum_type;
  }

  // Without dialect knowledge every type change may alter values.
  cast_class classify(const std::string& from, const std::string& to) const {
    return rules_.classify_cast ? rules_.classify_cast(from, to) : cast_class::risky;
  }

  void cast_type(const std::string& live_table, const column& live, const column& target) {
    const auto cls = classify(live.type, target.type);
    if (cls == cast_class::safe) return;
    std::vector<probe> probes;
    if (cls == cast_class::not_castable) {
      auto failures = make_probe(probe_kind::cast_failure_count, live_table, {live.name});
      failures.source_type = live.type;
      failures.target_type = target.type;
      probes.push_back(std::move(failures));
    }
    probes.push_back(make_probe(probe_kind::non_null_count, live_table, {live.name}));
    auto& c = add(cls == cast_class::risky ? finding_rule::risky_cast : finding_rule::uncastable, std::move(probes));
    c.column = target.name;
    c.from_type = live.type;
    c.to_type = target.type;
    if (live.autoincrement) sequence_follows(live_table, live, target);
  }

  // The sequence of an autoincrement column changes type with it (PostgreSQL):
  // one that has gone past the new type's range cannot.
  void sequence_follows(const std::string& live_table, const column& live, const column& target) {
    auto p = make_probe(probe_kind::sequence_out_of_range, live_table, {live.name});
    p.source_type = live.type;
    p.target_type = target.type;
    auto& c = add(finding_rule::sequence_out_of_range, {std::move(p)});
    c.column = target.name;
    c.from_type = live.type;
    c.to_type = target.type;
  }

  // ---- keys, judged on the values the push leaves --------------------------

  // What column `name` of target table `target` holds after the push.
  column_value value_of(const db::table& target, const std::string& name) const {
    column_value v;
    const column* c = target.find_column(name);
    if (!c) {  // an invalid target; validate_target refuses it before any probe
      v.column = name;
      return v;
    }
    v.to_type = c->type;
    v.to_enum = c->enum_type.has_value();
    const auto live_name = names_.live_column(target.name, name);
    if (!live_name) {
      v.fill = c->default_sql;
      return v;
    }
    const column& live = *names_.live_table(target.name)->find_column(*live_name);
    v.column = *live_name;
    v.from_type = live.type;
    v.from_enum = live.enum_type.has_value();
    if (const std::string* fill = filled_default(live, *c)) v.fill = *fill;
    return v;
  }

  // Values a key cannot be judged on: an added column without default holds
  // NULL (never a duplicate, never an orphan), an added identity numbers the
  // rows in an order the probes do not know.
  static bool unknowable_or_null(const db::table& target, const std::string& name, const column_value& v) {
    if (!v.column.empty()) return false;
    const column* c = target.find_column(name);
    return !v.fill || (c && c->autoincrement);
  }

  // Whether the push changes the values of the column: an added column, filled
  // NULLs, or a cast that may alter values (an enum's labels keep their text).
  bool changes_values(const column_value& v) const {
    if (v.column.empty() || v.fill) return true;
    if (!v.converts() || v.to_enum) return false;
    return classify(v.from_type, v.to_type) != cast_class::safe;
  }

  // "`x` is cast from `A` to `B` and takes its default `0` where it is NULL";
  // `name` is the column as the message shows it, in backticks; `c` is the
  // column in the target (nullptr in an invalid one).
  std::string change_of(const std::string& name, const column* c, const column_value& v) const {
    if (v.column.empty()) {
      if (v.fill) return "the new column " + name + " takes its default `" + *v.fill + "` in every row";
      if (c && c->autoincrement)
        return "the new autoincrement column " + name + " numbers its rows, in an order not known before the push";
      return "the new column " + name + " is NULL in every row";
    }
    std::string out;
    if (v.converts() && !v.to_enum && classify(v.from_type, v.to_type) != cast_class::safe)
      out = "is cast from `" + v.from_type + "` to `" + v.to_type + "`";
    if (v.fill) out += (out.empty() ? "" : " and ") + std::string("takes its default `") + *v.fill + "` where it is NULL";
    return out.empty() ? out : name + " " + out;
  }

  // How the push changes the values of a key (`names` of target table `owner`
  // and their `values`); `other_table`: the message names the table too ("`p`.`k`").
  std::string changes_of(const db::table& owner, const std::vector<std::string>& names,
                         const std::vector<column_value>& values, std::string out = {},
                         bool other_table = false) const {
    for (std::size_t i = 0; i < names.size() && i < values.size(); ++i) {
      if (!changes_values(values[i])) continue;
      const std::string change = change_of((other_table ? "`" + owner.name + "`." : "") + "`" + names[i] + "`",
                                           owner.find_column(names[i]), values[i]);
      if (!change.empty()) out += (out.empty() ? "" : " and ") + change;
    }
    return out;
  }

  // Duplicates of a unique key over the values the push leaves.
  void unique_key(const db::table& target, const std::vector<std::string>& columns, const std::string& subject,
                  bool kept) {
    const db::table* live = names_.live_table(target.name);
    if (!live) return;
    std::vector<column_value> key;
    for (const auto& name : columns) {
      auto v = value_of(target, name);
      if (unknowable_or_null(target, name, v)) return;
      key.push_back(std::move(v));
    }
    auto p = make_probe(probe_kind::duplicate_count, live->name);
    p.key = std::move(key);
    auto& c = add(finding_rule::duplicate_key, {p});
    c.subject = subject;
    c.other = backticked(columns);
    c.kept = kept;
    c.changes = changes_of(target, columns, p.key);
  }

  void new_primary_key() {
    const db::table& target = *names_.target_table(step_->table);
    if (target.primary_key.empty()) return;
    unique_key(target, target.primary_key, {}, false);
    // A key column is NULL after the push only where it is NULL now and no
    // default fills it: a cast turns no value into NULL (one it fails on is
    // refused as a failed cast, not counted here), so the live column is read
    // as it is. Added columns hold their default (never NULL) or make the step
    // refused as a required column added without one.
    std::vector<std::string> names;
    std::vector<column_value> key;
    for (const auto& name : target.primary_key) {
      auto v = value_of(target, name);
      if (v.column.empty() || v.fill) continue;
      v.to_type = v.from_type;
      v.to_enum = v.from_enum;
      names.push_back(name);
      key.push_back(std::move(v));
    }
    if (key.empty()) return;
    auto p = make_probe(probe_kind::null_key_count, names_.live_table(target.name)->name);
    p.key = std::move(key);
    auto& c = add(finding_rule::null_key, {p});
    c.other = backticked(target.primary_key);
    c.changes = changes_of(target, names, p.key);
  }

  void create_index() {
    const db::table& target = *names_.target_table(step_->table);
    const index& i = *target.find_index(step_->object);
    // A partial index only constrains the rows its predicate selects, which the
    // probes cannot express: the database itself refuses, inside the transaction.
    if (!i.unique || i.where) return;
    unique_key(target, i.columns, i.name, false);
  }

  void add_foreign_key() {
    const db::table& target = *names_.target_table(step_->table);
    foreign_key_orphans(target, *target.find_foreign_key(step_->object), false);
  }

  // Child rows whose key, as the push leaves it, matches no parent row as the
  // push leaves it.
  void foreign_key_orphans(const db::table& target, const foreign_key& fk, bool kept) {
    const db::table* live = names_.live_table(target.name);
    if (!live) return;
    auto p = make_probe(probe_kind::orphan_count, live->name);
    for (const auto& name : fk.columns) {
      auto v = value_of(target, name);
      if (unknowable_or_null(target, name, v)) return;
      p.key.push_back(std::move(v));
    }
    std::string changes = changes_of(target, fk.columns, p.key);
    if (const db::table* parent_live = names_.live_table(fk.referenced_table)) {
      // A parent column the push adds without a default holds NULL, which no
      // child key matches; so does one it adds as an identity: which row gets
      // which number is not known before the push, so no child value can be
      // trusted to find its row.
      const db::table& parent = *names_.target_table(fk.referenced_table);
      p.referenced_table = parent_live->name;
      for (const auto& name : fk.referenced_columns) p.referenced_key.push_back(value_of(parent, name));
      changes = changes_of(parent, fk.referenced_columns, p.referenced_key, std::move(changes), true);
    } else if (!names_.target_table(fk.referenced_table)) {
      // A parent dbpush does not manage (ignore_tables): read as it is.
      p.referenced_table = fk.referenced_table;
      for (const auto& name : fk.referenced_columns) p.referenced_key.push_back(column_value{name, {}, {}, false, false, {}});
    }  // else the push creates the parent: it has no rows.
    auto& c = add(finding_rule::orphans, {p});
    c.subject = fk.name;
    c.other = fk.referenced_table;
    c.kept = kept;
    c.changes = std::move(changes);
  }

  // Constraints the push keeps over columns whose values it changes (filled
  // NULLs, casts). A kept foreign key whose parent column changes needs no
  // probe: the differ re-adds a foreign key over a re-typed column (probed as
  // added), and filling a parent's NULLs only adds parent values.
  void kept_keys() {
    if (changed_table_steps_.empty()) return;
    db::detail::column_name_index created;  // (table, index or foreign key name) the push creates
    db::detail::name_set new_keys;          // tables whose primary key the push sets
    for (const auto& s : diff_.steps) {
      if (s.kind == step_kind::create_index || s.kind == step_kind::add_foreign_key) created.insert(s.table, s.object, 0);
      if (s.kind == step_kind::alter_primary_key) new_keys.insert(s.table);
    }
    for (const std::size_t first : changed_table_steps_) {
      const std::string& name = diff_.steps[first].table;
      const db::table& target = *names_.target_table(name);
      // The step that changes the first column of `columns` the push changes; npos when none.
      auto changed_at = [&](const std::vector<std::string>& columns) {
        std::size_t at = name_index::npos;
        for (const auto& c : columns) at = std::min(at, changed_columns_.find(name, c));
        return at;
      };
      auto judge_at = [&](std::size_t at) {
        if (at == name_index::npos) return false;
        at_step(at);
        return true;
      };
      if (!new_keys.contains(name) && judge_at(changed_at(target.primary_key)))
        unique_key(target, target.primary_key, {}, true);
      for (const auto& i : target.indexes)
        if (i.unique && !i.where && !created.contains(name, i.name) && judge_at(changed_at(i.columns)))
          unique_key(target, i.columns, i.name, true);
      for (const auto& fk : target.foreign_keys)
        if (!created.contains(name, fk.name) && judge_at(changed_at(fk.columns))) foreign_key_orphans(target, fk, true);
    }
  }

  void alter_enum() {
    if (step_->values_removed.empty()) return;
    for (const auto& live_table : diff_.from.tables)
      for (const auto& live : live_table.columns) {
        if (live.enum_type != step_->object) continue;
        const column* target = names_.target_column(live_table, live.name);
        if (!target || target->enum_type != step_->object) continue;
        for (const auto& value : step_->values_removed) {
          auto p = make_probe(probe_kind::enum_value_count, live_table.name, {live.name});
          p.values = {value};
          auto& c = add(finding_rule::enum_value_in_use, {std::move(p)});
          c.table = live_table.name;
          c.column = live.name;
          c.subject = step_->object;
          c.other = value;
        }
      }
  }

  const diff_result& diff_;
  const check_rules& rules_;
  live_names names_;
  const step* step_ = nullptr;
  std::size_t index_ = 0;
  std::vector<question> questions_;
  // Columns whose values the push changes: (target table, column) -> their alter_column step.
  db::detail::column_name_index changed_columns_;
  db::detail::name_set changed_tables_;
  std::vector<std::size_t> changed_table_steps_;  // the first such step of each table, in step order
};

DBPUSH_INLINE std::string counted(std::int64_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// "3 rows have" / "1 row has".
DBPUSH_INLINE std::string rows_verb(std::int64_t n, const std::string& singular, const std::string& plural) {
  return counted(n, "row") + " " + (n == 1 ? singular : plural);
}

DBPUSH_INLINE std::string key_name(const question& c) {
  return c.subject.empty() ? "The primary key of table `" + c.table + "` (columns " + c.other + ")"
                           : "A unique index `" + c.subject + "` on table `" + c.table + "` (columns " + c.other + ")";
}

DBPUSH_INLINE std::string key_subject(const question& c) {
  return key_name(c) + (c.kept ? " cannot be kept: " : " cannot be created: ");
}

// What `n` rows of a key do: "have duplicate values." over the live values;
// "would have duplicate values once `x` is cast from `A` to `B`." over the
// values the push changes.
DBPUSH_INLINE std::string rows_of_key(const question& c, std::int64_t n, const std::string& singular,
                                      const std::string& plural, const std::string& rest) {
  if (c.changes.empty()) return rows_verb(n, singular, plural) + " " + rest + ".";
  return counted(n, "row") + " would " + plural + " " + rest + " once " + c.changes + ".";
}

DBPUSH_INLINE std::string risky_cast_message(const question& c, std::int64_t non_null) {
  return "You are about to alter the column `" + c.column + "` on the `" + c.table + "` table, which contains " +
         counted(non_null, "non-null value") + ". The data in that column will be cast from `" + c.from_type +
         "` to `" + c.to_type + "`.";
}

// Appends the finding of check c to findings, if its answers show one.
DBPUSH_INLINE void judge(const question& c, std::vector<finding>& findings) {
  auto answer = [&c](std::size_t i) { return c.probes.at(i).count; };
  finding f;
  f.step_index = c.step_index;
  f.table = c.table;
  f.column = c.column;
  auto report = [&f, &findings](finding_kind kind, std::int64_t count, std::string message) {
    if (count <= 0) return;
    f.kind = kind;
    f.count = count;
    f.message = std::move(message);
    findings.push_back(std::move(f));
  };
  const auto warning = finding_kind::warning;
  const auto unexecutable = finding_kind::unexecutable;
  switch (c.rule) {
    case finding_rule::table_not_empty:
      return report(warning, answer(0), "You are about to drop the `" + c.table + "` table, which is not empty (" +
                                            counted(answer(0), "row") + ").");
    case finding_rule::column_has_values:
      return report(warning, answer(0), "You are about to drop the column `" + c.column + "` on the `" + c.table +
                                            "` table, which still contains " +
                                            counted(answer(0), "non-null value") + ".");
    case finding_rule::risky_cast: return report(warning, answer(0), risky_cast_message(c, answer(0)));
    case finding_rule::uncastable:
      if (answer(0) > 0)
        return report(unexecutable, answer(0),
                      "Changed the type of `" + c.column + "` on the `" + c.table + "` table from `" + c.from_type +
                          "` to `" + c.to_type + "`, but " + counted(answer(0), "non-null value") +
                          " cannot be cast. It is not possible to execute this step.");
      return report(warning, answer(1), risky_cast_message(c, answer(1)));
    case finding_rule::sequence_out_of_range:
      return report(unexecutable, answer(0),
                    "Changed the type of `" + c.column + "` on the `" + c.table + "` table from `" + c.from_type +
                        "` to `" + c.to_type + "`, but its sequence has already reached a value beyond the range of `" +
                        c.to_type + "`. It is not possible to execute this step.");
    case finding_rule::autoincrement_at_maximum:
      return report(unexecutable, answer(0),
                    "Made the column `" + c.column + "` on the `" + c.table +
                        "` table autoincrement, but it already holds the largest value of `" + c.to_type +
                        "`: its sequence could not continue after it. It is not possible to execute this step.");
    case finding_rule::not_enum_values: {
      const auto outside = answer(0) - answer(1);
      return report(unexecutable, outside,
                    "Changed the column `" + c.column + "` on the `" + c.table + "` table to the enum `" + c.subject +
                        "`, but " + counted(outside, "non-null value") + " " + (outside == 1 ? "is" : "are") +
                        " not a value of `" + c.subject + "`.");
    }
    case finding_rule::required_column_added:
      return report(unexecutable, answer(0),
                    "Added the required column `" + c.column + "` to the `" + c.table +
                        "` table without a default value. There " + (answer(0) == 1 ? "is " : "are ") +
                        counted(answer(0), "row") + " in this table, it is not possible to execute this step.");
    case finding_rule::made_required:
      return report(unexecutable, answer(0),
                    "Made the column `" + c.column + "` on table `" + c.table + "` required, but there " +
                        (answer(0) == 1 ? "is " : "are ") + counted(answer(0), "existing NULL value") +
                        ". Fill the NULL values first, or declare a default value for the column so the push fills "
                        "them.");
    case finding_rule::filled:
      return report(finding_kind::fill, answer(0),
                    "Filled the " + counted(answer(0), "NULL value") + " of the column `" + c.column + "` on the `" +
                        c.table + "` table with its default `" + c.other + "`, as the column is now required.");
    case finding_rule::duplicate_key:
      return report(unexecutable, answer(0), key_subject(c) + rows_of_key(c, answer(0), "has", "have", "duplicate values"));
    case finding_rule::null_key:
      return report(unexecutable, answer(0),
                    key_subject(c) + rows_of_key(c, answer(0), "has", "have", "NULL values in its columns"));
    case finding_rule::orphans: {
      const auto orphans = answer(0);
      const std::string head = "The foreign key `" + c.subject + "` on table `" + c.table + "` cannot be " +
                               (c.kept ? "kept: " : "added: ") + counted(orphans, "row") + " of `" + c.table + "` ";
      if (c.changes.empty())
        return report(unexecutable, orphans,
                      head + (orphans == 1 ? "references" : "reference") + " no row of `" + c.other + "`.");
      return report(unexecutable, orphans,
                    head + "would reference no row of `" + c.other + "` once " + c.changes + ".");
    }
    case finding_rule::enum_value_in_use:
      return report(unexecutable, answer(0),
                    "Removed the value `" + c.other + "` from enum `" + c.subject + "`, but " +
                        counted(answer(0), "row") + " of `" + c.table + "`.`" + c.column + "` still " +
                        (answer(0) == 1 ? "uses" : "use") + " it.");
  }
}

// The finding check c raises if the data trips it, worded without counts
// (count 0): what db::assess_without_data reports.
DBPUSH_INLINE finding judge_without_data(const question& c) {
  finding f;
  f.step_index = c.step_index;
  f.table = c.table;
  f.column = c.column;
  f.kind = finding_kind::unexecutable;
  const std::string refused = ": a push refuses it if ";
  const std::string once = c.changes.empty() ? "" : " once " + c.changes;
  const std::string column_on = "the column `" + c.column + "` on the `" + c.table + "` table";
  const std::string cast = "You are about to alter " + column_on + ". The data in that column will be cast from `" +
                           c.from_type + "` to `" + c.to_type + "`";
  switch (c.rule) {
    case finding_rule::table_not_empty:
      f.kind = finding_kind::warning;
      f.message = "You are about to drop the `" + c.table + "` table: the rows it holds will be lost.";
      break;
    case finding_rule::column_has_values:
      f.kind = finding_kind::warning;
      f.message = "You are about to drop " + column_on + ": the values it holds will be lost.";
      break;
    case finding_rule::risky_cast:
      f.kind = finding_kind::warning;
      f.message = cast + ".";
      break;
    case finding_rule::uncastable:
      f.kind = finding_kind::warning;
      f.message = cast + "; a push refuses it if some values cannot be cast.";
      break;
    case finding_rule::sequence_out_of_range:
      f.message = "Changed the type of `" + c.column + "` on the `" + c.table + "` table from `" + c.from_type +
                  "` to `" + c.to_type + "`" + refused + "its sequence has gone beyond the range of `" + c.to_type + "`.";
      break;
    case finding_rule::autoincrement_at_maximum:
      f.message = "Made " + column_on + " autoincrement" + refused + "it holds the largest value of `" + c.to_type + "`.";
      break;
    case finding_rule::not_enum_values:
      f.message = "Changed " + column_on + " to the enum `" + c.subject + "`" + refused + "some values are not values of `" +
                  c.subject + "`.";
      break;
    case finding_rule::required_column_added:
      f.message = "Added the required column `" + c.column + "` to the `" + c.table + "` table without a default value" +
                  refused + "the table has rows. Declare a default value, or make the column optional.";
      break;
    case finding_rule::made_required:
      f.message = "Made the column `" + c.column + "` on table `" + c.table + "` required" + refused +
                  "it holds NULL values. Fill them first, or declare a default value for the column so the push "
                  "fills them.";
      break;
    case finding_rule::filled:
      f.kind = finding_kind::fill;
      f.message = "The NULL values of " + column_on + " will be set to its default `" + c.other +
                  "`, as the column is now required.";
      break;
    case finding_rule::duplicate_key:
      f.message = key_name(c) + (c.kept ? " is kept" : " is created") + refused + "rows have duplicate values" + once + ".";
      break;
    case finding_rule::null_key:
      f.message = key_name(c) + (c.kept ? " is kept" : " is created") + refused +
                  "rows have NULL values in its columns" + once + ".";
      break;
    case finding_rule::orphans:
      f.message = "The foreign key `" + c.subject + "` on table `" + c.table + "` is " + (c.kept ? "kept" : "added") +
                  refused + "rows of `" + c.table + "` reference no row of `" + c.other + "`" + once + ".";
      break;
    case finding_rule::enum_value_in_use:
      f.message = "Removed the value `" + c.other + "` from enum `" + c.subject + "`" + refused + "rows of `" + c.table +
                  "`.`" + c.column + "` still use it.";
      break;
  }
  return f;
}

// The key's values as columns k0, k1, ... of a derived table `alias`, so each
// value expression runs once per row.
DBPUSH_INLINE std::string keyed_rows(const key_probe_sql_parts& parts, const std::string& alias) {
  std::string select;
  for (std::size_t i = 0; i < parts.values.size(); ++i)
    select += (i ? ", " : "") + parts.values[i] + " AS k" + std::to_string(i);
  return "(SELECT " + (select.empty() ? std::string("1 AS k") : select) + " FROM " + parts.table + ") AS " + alias;
}

// "c.k0 IS NOT NULL AND c.k1 IS NOT NULL".
DBPUSH_INLINE std::string each_key(const key_probe_sql_parts& parts, const std::string& prefix,
                                   const std::string& test, const std::string& glue) {
  std::string out;
  for (std::size_t i = 0; i < parts.values.size(); ++i)
    out += (i ? glue : "") + prefix + "k" + std::to_string(i) + test;
  return out.empty() ? "1 = 1" : out;
}

DBPUSH_INLINE std::string key_probe_sql(probe_kind kind, const key_probe_sql_parts& parts) {
  switch (kind) {
    case probe_kind::duplicate_count: {
      std::string columns;
      for (std::size_t i = 0; i < parts.values.size(); ++i) columns += (i ? ", k" : "k") + std::to_string(i);
      return "SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM " + keyed_rows(parts, "v") + " WHERE " +
             each_key(parts, "", " IS NOT NULL", " AND ") + (columns.empty() ? "" : " GROUP BY " + columns) +
             " HAVING count(*) > 1) AS d";
    }
    case probe_kind::null_key_count:
      return "SELECT count(*) FROM " + keyed_rows(parts, "v") + " WHERE " + each_key(parts, "", " IS NULL", " OR ");
    case probe_kind::orphan_count: {
      std::string sql = "SELECT count(*) FROM " + keyed_rows(parts, "c") + " WHERE " +
                        each_key(parts, "c.", " IS NOT NULL", " AND ");
      if (parts.parent.empty()) return sql;
      std::string match;
      for (std::size_t i = 0; i < parts.values.size() && i < parts.parent_values.size(); ++i)
        match += (i ? " AND " : "") + parts.parent_values[i] + " = c.k" + std::to_string(i);
      return sql + " AND NOT EXISTS (SELECT 1 FROM " + parts.parent + " AS r" +
             (match.empty() ? "" : " WHERE " + match) + ")";
    }
    default: throw std::logic_error("dbpush: key_probe_sql() renders key probes only");
  }
}

DBPUSH_INLINE const std::string* filled_default(const column& live, const column& target) {
  return live.nullable && !target.nullable && target.default_sql ? &*target.default_sql : nullptr;
}

}  // namespace detail

DBPUSH_INLINE std::vector<probe> probes_for(const diff_result& diff, const check_rules& rules) {
  std::vector<probe> out;
  for (auto& c : detail::question_planner(diff, rules).run())
    for (auto& p : c.probes) out.push_back(std::move(p));
  return out;
}

DBPUSH_INLINE std::vector<finding> assess(const diff_result& diff, const std::vector<probe>& answered,
                                          const check_rules& rules) {
  auto questions = detail::question_planner(diff, rules).run();
  std::size_t next = 0;
  for (auto& c : questions)
    for (auto& p : c.probes) {
      if (next >= answered.size() || answered[next].kind != p.kind || answered[next].table != p.table)
        throw std::logic_error("dbpush: assess() needs the answered output of probes_for() for the same diff");
      p.count = answered[next++].count;
    }
  std::vector<finding> out;
  for (const auto& c : questions) detail::judge(c, out);
  return out;
}

DBPUSH_INLINE std::vector<finding> assess_without_data(const diff_result& diff, const check_rules& rules) {
  std::vector<finding> out;
  for (const auto& c : detail::question_planner(diff, rules).run()) out.push_back(detail::judge_without_data(c));
  return out;
}

}  // namespace db
