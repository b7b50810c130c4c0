// dbpush: definitions for <dbpush/push/push.hpp>.
#pragma once

#include <dbpush/push/detail/session.hpp>
#include <dbpush/push/push.hpp>
#include <dbpush/schema/detail/name_index.hpp>

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <memory>
#include <optional>
#include <string_view>
#include <string>
#include <utility>
#include <vector>

namespace db {
namespace detail {

DBPUSH_INLINE std::string bullet_list(const std::vector<finding>& findings) {
  std::string out;
  for (const auto& f : findings) out += "\n  - " + f.message;
  return out;
}

DBPUSH_INLINE std::string bullet_list(const std::vector<step>& steps) {
  std::string out;
  for (const auto& s : steps) out += "\n  - " + s.describe();
  return out;
}

DBPUSH_INLINE bool runs_after_commit(const statement& st) { return st.phase != statement_phase::in_transaction; }

// "\n\n<heading>\n  <sql>;" per statement of a later phase, or "" when none.
// A statement as a plan prints it, and below it (as an SQL comment) what it
// does to its table.
DBPUSH_INLINE std::string plan_line(const statement& st) {
  std::string out = "\n  " + st.sql + ";";
  if (auto hazard = describe(st.hazard, st.table); !hazard.empty()) out += "\n    -- " + hazard;
  return out;
}

DBPUSH_INLINE std::string after_commit_list(const std::vector<statement>& statements, std::string_view heading) {
  std::string out;
  for (const auto& st : statements)
    if (runs_after_commit(st)) out += plan_line(st);
  return out.empty() ? out : "\n\n" + std::string(heading) + out;
}

inline constexpr std::string_view fills_heading = "NULL values filled with defaults:\n";

DBPUSH_INLINE std::string data_loss_message(const std::vector<finding>& warnings) {
  return "There might be data loss when applying the changes:\n" + bullet_list(warnings) +
         "\n\nUse accept_data_loss (push_options{.accept_data_loss = true}) to apply anyway.";
}

DBPUSH_INLINE std::string unexecutable_message(const std::vector<finding>& findings) {
  return "We found changes that cannot be executed:\n" + bullet_list(findings) +
         "\n\nUse force_reset (push_options{.force_reset = true}) to drop the schema and push "
         "again; all data will be lost.";
}

// plan_fingerprint in two parts: the live schema (normalised, as introspection
// returns it) and the reset are digested first, so the diff may then take the
// schema instead of a copy.
DBPUSH_INLINE fnv1a64 live_digest(const schema& live, bool reset) {
  assert(normalise_changes_nothing(live));
  fnv1a64 h;
  for (const auto& e : live.enums) {
    h.add(e.name);
    for (const auto& v : e.values) h.add(v);
    h.add("");  // ends the values
  }
  // Introspection may list unrelated tables in any order; the digest must not care.
  std::string text;
  for (const auto i : order_by_name(live.tables)) {
    text.clear();
    append_text(text, live.tables[i]);
    h.add(text);
  }
  h.add(reset ? "reset" : "keep");
  return h;
}

DBPUSH_INLINE std::string plan_fingerprint(fnv1a64 live, const std::vector<probe>& answered) {
  auto& h = live;
  for (const auto& p : answered) {
    h.add(std::to_string(static_cast<int>(p.kind)));
    h.add(p.table);
    for (const auto& c : p.columns) h.add(c);
    h.add(p.referenced_table);
    for (const auto* key : {&p.key, &p.referenced_key})
      for (const auto& v : *key) {
        h.add(v.column);
        h.add(v.from_type);
        h.add(v.to_type);
        h.add(v.fill ? "=" + *v.fill : "");
      }
    for (const auto& v : p.values) h.add(v);
    h.add(p.source_type);
    h.add(p.target_type);
    h.add(std::to_string(p.count));
  }
  return h.hex();
}

DBPUSH_INLINE std::string plan_fingerprint(const schema& live, const std::vector<probe>& answered, bool reset) {
  return plan_fingerprint(live_digest(live, reset), answered);
}

// "`a`", or "`a` and `A`" for two spellings the database takes for one name.
DBPUSH_INLINE std::string spellings(const std::string& first, const std::string& second) {
  if (first == second) return "`" + first + "`";
  return "`" + first + "` and `" + second + "`, which the database takes for one name (it ignores the case of ASCII letters)";
}

// Problems are listed in the order of the target, each repeat where it occurs.
// Nothing is allocated per table of a valid target (unless it is wide): this
// runs on every push, also on the no-op fast path.
DBPUSH_INLINE void validate_target(const schema& target, const std::vector<std::string>& ignore_tables,
                                   identifier_case names) {
  std::vector<std::string> problems;
  auto problem = [&problems](std::string text) { problems.push_back(std::move(text)); };
  // `subject()` names what uses `columns` of table `owner`.
  auto unknown_columns = [&](const auto& subject, const table& owner, const std::vector<std::string>& columns) {
    for (const auto& c : columns)
      if (!owner.find_column(c)) problem(subject() + " uses the unknown column `" + owner.name + "`.`" + c + "`");
  };
  // Sized once: growing a hash index hashes every name again.
  name_index tables(names), index_names(names);
  tables.reserve(target.tables.size());
  std::size_t index_count = 0;
  // The table lookup needs every table before the first foreign key. It keeps
  // the first position of a name: a table that finds another repeats a name.
  for (std::size_t position = 0; position < target.tables.size(); ++position) {
    tables.insert(target.tables[position].name, position);
    index_count += target.tables[position].indexes.size();
  }
  index_names.reserve(index_count);
  // The first index of a repeated name (only looked for when there is one).
  auto first_index_named = [&target, names](const std::string& name) -> const std::string& {
    for (const auto& t : target.tables)
      for (const auto& i : t.indexes)
        if (same_identifier(i.name, name, names)) return i.name;
    return name;
  };
  for (std::size_t position = 0; position < target.tables.size(); ++position) {
    const auto& t = target.tables[position];
    if (const auto first = tables.find(t.name); first != position)
      problem("two tables are named " + spellings(target.tables[first].name, t.name));
    // A narrow table compares each column with the earlier ones: cheaper than hashing them.
    const bool narrow = t.columns.size() <= 16;
    name_index wide_columns(names);
    for (std::size_t k = 0; k < t.columns.size(); ++k) {
      const auto& c = t.columns[k];
      std::size_t earlier = name_index::npos;
      if (narrow) {
        for (std::size_t e = 0; e < k && earlier == name_index::npos; ++e)
          if (same_identifier(t.columns[e].name, c.name, names)) earlier = e;
      } else if (!wide_columns.insert(c.name, k)) {
        earlier = wide_columns.find(c.name);
      }
      if (earlier != name_index::npos)
        problem("table `" + t.name + "` has two columns named " + spellings(t.columns[earlier].name, c.name));
      if (c.enum_type && !target.find_enum(*c.enum_type))
        problem("column `" + t.name + "`.`" + c.name + "` uses the unknown enum `" + *c.enum_type + "`");
    }
    auto of_table = [&t] { return " of table `" + t.name + "`"; };
    unknown_columns([&] { return "the primary key" + of_table(); }, t, t.primary_key);
    for (const auto& i : t.indexes) {
      // Both dialects keep index names in one namespace per schema.
      if (!index_names.insert(i.name, index_names.size()))
        problem("two indexes are named " + spellings(first_index_named(i.name), i.name));
      unknown_columns([&] { return "the index `" + i.name + "`" + of_table(); }, t, i.columns);
    }
    for (const auto& fk : t.foreign_keys) {
      auto what = [&] { return "the foreign key `" + fk.name + "`" + of_table(); };
      unknown_columns(what, t, fk.columns);
      bool ignored = false;
      for (const auto& name : ignore_tables) ignored = ignored || same_identifier(name, fk.referenced_table, names);
      if (ignored) continue;
      const auto parent = tables.find(fk.referenced_table);
      // A reference is spelt as its table is declared, so the differ compares it as written.
      if (parent == name_index::npos || target.tables[parent].name != fk.referenced_table) {
        problem(what() + " references the unknown table `" + fk.referenced_table + "`" +
                (parent == name_index::npos ? "" : " (declared as `" + target.tables[parent].name + "`)"));
        continue;
      }
      unknown_columns(what, target.tables[parent], fk.referenced_columns);
      if (!fk.referenced_columns.empty() && fk.referenced_columns.size() != fk.columns.size())
        problem(what() + " has " + counted(std::int64_t(fk.columns.size()), "column") + " but references " +
                std::to_string(fk.referenced_columns.size()));
    }
  }
  if (problems.empty()) return;
  std::string message = "dbpush: the target schema is not valid; nothing was changed:";
  for (const auto& p : problems) message += "\n  - " + p;
  throw error(message);
}

// Begins in the constructor; rolls back on destruction unless finished, so every
// exception between begin and commit leaves the database as it was.
class transaction_guard {
 public:
  explicit transaction_guard(session& s) : session_(s) { session_.begin(); }
  ~transaction_guard() {
    if (open_) session_.rollback();
  }
  transaction_guard(const transaction_guard&) = delete;
  transaction_guard& operator=(const transaction_guard&) = delete;

