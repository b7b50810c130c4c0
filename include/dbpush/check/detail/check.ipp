// dbpush: definitions for <dbpush/check/check.hpp>.
#pragma once

#include <dbpush/check/check.hpp>
#include <dbpush/schema/detail/name_index.hpp>

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

// The rule a check applies to its answers; each has one message.
enum class check_rule {
  table_not_empty,        // drop table: rows
  column_has_values,      // drop column: non-NULL values
  risky_cast,             // non-NULL values
  uncastable,             // failed casts, non-NULL values
  sequence_out_of_range,  // 1 when the column's sequence cannot take the new type
  not_enum_values,        // non-NULL values, values that are enum values
  required_column_added,  // rows
  made_required,          // NULLs
  duplicate_key,          // duplicate rows (or all rows when the key is all new constant columns)
  null_key,               // rows with a NULL key column
  orphans,                // orphan rows
  orphans_of_new_parent,  // rows, rows with a NULL key column
  enum_value_in_use,      // rows holding the value
};

struct check {
  check_rule rule{};
  std::size_t step_index = 0;
  std::vector<probe> probes;
  // Message context, named as the user's models name things.
  std::string table;
  std::string column;
  std::string subject;  // index, foreign key or enum name
  std::string from_type, to_type;
  std::string other;    // parent table, enum value, key column list
  bool whole_rows = false;  // duplicate_key: the count is a row count, duplicates only if > 1
};

DBPUSH_INLINE probe make_probe(probe_kind kind, std::string table, std::vector<std::string> columns = {}) {
  probe p;
  p.kind = kind;
  p.table = std::move(table);
  p.columns = std::move(columns);
  return p;
}

class check_planner {
 public:
  check_planner(const diff_result& d, const check_rules& rules) : diff_(d), rules_(rules), names_(d) {}

  std::vector<check> run() {
    for (std::size_t i = 0; i < diff_.steps.size(); ++i) {
      step_ = &diff_.steps[i];
      index_ = i;
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
    return std::move(checks_);
  }

 private:
  check& add(check_rule rule, std::vector<probe> probes) {
    check c;
    c.rule = rule;
    c.step_index = index_;
    c.probes = std::move(probes);
    c.table = step_->table;
    return checks_.emplace_back(std::move(c));
  }

  void drop_table() { add(check_rule::table_not_empty, {make_probe(probe_kind::row_count, step_->table)}); }

  void drop_column() {
    const auto* live = names_.live_table(step_->table);
    add(check_rule::column_has_values, {make_probe(probe_kind::non_null_count, live->name, {step_->object})})
        .column = step_->object;
  }

  const column& target_column() const { return *names_.target_table(step_->table)->find_column(step_->object); }

  void add_column() {
    const column& c = target_column();
    if (c.nullable || c.default_sql || c.autoincrement) return;
    add(check_rule::required_column_added, {make_probe(probe_kind::row_count, names_.live_table(step_->table)->name)})
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
    const bool fills_nulls = rules_.not_null_with_default_fills_nulls && target.default_sql;
    if ((bits & column_change::nullability) && !target.nullable && !fills_nulls)
      add(check_rule::made_required, {make_probe(probe_kind::null_count, live_table.name, {live.name})})
          .column = target.name;
  }

  void cast_into_enum(const std::string& live_table, const column& live, const column& target) {
    const auto* e = diff_.to.find_enum(*target.enum_type);
    auto in_enum = make_probe(probe_kind::enum_value_count, live_table, {live.name});
    if (e) in_enum.values = e->values;
    auto& c = add(check_rule::not_enum_values,
                  {make_probe(probe_kind::non_null_count, live_table, {live.name}), std::move(in_enum)});
    c.column = target.name;
    c.subject = *target.enum_type;
  }

  void cast_type(const std::string& live_table, const column& live, const column& target) {
    // Without dialect knowledge every type change may alter values.
    const auto cls = rules_.classify_cast ? rules_.classify_cast(live.type, target.type) : cast_class::risky;
    if (cls == cast_class::safe) return;
    std::vector<probe> probes;
    if (cls == cast_class::not_castable) {
      auto failures = make_probe(probe_kind::cast_failure_count, live_table, {live.name});
      failures.source_type = live.type;
      failures.target_type = target.type;
      probes.push_back(std::move(failures));
    }
    probes.push_back(make_probe(probe_kind::non_null_count, live_table, {live.name}));
    auto& c = add(cls == cast_class::risky ? check_rule::risky_cast : check_rule::uncastable, std::move(probes));
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
    auto& c = add(check_rule::sequence_out_of_range, {std::move(p)});
    c.column = target.name;
    c.from_type = live.type;
    c.to_type = target.type;
  }

  // New rows of a unique key: columns added in this push hold NULL (never
  // duplicates), an identity (distinct) or one constant default (duplicates
  // exactly when the live columns of the key have them).
  void unique_key(const db::table& target, const std::vector<std::string>& columns, const std::string& subject) {
    const db::table* live = names_.live_table(target.name);
    if (!live) return;
    std::vector<std::string> live_columns;
    for (const auto& name : columns) {
      if (auto l = names_.live_column(target.name, name)) {
        live_columns.push_back(*l);
        continue;
      }
      const column* added = target.find_column(name);
      if (!added || added->autoincrement || !added->default_sql) return;
    }
    auto& c = live_columns.empty()
                  ? add(check_rule::duplicate_key, {make_probe(probe_kind::row_count, live->name)})
                  : add(check_rule::duplicate_key, {make_probe(probe_kind::duplicate_count, live->name, live_columns)});
    c.whole_rows = live_columns.empty();
    c.subject = subject;
    c.other = backticked(columns);
  }

  void new_primary_key() {
    const db::table& target = *names_.target_table(step_->table);
    if (target.primary_key.empty()) return;
    unique_key(target, target.primary_key, {});
    std::vector<std::string> live_columns;
    for (const auto& name : target.primary_key)
      if (auto l = names_.live_column(target.name, name)) live_columns.push_back(*l);
    if (live_columns.empty()) return;
    add(check_rule::null_key, {make_probe(probe_kind::null_key_count, names_.live_table(target.name)->name, live_columns)})
        .other = backticked(target.primary_key);
  }

  void create_index() {
    const db::table& target = *names_.target_table(step_->table);
    const index& i = *target.find_index(step_->object);
    // A partial index only constrains the rows its predicate selects, which the
    // probes cannot express: the database itself refuses, inside the transaction.
    if (!i.unique || i.where) return;
    unique_key(target, i.columns, i.name);
  }

  void add_foreign_key() {
    const db::table& target = *names_.target_table(step_->table);
    const db::table* live = names_.live_table(target.name);
    if (!live) return;
    const foreign_key& fk = *target.find_foreign_key(step_->object);
    std::vector<std::string> columns;
    for (const auto& name : fk.columns) {
      auto l = names_.live_column(target.name, name);
      // New columns hold NULL (no orphans) or a default the probes cannot test.
      if (!l) return;
      columns.push_back(*l);
    }
    const db::table* parent = names_.live_table(fk.referenced_table);
    std::vector<std::string> parent_columns;
    for (const auto& name : fk.referenced_columns) {
      if (!parent) break;
      auto l = names_.live_column(fk.referenced_table, name);
      if (!l) return;
      parent_columns.push_back(*l);
    }
    check* c = nullptr;
    if (!parent) {
      c = &add(check_rule::orphans_of_new_parent, {make_probe(probe_kind::row_count, live->name),
                                                   make_probe(probe_kind::null_key_count, live->name, columns)});
    } else {
      auto p = make_probe(probe_kind::orphan_count, live->name, columns);
      p.referenced_table = parent->name;
      p.referenced_columns = std::move(parent_columns);
      c = &add(check_rule::orphans, {std::move(p)});
    }
    c->subject = fk.name;
    c->other = fk.referenced_table;
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
          auto& c = add(check_rule::enum_value_in_use, {std::move(p)});
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
  std::vector<check> checks_;
};

DBPUSH_INLINE std::string counted(std::int64_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// "3 rows have" / "1 row has".
DBPUSH_INLINE std::string rows_verb(std::int64_t n, const std::string& singular, const std::string& plural) {
  return counted(n, "row") + " " + (n == 1 ? singular : plural);
}

DBPUSH_INLINE std::string key_subject(const check& c) {
  return c.subject.empty() ? "The primary key of table `" + c.table + "` (columns " + c.other + ")"
                           : "A unique index `" + c.subject + "` on table `" + c.table + "` (columns " + c.other + ")";
}

DBPUSH_INLINE std::string risky_cast_message(const check& c, std::int64_t non_null) {
  return "You are about to alter the column `" + c.column + "` on the `" + c.table + "` table, which contains " +
         counted(non_null, "non-null value") + ". The data in that column will be cast from `" + c.from_type +
         "` to `" + c.to_type + "`.";
}

// Appends the finding of check c to findings, if its answers show one.
DBPUSH_INLINE void judge(const check& c, std::vector<finding>& findings) {
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
    case check_rule::table_not_empty:
      return report(warning, answer(0), "You are about to drop the `" + c.table + "` table, which is not empty (" +
                                            counted(answer(0), "row") + ").");
    case check_rule::column_has_values:
      return report(warning, answer(0), "You are about to drop the column `" + c.column + "` on the `" + c.table +
                                            "` table, which still contains " +
                                            counted(answer(0), "non-null value") + ".");
    case check_rule::risky_cast: return report(warning, answer(0), risky_cast_message(c, answer(0)));
    case check_rule::uncastable:
      if (answer(0) > 0)
        return report(unexecutable, answer(0),
                      "Changed the type of `" + c.column + "` on the `" + c.table + "` table from `" + c.from_type +
                          "` to `" + c.to_type + "`, but " + counted(answer(0), "non-null value") +
                          " cannot be cast. It is not possible to execute this step.");
      return report(warning, answer(1), risky_cast_message(c, answer(1)));
    case check_rule::sequence_out_of_range:
      return report(unexecutable, answer(0),
                    "Changed the type of `" + c.column + "` on the `" + c.table + "` table from `" + c.from_type +
                        "` to `" + c.to_type + "`, but its sequence has already reached a value beyond the range of `" +
                        c.to_type + "`. It is not possible to execute this step.");
    case check_rule::not_enum_values: {
      const auto outside = answer(0) - answer(1);
      return report(unexecutable, outside,
                    "Changed the column `" + c.column + "` on the `" + c.table + "` table to the enum `" + c.subject +
                        "`, but " + counted(outside, "non-null value") + " " + (outside == 1 ? "is" : "are") +
                        " not a value of `" + c.subject + "`.");
    }
    case check_rule::required_column_added:
      return report(unexecutable, answer(0),
                    "Added the required column `" + c.column + "` to the `" + c.table +
                        "` table without a default value. There " + (answer(0) == 1 ? "is " : "are ") +
                        counted(answer(0), "row") + " in this table, it is not possible to execute this step.");
    case check_rule::made_required:
      return report(unexecutable, answer(0),
                    "Made the column `" + c.column + "` on table `" + c.table + "` required, but there " +
                        (answer(0) == 1 ? "is " : "are ") + counted(answer(0), "existing NULL value") + ".");
    case check_rule::duplicate_key: {
      const auto duplicates = c.whole_rows ? (answer(0) > 1 ? answer(0) : 0) : answer(0);
      return report(unexecutable, duplicates,
                    key_subject(c) + " cannot be created: " + rows_verb(duplicates, "has", "have") +
                        " duplicate values.");
    }
    case check_rule::null_key:
      return report(unexecutable, answer(0),
                    key_subject(c) + " cannot be created: " + rows_verb(answer(0), "has", "have") +
                        " NULL values in its columns.");
    case check_rule::orphans:
    case check_rule::orphans_of_new_parent: {
      const auto orphans = c.rule == check_rule::orphans ? answer(0) : answer(0) - answer(1);
      return report(unexecutable, orphans,
                    "The foreign key `" + c.subject + "` on table `" + c.table + "` cannot be added: " +
                        counted(orphans, "row") + " of `" + c.table + "` " + (orphans == 1 ? "references" : "reference") +
                        " no row of `" + c.other + "`.");
    }
    case check_rule::enum_value_in_use:
      return report(unexecutable, answer(0),
                    "Removed the value `" + c.other + "` from enum `" + c.subject + "`, but " +
                        counted(answer(0), "row") + " of `" + c.table + "`.`" + c.column + "` still " +
                        (answer(0) == 1 ? "uses" : "use") + " it.");
  }
}

}  // namespace detail

DBPUSH_INLINE std::vector<probe> probes_for(const diff_result& diff, const check_rules& rules) {
  std::vector<probe> out;
  for (auto& c : detail::check_planner(diff, rules).run())
    for (auto& p : c.probes) out.push_back(std::move(p));
  return out;
}

DBPUSH_INLINE std::vector<finding> assess(const diff_result& diff, const std::vector<probe>& answered,
                                          const check_rules& rules) {
  auto checks = detail::check_planner(diff, rules).run();
  std::size_t next = 0;
  for (auto& c : checks)
    for (auto& p : c.probes) {
      if (next >= answered.size() || answered[next].kind != p.kind || answered[next].table != p.table)
        throw std::logic_error("dbpush: assess() needs the answered output of probes_for() for the same diff");
      p.count = answered[next++].count;
    }
  std::vector<finding> out;
  for (const auto& c : checks) detail::judge(c, out);
  return out;
}

}  // namespace db