  void commit() {
    session_.commit();
    open_ = false;
  }
  void rollback() noexcept {
    session_.rollback();
    open_ = false;
  }

 private:
  session& session_;
  bool open_ = true;
};

// The target as every later step takes it: canonical in the dialect's
// spellings, normalised, valid. Made once, at the front of a push; a target
// already so (schema_of's, or a schema pushed before) is used as given, so a
// no-op push copies nothing.
class prepared_target {
 public:
  prepared_target(const session& s, const schema& given, const push_options& options) : given_(given) {
    if (!s.is_canonical(given) || !is_normalised(given)) {
      made_.emplace(given);
      s.canonicalise(*made_);
      normalise(*made_);
    }
    validate_target(get(), options.ignore_tables, s.identifiers());
    s.refuse_unholdable(get());
  }
  const schema& get() const { return made_ ? *made_ : given_; }
  // The target to diff against (the differ takes it by value).
  schema take() { return made_ ? std::move(*made_) : schema(given_); }

 private:
  const schema& given_;
  std::optional<schema> made_;  // the canonical, normalised copy, when `given` was not
};

// What push and make_plan both compute inside the transaction.
struct prepared_push {
  live_database live;       // as introspected; after a push's force_reset, emptied
  std::string fingerprint;  // only for a plan
  diff_result diff;
  std::vector<finding> warnings;
  std::vector<finding> unexecutable;
  std::vector<finding> fills;
};

// The answered probes of `diff`, sorted into the three kinds of finding.
DBPUSH_INLINE std::vector<probe> answer_and_assess(session& s, const diff_result& diff, prepared_push& out) {
  auto answered = s.answer(probes_for(diff, s.rules()), diff);
  for (auto& f : assess(diff, answered, s.rules())) {
    auto& list = f.kind == finding_kind::warning ? out.warnings
                 : f.kind == finding_kind::fill  ? out.fills
                                                 : out.unexecutable;
    list.push_back(std::move(f));
  }
  return answered;
}

enum class prepared_for { push, plan };

DBPUSH_INLINE diff_options diff_options_of(const session& s, const push_options& options) {
  return diff_options{options.ignore_tables, s.identifiers()};
}

// A push drops the live contents here (force_reset); a plan only diffs as if
// they were gone and leaves the reset to apply. Only a plan needs the
// fingerprint (see docs/benchmarks.md for what digesting costs a no-op push).
// `introspected`: the live database, when the caller read it already.
DBPUSH_INLINE prepared_push prepare_push(session& s, prepared_target& target, const push_options& options,
                                         prepared_for purpose,
                                         std::optional<live_database> introspected = std::nullopt) {
  prepared_push out;
  // Only a push may skip introspection: a plan's fingerprint digests the live schema.
  if (purpose == prepared_for::push && !options.force_reset && !introspected &&
      s.known_in_sync(target.get(), options))
    return out;
  out.live = introspected ? std::move(*introspected) : s.introspect(target.get(), options);
  // The fingerprint digests the live schema as introspected (apply reads it the
  // same way), before a reset empties it or the diff takes it.
  const std::optional<fnv1a64> live =
      purpose == prepared_for::plan ? std::optional(live_digest(out.live.contents, options.force_reset)) : std::nullopt;
  schema from;
  if (options.force_reset && purpose == prepared_for::push) out.live = s.reset_all(out.live, options);
  if (!options.force_reset) from = std::move(out.live.contents);
  out.diff = diff_normalised(std::move(from), target.take(), diff_options_of(s, options));
  auto answered = answer_and_assess(s, out.diff, out);
  if (live) out.fingerprint = plan_fingerprint(*live, answered);
  return out;
}

// "1234", "12 k", "40 M", "7 G" (rows); with `unit` 1024 and "B": "8192 B",
// "12 kB", "40 MB" as pg_size_pretty prints sizes (the next unit from ten of it).
DBPUSH_INLINE std::string approximate(std::int64_t n, std::int64_t unit, const std::string& suffix,
                                      const std::vector<std::string>& prefixes) {
  std::size_t scale = 0;
  while (scale < prefixes.size() && n >= 10 * unit) {
    n /= unit;
    ++scale;
  }
  const std::string prefix = scale == 0 ? "" : prefixes[scale - 1];
  const std::string text = std::to_string(n);
  return prefix.empty() && suffix.empty() ? text : text + " " + prefix + suffix;
}

DBPUSH_INLINE std::string approximate_rows(std::int64_t rows) { return approximate(rows, 1000, "", {"k", "M", "G"}); }
DBPUSH_INLINE std::string approximate_bytes(std::int64_t bytes) {
  return approximate(bytes, 1024, "B", {"k", "M", "G", "T"});
}

// "about 40 M rows, 3 GB", "row count unknown, 8192 B", or "size not read".
DBPUSH_INLINE std::string size_text(const statement_hazard& h) {
  if (!h.rows && !h.bytes) return "size not read";
  std::string out = h.rows ? "about " + approximate_rows(*h.rows) + (*h.rows == 1 ? " row" : " rows")
                           : "row count unknown (never analyzed)";
  if (h.bytes) out += ", " + approximate_bytes(*h.bytes);
  return out;
}

DBPUSH_INLINE std::string work_text(table_work work) {
  switch (work) {
    case table_work::none: return "";
    case table_work::scan: return "scans";
    case table_work::rewrite: return "rewrites";
  }
  return "";
}

// The statements that rewrite or scan a table above the limits, one line each.
DBPUSH_INLINE std::string large_scans(const std::vector<statement>& statements, const postgres_push_options& limits) {
  std::string out;
  for (const auto& st : statements) {
    const auto& h = st.hazard;
    if (h.work == table_work::none) continue;
    // An online step runs on its own, after the commit, under a lock that lets
    // reads and writes go on: however long it scans, it stalls no one.
    if (runs_after_commit(st) && h.lock < table_lock::share) continue;
    std::string over;
    if (limits.max_scanned_rows && h.rows && *h.rows > *limits.max_scanned_rows)
      over = "max_scanned_rows (now " + std::to_string(*limits.max_scanned_rows) + ")";
    if (limits.max_scanned_bytes && h.bytes && *h.bytes > *limits.max_scanned_bytes)
      over += (over.empty() ? "" : " and ") + std::string("max_scanned_bytes (now ") +
              std::to_string(*limits.max_scanned_bytes) + ")";
    if (over.empty()) continue;
    out += "\n  - " + work_text(h.work) + " `" + st.table + "` (" + size_text(h) + "), above " + over + ", in `" +
           st.sql + "`";
  }
  return out;
}

DBPUSH_INLINE void refuse_large_scans(const std::vector<statement>& statements, const push_options& options) {
  const auto& limits = options.postgres;
  if (!limits.max_scanned_rows && !limits.max_scanned_bytes) return;
  const std::string found = large_scans(statements, limits);
  if (found.empty()) return;
  throw table_size_error(
      "dbpush: this push rewrites or scans tables larger than push_options::postgres allows; nothing was changed:" +
      found +
      "\nRun it when the table may be locked that long, and pass a larger push_options::postgres.max_scanned_rows "
      "/ max_scanned_bytes (or leave them unset) to allow it.");
}

DBPUSH_INLINE void refuse_unless_allowed(const std::vector<finding>& warnings,
                                         const std::vector<finding>& unexecutable,
                                         const push_options& options) {
  if (!unexecutable.empty()) throw unexecutable_error(unexecutable);
  if (!warnings.empty() && !options.accept_data_loss) throw data_loss_error(warnings);
}

DBPUSH_INLINE std::string sql_list(const std::vector<statement>& statements) {
  std::string out;
  for (const auto& st : statements) out += "\n  - " + st.sql;
  return out;
}

// Runs the statements of the later phases in order, after the commit. One that
// fails cannot undo what committed: db::unfinished_push_error says what ran
// and what did not.
DBPUSH_INLINE void execute_after_commit(session& s, const std::vector<statement>& statements,
                                        const push_options& options) {
  for (std::size_t i = 0; i < statements.size(); ++i) {
    if (!runs_after_commit(statements[i])) continue;
    try {
      s.execute_after_commit(statements[i], options);
    } catch (const std::exception& e) {
      std::vector<statement> applied(statements.begin(), statements.begin() + std::ptrdiff_t(i));
      std::vector<statement> pending(statements.begin() + std::ptrdiff_t(i) + 1, statements.end());
      throw unfinished_push_error(std::move(applied), statements[i], std::move(pending), e.what());
    }
  }
}

// Runs the statements of the push's transaction, verifies, and commits — or
// rolls back when nothing changed, so a no-op push does not write to the
// database — then runs the later phases' statements (they come last).
DBPUSH_INLINE void execute_and_finish(session& s, transaction_guard& tx, const diff_result& d,
                                      const std::vector<statement>& statements, bool reset,
                                      const push_options& options) {
  const auto later = std::find_if(statements.begin(), statements.end(), runs_after_commit);
  s.execute(std::vector<statement>(statements.begin(), later), options);
  s.verify(d);
  // Statements without steps finish what an interrupted online push left.
  if (d.steps.empty() && statements.empty() && !reset) {
    tx.rollback();
    return;
  }
  tx.commit();
  execute_after_commit(s, statements, options);
}

DBPUSH_INLINE std::vector<std::string> texts_of(const std::vector<statement>& statements) {
  std::vector<std::string> out;
  out.reserve(statements.size());
  for (const auto& st : statements) out.push_back(st.sql);
  return out;
}

DBPUSH_INLINE void run_generators(const schema& target, const push_result& result,
                                  const push_options& options) {
  if (options.skip_generate) return;
  const auto& generators = options.generators;
  for (std::size_t i = 0; i < generators.size(); ++i) {
    if (!generators[i]) continue;
    try {
      generators[i](target, result);
    } catch (const std::exception& e) {
      throw generator_error(result, i + 1, generators.size(), e.what());
    } catch (...) {
      throw generator_error(result, i + 1, generators.size(), "it threw an exception that is not a std::exception");
    }
  }
}

// Applies a prepared push in `tx` (refused, rendered, executed, committed)
// and says what it did.
DBPUSH_INLINE push_result finish_push(session& s, transaction_guard& tx, prepared_push prepared,
                                      const push_options& options) {
  refuse_unless_allowed(prepared.warnings, prepared.unexecutable, options);
  auto statements = s.render(prepared.diff, prepared.live.facts.get(), options);
  refuse_large_scans(statements, options);
  execute_and_finish(s, tx, prepared.diff, statements, options.force_reset, options);
  push_result result;
  result.sql = texts_of(statements);
  result.statements = std::move(statements);
  result.steps = std::move(prepared.diff.steps);
  result.warnings = std::move(prepared.warnings);
  result.fills = std::move(prepared.fills);
  result.reset = options.force_reset;
  result.way = options.force_reset ? reset_way::recreated : reset_way::none;
  // A push that only finishes an online push's leftovers has statements and no step.
  result.changed = !result.steps.empty() || !result.statements.empty() || result.reset;
  result.dialect = s.dialect();
  return result;
}

DBPUSH_INLINE push_result push(session& s, const schema& target, const push_options& options) {
  push_result result;
  {
    transaction_guard tx(s);
    prepared_target prepared(s, target, options);
    result = finish_push(s, tx, prepare_push(s, prepared, options, prepared_for::push), options);
  }
  run_generators(target, result, options);
  return result;
}

// The statements of a reset's fast way that run after its commit: the
// dialect restarts counters there by a means that is not transactional, so a
// failed reset never leaves rows whose ids the counters hand out again. When
// one fails, the tables are empty and their counters not restarted, which the
// next reset does.
DBPUSH_INLINE void restart_counters_after_commit(session& s, const std::vector<statement>& statements,
                                                 const push_options& options) {
  for (const auto& st : statements) {
    if (!runs_after_commit(st)) continue;
    try {
      s.execute_after_commit(st, options);
    } catch (const std::exception& e) {
      throw database_error("dbpush: the reset emptied the tables and committed, then restarting their counters "
                           "failed, so the next rows do not get id 1; the next reset restarts them.\nFailed: " +
                           st.sql + "\n  because: " + e.what());
    }
  }
}

DBPUSH_INLINE push_result reset(session& s, const emptier& emptying, const schema& target,
                                const push_options& options) {
  push_options resetting = options;
  resetting.force_reset = true;
  push_result result;
  {
    transaction_guard tx(s);
    prepared_target prepared(s, target, options);
    std::optional<live_database> live;
    bool in_sync = s.known_in_sync(prepared.get(), options);
    if (!in_sync) {
      live = s.introspect(prepared.get(), options);
      in_sync = diff_normalised(live->contents, prepared.get(), diff_options_of(s, options)).steps.empty();
    }
    auto statements = in_sync ? emptying(prepared.get(), live ? live->facts.get() : nullptr) : std::nullopt;
    if (statements) {
      const auto later = std::find_if(statements->begin(), statements->end(), runs_after_commit);
      s.execute(std::vector<statement>(statements->begin(), later), options);
      tx.commit();
      restart_counters_after_commit(s, *statements, options);
      result.sql = texts_of(*statements);
      result.statements = std::move(*statements);
      result.reset = result.changed = true;
      result.way = reset_way::emptied;
      result.dialect = s.dialect();
    } else {
      result = finish_push(s, tx, prepare_push(s, prepared, resetting, prepared_for::push, std::move(live)), resetting);
    }
  }
  run_generators(target, result, options);
  return result;
}

DBPUSH_INLINE push_plan make_plan(session& s, const schema& target, const push_options& options) {
  transaction_guard tx(s);
  prepared_target canonical(s, target, options);
  auto prepared = prepare_push(s, canonical, options, prepared_for::plan);
  push_plan plan;
  plan.statements = s.render(prepared.diff, prepared.live.facts.get(), options);
  plan.sql = texts_of(plan.statements);
  plan.diff = std::move(prepared.diff);
  plan.warnings = std::move(prepared.warnings);
  plan.unexecutable = std::move(prepared.unexecutable);
  plan.fills = std::move(prepared.fills);
  plan.fingerprint = std::move(prepared.fingerprint);
  tx.rollback();
  return plan;
}

DBPUSH_INLINE push_result apply(session& s, const push_plan& p, const push_options& options) {
  push_result result;
  {
    transaction_guard tx(s);
    // p.diff.to is the plan's target, canonical and normalised when the plan was made.
    auto live = s.introspect(p.diff.to, options);
    auto answered = s.answer(probes_for(p.diff, s.rules()), p.diff);
    if (plan_fingerprint(live.contents, answered, options.force_reset) != p.fingerprint)
      throw stale_plan_error(
          "The database changed since the plan was made (or the plan was made with other "
          "options); nothing was applied. Make a new plan and review it.");
    refuse_unless_allowed(p.warnings, p.unexecutable, options);
    refuse_large_scans(p.statements, options);
    if (options.force_reset) s.reset_all(live, options);
    execute_and_finish(s, tx, p.diff, p.statements, options.force_reset, options);
    result.steps = p.diff.steps;
    result.sql = p.sql;
    result.statements = p.statements;
    result.warnings = p.warnings;
    result.fills = p.fills;
    result.reset = options.force_reset;
    result.way = options.force_reset ? reset_way::recreated : reset_way::none;
    result.changed = !result.steps.empty() || !result.statements.empty() || result.reset;
    result.dialect = s.dialect();
  }
  run_generators(p.diff.to, result, options);
  return result;
}

}  // namespace detail

DBPUSH_INLINE data_loss_error::data_loss_error(std::vector<finding> warnings)
    : error(detail::data_loss_message(warnings)), warnings_(std::move(warnings)) {}

DBPUSH_INLINE unexecutable_error::unexecutable_error(std::vector<finding> findings)
    : error(detail::unexecutable_message(findings)), findings_(std::move(findings)) {}

DBPUSH_INLINE unfinished_push_error::unfinished_push_error(std::vector<statement> applied, statement failed,
                                                          std::vector<statement> pending, const std::string& why)
    : error("dbpush: the push committed its transaction, then a step it runs after the commit (online mode) "
            "failed; the database holds every change but the steps not applied below, and the next push (online "
            "or not) finishes them.\nApplied:" +
            detail::sql_list(applied) + "\nFailed: " + failed.sql + "\n  because: " + why + "\nNot applied:" +
            (pending.empty() ? std::string("\n  (nothing else)") : detail::sql_list(pending))),
      applied_(std::make_shared<const std::vector<statement>>(std::move(applied))),
      failed_(std::make_shared<const statement>(std::move(failed))),
      pending_(std::make_shared<const std::vector<statement>>(std::move(pending))) {}

DBPUSH_INLINE generator_error::generator_error(push_result result, std::size_t position, std::size_t count,
                                              const std::string& why)
    : error((result.changed ? "Your database is now in sync with the models"
                            : "The database is already in sync with the models") +
            std::string(", but generator ") + std::to_string(position) + " of " + std::to_string(count) +
            " failed: " + why),
      result_(std::make_shared<const push_result>(std::move(result))),
      position_(position) {}

DBPUSH_INLINE std::string to_string(table_lock lock) {
  switch (lock) {
    case table_lock::none: return "";
    case table_lock::access_share: return "ACCESS SHARE";
    case table_lock::row_share: return "ROW SHARE";
    case table_lock::row_exclusive: return "ROW EXCLUSIVE";
    case table_lock::share_update_exclusive: return "SHARE UPDATE EXCLUSIVE";
    case table_lock::share: return "SHARE";
    case table_lock::share_row_exclusive: return "SHARE ROW EXCLUSIVE";
    case table_lock::exclusive: return "EXCLUSIVE";
    case table_lock::access_exclusive: return "ACCESS EXCLUSIVE";
  }
  return "";
}

DBPUSH_INLINE std::string describe(const statement_hazard& hazard, const std::string& table) {
  const std::string referenced = hazard.referenced_lock == table_lock::none
                                     ? ""
                                     : to_string(hazard.referenced_lock) + " on `" + hazard.referenced_table + "`";
  if (hazard.lock == table_lock::none && hazard.work == table_work::none)
    return referenced.empty() ? "" : "takes " + referenced;
  std::string out;
  if (hazard.lock != table_lock::none) {
    out = "takes " + to_string(hazard.lock) + " on `" + table + "`";
    if (!referenced.empty()) out += " and " + referenced;
    out += hazard.work == table_work::none ? ", changes the catalog only" : ", " + detail::work_text(hazard.work) + " it";
  } else {
    out = detail::work_text(hazard.work) + " `" + table + "`";
  }
  return out + " (" + detail::size_text(hazard) + ")";
}

DBPUSH_INLINE std::string push_result::to_string() const {
  if (!changed) return "The database is already in sync with the models.";
  std::string out = "Your database is now in sync with the models.";
  if (way == reset_way::emptied)
    out += "\nThe database was reset: its schema already matched the models, so its tables were emptied and their "
           "counters restarted.";
  else if (reset)
    out += "\nThe database was reset: its previous contents were dropped.";
  if (!steps.empty()) out += "\n\nApplied changes:\n" + detail::bullet_list(steps);
  // A reset that emptied the tables restarts their counters after the commit; no online step.
  if (way != reset_way::emptied)
    out += detail::after_commit_list(statements, "Run after the transaction committed (online steps):\n");
  if (!fills.empty()) out += "\n\n" + std::string(detail::fills_heading) + detail::bullet_list(fills);
  std::string scans;
  for (const auto& st : statements)
    if (st.hazard.work != table_work::none) scans += "\n  - " + describe(st.hazard, st.table) + ": " + st.sql;
  if (!scans.empty()) out += "\n\nTables rewritten or scanned:\n" + scans;
  if (!warnings.empty()) out += "\n\nAccepted data loss warnings:\n" + detail::bullet_list(warnings);
  return out;
}

DBPUSH_INLINE std::string push_plan::to_string() const {
  if (empty()) return "The database is already in sync with the models.";
  std::string out = "Planned changes:\n" + detail::bullet_list(diff.steps);
  if (!sql.empty()) {
    out += "\n\nSQL:\n";
    // Each statement, and below it (as an SQL comment) what it does to its
    // table. A statement without its phase (a plan built by hand) runs in the transaction.
    for (std::size_t i = 0; i < sql.size(); ++i) {
      if (i >= statements.size()) out += "\n  " + sql[i] + ";";
      else if (!detail::runs_after_commit(statements[i])) out += detail::plan_line(statements[i]);
    }
  }
  out += detail::after_commit_list(statements,
                                   "SQL after the transaction commits (online steps, each on its own; the next "
                                   "push finishes them if the push stops before they ran):\n");
  if (!fills.empty()) out += "\n\n" + std::string(detail::fills_heading) + detail::bullet_list(fills);
  if (!warnings.empty()) out += "\n\nThere might be data loss when applying the changes:\n" +
                                detail::bullet_list(warnings);
  if (!unexecutable.empty())
    out += "\n\nWe found changes that cannot be executed:\n" + detail::bullet_list(unexecutable);
  return out;
}

DBPUSH_INLINE std::ostream& operator<<(std::ostream& os, const push_result& r) {
  return os << r.to_string();
}

DBPUSH_INLINE std::ostream& operator<<(std::ostream& os, const push_plan& p) {
  return os << p.to_string();
}

}  // namespace db
