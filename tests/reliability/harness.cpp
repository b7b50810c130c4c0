#include "reliability/harness.hpp"

#include "reliability/generator.hpp"
#include "reliability/oracle.hpp"
#include "reliability/types.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>
#include <sstream>

namespace evolve {

namespace {

using db::finding_kind;

failure fail(std::string property, const std::string& shape, std::string detail) {
  std::string signature = property + ": " + shape;
  return {std::move(property), std::move(signature), std::move(detail)};
}

// ---- what a push ended with ------------------------------------------------------

enum class ending { applied, data_loss, unexecutable, error, foreign_error };

std::string to_string(ending e) {
  switch (e) {
    case ending::applied: return "applied";
    case ending::data_loss: return "data_loss_error";
    case ending::unexecutable: return "unexecutable_error";
    case ending::error: return "db::error";
    case ending::foreign_error: return "an exception that is no db::error";
  }
  return "?";
}

struct attempt_result {
  ending how = ending::applied;
  std::vector<db::finding> findings;  // refused: the error's; applied: the accepted warnings
  std::string what;
  db::push_result result;
};

template <class Push>
attempt_result attempt(Push&& push) {
  attempt_result r;
  try {
    r.result = push();
    r.findings = r.result.warnings;
  } catch (const db::data_loss_error& e) {
    r = {ending::data_loss, e.warnings(), e.what(), {}};
  } catch (const db::unexecutable_error& e) {
    r = {ending::unexecutable, e.findings(), e.what(), {}};
  } catch (const db::error& e) {
    r = {ending::error, {}, e.what(), {}};
  } catch (const std::exception& e) {
    r = {ending::foreign_error, {}, e.what(), {}};
  }
  return r;
}

// A raw error without its names and numbers: the SQL keywords of the
// statement that failed, PostgreSQL's SQLSTATE, and the words of the message
// that name nothing in the statement ("index already exists").
std::string error_shape(const std::string& what) {
  const auto open = what.find('`');
  const auto close = open == std::string::npos ? std::string::npos : what.find("`: ", open + 1);
  if (close == std::string::npos) return what.substr(0, what.find('\n')).substr(0, 60);
  // Names and literals go first: they are what differs between two cases of one bug.
  auto unquoted = [](const std::string& text) {
    std::string out;
    char quote = 0;
    for (char ch : text) {
      if (quote) {
        if (ch == quote) quote = 0;
        continue;
      }
      if (ch == '"' || ch == '\'') {
        quote = ch;
        out += ' ';
        continue;
      }
      out += ch;
    }
    return out;
  };
  const std::string statement = unquoted(what.substr(open + 1, close - open - 1));
  auto words_of = [](const std::string& text, bool (*keep)(char)) {
    std::vector<std::string> out;
    std::string word;
    for (char ch : text + " ") {
      if (keep(ch)) {
        word += ch;
        continue;
      }
      if (!word.empty()) out.push_back(word);
      word.clear();
    }
    return out;
  };
  // The statement's head: its keywords before the first parenthesis.
  std::string shape;
  for (const auto& w : words_of(statement.substr(0, statement.find('(')), [](char c) { return c >= 'A' && c <= 'Z'; }))
    shape += (shape.empty() ? "" : " ") + w;
  if (const auto code = what.find("error "); code != std::string::npos && code < open)
    shape += " (" + what.substr(code + 6, 5) + ")";
  // SQLite names things in its messages without quotes: every word of the
  // statement, names included, is left out of the message's shape.
  std::set<std::string> named;
  for (auto w : words_of(what.substr(open + 1, close - open - 1),
                         [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; })) {
    for (auto& ch : w) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    named.insert(w);
  }
  std::string tail;
  const auto message = unquoted(what.substr(close + 3, what.find('\n', close) - close - 3));
  for (const auto& w : words_of(message, [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; })) {
    std::string lower = w;
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const bool plain = std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (plain && !named.count(lower) && w != "is" && w != "error") tail += " " + w;
  }
  return shape + ":" + tail;
}

std::string listed(const std::vector<expected_finding>& findings) {
  std::string out;
  for (const auto& f : findings) out += "\n  expected: " + f.to_string();
  return out.empty() ? "\n  expected: no finding" : out;
}

// The rules of expected findings, for a failure's signature: " (orphans, made required)".
std::string rules_of(const std::vector<expected_finding>& findings) {
  std::set<std::string> rules;
  for (const auto& f : findings) rules.insert(f.rule);
  std::string out;
  for (const auto& r : rules) out += (out.empty() ? " (" : ", ") + r;
  return out.empty() ? out : out + ")";
}

// Whether the push ended as the oracle says it must.
std::optional<failure> judge(const attempt_result& r, const expectation& e, bool accept) {
  const auto unexecutable = e.of_kind(finding_kind::unexecutable);
  const auto warnings = e.of_kind(finding_kind::warning);
  const std::string expected_rules = rules_of(unexecutable);
  // The same bug fails with or without accept_data_loss: the stage goes in the detail.
  const std::string stage = accept ? "\n  (pushed with accept_data_loss)" : "";
  switch (r.how) {
    case ending::unexecutable: {
      if (unexecutable.empty())
        return fail("findings", "refused as unexecutable, nothing unexecutable expected",
                    r.what + listed(e.findings) + stage);
      const auto d = compare_findings(unexecutable, r.findings);
      if (!d.empty()) return fail("findings", d.shape, r.what + d.text);
      return std::nullopt;
    }
    case ending::data_loss: {
      if (accept) return fail("findings", "data_loss_error despite accept_data_loss", r.what);
      if (!unexecutable.empty())
        return fail("findings", "data_loss_error where unexecutable findings were expected" + expected_rules,
                    r.what + listed(e.findings));
      const auto d = compare_findings(warnings, r.findings);
      if (!d.empty()) return fail("findings", d.shape, r.what + d.text);
      return std::nullopt;
    }
    case ending::error:
      if (!unexecutable.empty())
        return fail("findings", "a raw error where dbpush must refuse with counts" + expected_rules + ": " + error_shape(r.what),
                    r.what + listed(e.findings) + stage);
      if (e.database_refuses.empty())
        return fail("unexpected error", "db::error " + error_shape(r.what), r.what + stage);
      return std::nullopt;
    case ending::foreign_error: return fail("unexpected error", "an exception that is no db::error", r.what + stage);
    case ending::applied: {
      if (!unexecutable.empty())
        return fail("findings", "applied although unexecutable findings were expected" + expected_rules,
                    listed(e.findings) + stage);
      if (!e.database_refuses.empty())
        return fail("findings", "applied although the database must refuse a step",
                    e.database_refuses + listed(e.findings));
      if (!accept && !warnings.empty())
        return fail("findings", "applied without accept_data_loss although warnings were expected", listed(e.findings));
      const auto d = compare_findings(warnings, r.findings);
      if (!d.empty()) return fail("findings", "accepted warnings: " + d.shape, d.text);
      return std::nullopt;
    }
  }
  return std::nullopt;
}

// ---- schemas -------------------------------------------------------------------

// The target as introspection must read it back: no hints, the dialect's
// canonical spellings, generated names filled.
db::schema expected_schema(const backend& engine, const db::schema& target) {
  db::schema s = target;
  for (auto& t : s.tables) {
    t.renamed_from.reset();
    for (auto& c : t.columns) c.renamed_from.reset();
  }
  engine.canonicalise(s);
  db::normalise(s);
  return s;
}

std::string table_text(const db::table* t) {
  if (!t) return "(no such table)\n";
  std::ostringstream out;
  out << *t;
  return out.str();
}

struct schema_gap {
  std::string text;   // each differing table (and the enums) as both read
  std::string shape;  // what differs, without names: "index name", "column default", ...
};

// Named items only one side has, or that differ; a pair missing on one side
// and extra on the other with the same definition is a name that differs.
template <class T, class Same>
void compare_named(const std::vector<T>& target, const std::vector<T>& live, const std::string& what, Same same,
                   std::set<std::string>& shapes) {
  std::vector<const T*> missing, extra;
  for (const auto& x : target) {
    const auto it = std::find_if(live.begin(), live.end(), [&](const T& y) { return y.name == x.name; });
    if (it == live.end()) missing.push_back(&x);
    else if (!(*it == x)) shapes.insert(what + " differs");
  }
  for (const auto& y : live)
    if (std::none_of(target.begin(), target.end(), [&](const T& x) { return x.name == y.name; })) extra.push_back(&y);
  for (const T* m : missing) {
    const auto it = std::find_if(extra.begin(), extra.end(), [&](const T* e) { return same(*m, *e); });
    if (it != extra.end()) {
      shapes.insert(what + " name");
      extra.erase(it);
    } else {
      shapes.insert(what + " missing");
    }
  }
  if (!extra.empty()) shapes.insert(what + " extra");
}

schema_gap schema_difference(const db::schema& expected, const db::schema& live) {
  schema_gap gap;
  std::set<std::string> shapes, names;
  for (const auto& t : expected.tables) names.insert(t.name);
  for (const auto& t : live.tables) names.insert(t.name);
  for (const auto& n : names) {
    const db::table* a = expected.find_table(n);
    const db::table* b = live.find_table(n);
    if (a && b && *a == *b) continue;
    gap.text += "\n  target:\n" + table_text(a) + "  live:\n" + table_text(b);
    if (!a || !b) {
      shapes.insert(a ? "table missing" : "table extra");
      continue;
    }
    for (const auto& c : a->columns) {
      const db::column* l = b->find_column(c.name);
      if (!l) {
        shapes.insert("column missing");
        continue;
      }
      if (l->type != c.type) shapes.insert("column type");
      if (l->nullable != c.nullable) shapes.insert("column nullability");
      if (l->default_sql != c.default_sql) shapes.insert("column default");
      if (l->autoincrement != c.autoincrement) shapes.insert("column autoincrement");
      if (l->enum_type != c.enum_type) shapes.insert("column enum");
    }
    for (const auto& c : b->columns)
      if (!a->find_column(c.name)) shapes.insert("column extra");
    if (a->primary_key != b->primary_key) shapes.insert("primary key");
    compare_named(a->indexes, b->indexes, "index", [](const db::index& x, const db::index& y) {
      return x.columns == y.columns && x.unique == y.unique && x.where == y.where;
    }, shapes);
    compare_named(a->foreign_keys, b->foreign_keys, "foreign key", [](const db::foreign_key& x, const db::foreign_key& y) {
      db::foreign_key renamed = y;
      renamed.name = x.name;
      return renamed == x;
    }, shapes);
  }
  if (!(db::schema{{}, expected.enums} == db::schema{{}, live.enums})) {
    shapes.insert("enums");
    gap.text += "\n  enums differ: target\n" + db::to_string(db::schema{{}, expected.enums}) + "  live\n" +
                db::to_string(db::schema{{}, live.enums});
  }
  for (const auto& x : shapes) gap.shape += (gap.shape.empty() ? "" : ", ") + x;
  return gap;
}

std::optional<schema_gap> converged(store& s, backend& engine, const db::schema& target) {
  const auto expected = expected_schema(engine, target);
  db::schema live;
  try {
    live = s.introspect();
  } catch (const std::exception& e) {
    return schema_gap{std::string("introspection failed: ") + e.what(), "introspection fails"};
  }
  engine.adopt_target_spellings(live, expected);
  if (live == expected) return std::nullopt;
  return schema_difference(expected, live);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Lines only one of two texts has (as multisets).
std::string line_difference(const std::string& a_name, const std::string& a, const std::string& b_name,
                            const std::string& b) {
  auto la = lines_of(a), lb = lines_of(b);
  std::sort(la.begin(), la.end());
  std::sort(lb.begin(), lb.end());
  std::vector<std::string> only_a, only_b;
  std::set_difference(la.begin(), la.end(), lb.begin(), lb.end(), std::back_inserter(only_a));
  std::set_difference(lb.begin(), lb.end(), la.begin(), la.end(), std::back_inserter(only_b));
  std::string out;
  for (const auto& l : only_a) out += "\n  only " + a_name + ": " + l;
  for (const auto& l : only_b) out += "\n  only " + b_name + ": " + l;
  return out;
}

std::string row_text(const row& r, const std::set<std::string>& columns) {
  std::string out;
  for (const auto& c : columns) {
    const auto it = r.find(c);
    out += (out.empty() ? "(" : ", ") + c + "=" + (it == r.end() ? "?" : it->second.to_string());
  }
  return out + ")";
}

std::optional<std::string> kept(store& s, const db::schema& v2, const expectation& e) {
  const dataset actual = s.read(v2);
  std::string out;
  for (const auto& t : v2.tables) {
    const auto& columns = e.known.at(t.name);
    std::vector<std::string> want, have;
    for (const auto& r : e.after.at(t.name)) want.push_back(row_text(r, columns));
    for (const auto& r : actual.at(t.name)) have.push_back(row_text(r, columns));
    std::sort(want.begin(), want.end());
    std::sort(have.begin(), have.end());
    if (want == have) continue;
    std::string expected_text, live_text;
    for (const auto& w : want) expected_text += w + "\n";
    for (const auto& h : have) live_text += h + "\n";
    out += "\n  table `" + t.name + "` (" + std::to_string(want.size()) + " rows expected, " +
           std::to_string(have.size()) + " live):" + line_difference("expected", expected_text, "live", live_text);
  }
  if (out.empty()) return std::nullopt;
  return out;
}

db::push_options options(bool accept, std::vector<std::string>* sql = nullptr) {
  db::push_options o;
  o.accept_data_loss = accept;
  if (sql) o.on_sql = [sql](const std::string& statement) { sql->push_back(statement); };
  return o;
}

std::string joined(const std::vector<std::string>& sql) {
  std::string out;
  for (const auto& s : sql) out += "\n    " + s;
  return out;
}

std::optional<failure> idempotent(store& s, const db::schema& target) {
  std::vector<std::string> sql;
  attempt_result again = attempt([&] { return s.push(target, options(false, &sql)); });
  if (again.how != ending::applied)
    return fail("idempotent", "the next push fails: " + to_string(again.how), again.what);
  if (!again.result.steps.empty() || !sql.empty() || again.result.changed)
    return fail("idempotent", "the next push has steps", again.result.to_string() + joined(sql));
  try {
    const auto p = s.plan(target, options(false));
    if (!p.empty()) return fail("idempotent", "the next plan has steps", p.to_string());
  } catch (const std::exception& e) {
    return fail("idempotent", "the next plan fails", e.what());
  }
  return std::nullopt;
}

}  // namespace

namespace {

std::string outcome_of(ending how, bool accepted) {
  switch (how) {
    case ending::applied: return accepted ? "applied with accept_data_loss" : "applied";
    case ending::unexecutable: return "unexecutable";
    case ending::error: return "refused by the database";
    default: return to_string(how);
  }
}

std::optional<failure> check_case(const evolve_case& c, backend& engine, std::string& outcome) {
  auto a = engine.make_store(c.seed, "a");
  const auto first = attempt([&] { return a->push(c.v1, options(false)); });
  if (first.how != ending::applied)
    return fail("fresh push", "v1 does not push: " + to_string(first.how) + " " + error_shape(first.what), first.what);
  if (auto d = converged(*a, engine, c.v1)) return fail("fresh push", "v1 reads back with " + d->shape, d->text);
  try {
    a->insert(c.v1, c.rows);
  } catch (const std::exception& e) {
    return fail("tester", "the rows do not insert", e.what());
  }
  const dataset live = a->read(c.v1);
  expectation e;
  try {
    e = expect(c, live, engine);
  } catch (const std::exception& x) {
    return fail("tester", "the oracle failed", x.what());
  }
  const std::string before = a->fingerprint();

  // Without accept_data_loss, then (when refused for warnings) with it.
  std::vector<std::string> pushed_sql;
  attempt_result last = attempt([&] { return a->push(c.v2, options(false, &pushed_sql)); });
  if (last.how != ending::applied && a->fingerprint() != before)
    return fail("refused means untouched", to_string(last.how) + " changed the database", last.what);
  if (auto f = judge(last, e, false)) return f;
  bool accepted = false;
  if (last.how == ending::data_loss || last.how == ending::unexecutable) {
    accepted = true;
    pushed_sql.clear();
    const auto again = attempt([&] { return a->push(c.v2, options(true, &pushed_sql)); });
    if (again.how != ending::applied && a->fingerprint() != before)
      return fail("refused means untouched", to_string(again.how) + " (accept_data_loss) changed the database", again.what);
    if (last.how == ending::unexecutable && again.how != ending::unexecutable)
      return fail("findings", "accept_data_loss turns unexecutable into " + to_string(again.how), again.what);
    if (auto f = judge(again, e, true)) return f;
    last = again;
  }
  const bool applied = last.how == ending::applied;
  outcome = outcome_of(last.how, accepted);
  if (applied) {
    if (auto d = converged(*a, engine, c.v2)) return fail("converged", "v2 reads back with " + d->shape, d->text);
    if (auto d = kept(*a, c.v2, e)) return fail("kept", "rows or values differ", *d);
    if (auto f = idempotent(*a, c.v2)) return f;
    auto fresh = engine.make_store(c.seed, "fresh");
    const auto pushed = attempt([&] { return fresh->push(c.v2, options(false)); });
    if (pushed.how != ending::applied) return fail("same as fresh", "v2 does not push fresh: " + to_string(pushed.how), pushed.what);
    const auto evolved_catalog = a->catalog(), fresh_catalog = fresh->catalog();
    if (evolved_catalog != fresh_catalog)
      return fail("same as fresh", "catalogs differ", line_difference("evolved", evolved_catalog, "fresh", fresh_catalog));
  }

  // The same database again, through plan and apply.
  auto b = engine.make_store(c.seed, "b");
  b->push(c.v1, options(false));
  b->insert(c.v1, c.rows);
  const std::string b_before = b->fingerprint();
  db::push_plan p;
  try {
    p = b->plan(c.v2, options(accepted));
  } catch (const std::exception& x) {
    if (last.how == ending::error && b->fingerprint() == b_before) return std::nullopt;  // the same refusal
    return fail("plan is apply", "the plan fails", x.what());
  }
  std::vector<std::string> applied_sql;
  const auto through_plan = attempt([&] { return b->apply(p, options(accepted, &applied_sql)); });
  if (through_plan.how != last.how)
    return fail("plan is apply", "apply ends as " + to_string(through_plan.how) + ", push as " + to_string(last.how),
                through_plan.what);
  if (!applied) {
    if (b->fingerprint() != b_before) return fail("plan is apply", "a refused apply changed the database", through_plan.what);
    return std::nullopt;
  }
  if (applied_sql != p.sql)
    return fail("plan is apply", "apply ran other statements than the plan's", "plan:" + joined(p.sql) + "\n  ran:" + joined(applied_sql));
  const auto plan_text = b->anonymised(joined(p.sql)), push_text = a->anonymised(joined(pushed_sql));
  if (plan_text != push_text)
    return fail("plan is apply", "the plan's statements differ from the push's", "plan:" + plan_text + "\n  push:" + push_text);
  // Where push and apply ended: the same catalog, and the rows the oracle
  // expects (values only the database knows, like CURRENT_TIMESTAMP, aside).
  const auto pushed_catalog = a->catalog(), applied_catalog = b->catalog();
  if (pushed_catalog != applied_catalog)
    return fail("plan is apply", "apply ends in another catalog than push",
                line_difference("push", pushed_catalog, "apply", applied_catalog));
  if (auto d = kept(*b, c.v2, e)) return fail("plan is apply", "apply keeps other rows than push", *d);
  return std::nullopt;
}

}  // namespace

case_result run_case(const evolve_case& c, backend& engine) {
  case_result r;
  r.failed = check_case(c, engine, r.outcome);
  return r;
}

// ---- shrinking -------------------------------------------------------------------

namespace {

// Hints and lineage that name what a shrink removed go; the schemas are
// repaired, the rows made valid. False when the result is no case the
// generator could have made.
bool tidy(evolve_case& c, const generator_options& o) {
  repair(c.v1, o);
  repair(c.v2, o);
  for (auto& t : c.v2.tables) {
    if (t.renamed_from && !c.v1.find_table(*t.renamed_from)) t.renamed_from.reset();
    const std::string* origin = c.origin.table_origin(t.name);
    const db::table* t1 = origin ? c.v1.find_table(*origin) : nullptr;
    for (auto& col : t.columns)
      if (col.renamed_from && (!t1 || !t1->find_column(*col.renamed_from))) col.renamed_from.reset();
  }
  std::erase_if(c.origin.table, [&](const auto& e) { return !c.v2.find_table(e.first) || !c.v1.find_table(e.second); });
  std::erase_if(c.origin.column, [&](const auto& e) {
    const std::string* origin = c.origin.table_origin(e.first.first);
    const db::table* t1 = origin ? c.v1.find_table(*origin) : nullptr;
    const db::table* t2 = c.v2.find_table(e.first.first);
    return !t1 || !t2 || !t2->find_column(e.first.second) || !t1->find_column(e.second);
  });
  keep_valid_rows(c.v1, c.rows, c.dialect);
  return !c.v1.tables.empty() && schema_problems(c.v1, o, true).empty() && schema_problems(c.v2, o, false).empty() &&
         avoided_problems(c, o).empty() && lineage_problems(c).empty();
}

using mutation = std::function<void(evolve_case&)>;

// What a shrink must make smaller: every part of both schemas, every row, and
// every column v2 changes. A candidate is taken only when it is smaller, so
// shrinking ends.
std::size_t case_size(const evolve_case& c) {
  std::size_t n = 0;
  for (const auto* s : {&c.v1, &c.v2}) {
    for (const auto& e : s->enums) n += 1 + e.values.size();
    for (const auto& t : s->tables) {
      n += 1 + t.columns.size() + t.primary_key.size() + (t.renamed_from ? 1 : 0);
      for (const auto& col : t.columns) n += (col.default_sql ? 1 : 0) + (col.renamed_from ? 1 : 0);
      for (const auto& i : t.indexes) n += 1 + i.columns.size() + (i.unique ? 1 : 0) + (i.where ? 1 : 0);
      for (const auto& fk : t.foreign_keys) n += 1 + fk.columns.size();
    }
  }
  for (const auto& [table, rows] : c.rows) n += rows.size();
  for (const auto& t2 : c.v2.tables) {
    const std::string* origin = c.origin.table_origin(t2.name);
    const db::table* t1 = origin ? c.v1.find_table(*origin) : nullptr;
    if (!t1) continue;
    for (const auto& col : t2.columns) {
      const std::string* from = c.origin.column_origin(t2.name, col.name);
      const db::column* c1 = from ? t1->find_column(*from) : nullptr;
      if (c1 && !(*c1 == col)) ++n;
    }
  }
  return n;
}

void erase_table(db::schema& s, const std::string& name) {
  std::erase_if(s.tables, [&](const db::table& t) { return t.name == name; });
}

void erase_column(db::schema& s, const std::string& table, const std::string& column) {
  for (auto& t : s.tables)
    if (t.name == table) std::erase_if(t.columns, [&](const db::column& c) { return c.name == column; });
}

db::table* table_in(db::schema& s, const std::string& name) {
  for (auto& t : s.tables)
    if (t.name == name) return &t;
  return nullptr;
}

// Smaller cases, the largest cuts first.
std::vector<mutation> candidates(const evolve_case& c) {
  std::vector<mutation> out;
  // No edit at all (the failure is v1's own), no rows at all.
  out.push_back([](evolve_case& x) {
    x.v2 = x.v1;
    x.origin = {};
    for (const auto& t : x.v1.tables) {
      x.origin.table[t.name] = t.name;
      for (const auto& col : t.columns) x.origin.column[{t.name, col.name}] = col.name;
    }
  });
  out.push_back([](evolve_case& x) {
    for (auto& [table, rows] : x.rows) rows.clear();
  });
  for (const auto& e : c.v1.enums) {
    const std::string name = e.name;
    out.push_back([name](evolve_case& x) {
      for (auto* s : {&x.v1, &x.v2}) std::erase_if(s->enums, [&](const db::enum_type& en) { return en.name == name; });
    });
  }
  for (const auto& e : c.v2.enums) {
    const std::string name = e.name;
    out.push_back([name](evolve_case& x) { std::erase_if(x.v2.enums, [&](const db::enum_type& en) { return en.name == name; }); });
  }
  for (const auto& t1 : c.v1.tables) {
    const std::string name = t1.name;
    out.push_back([name](evolve_case& x) {
      if (const std::string* heir = x.origin.table_heir(name)) erase_table(x.v2, std::string(*heir));
      erase_table(x.v1, name);
      x.rows.erase(name);
    });
  }
  for (const auto& t2 : c.v2.tables) {
    const std::string name = t2.name;
    out.push_back([name](evolve_case& x) { erase_table(x.v2, name); });
  }
  for (const auto& t1 : c.v1.tables) {
    const std::string name = t1.name;
    out.push_back([name](evolve_case& x) {
      erase_table(x.v1, name);
      x.rows.erase(name);
    });
  }
  for (const auto& [table, rows] : c.rows) {
    if (rows.empty()) continue;
    const std::string name = table;
    out.push_back([name](evolve_case& x) { x.rows[name].clear(); });
    if (rows.size() > 2)
      out.push_back([name](evolve_case& x) { x.rows[name].resize(x.rows[name].size() / 2); });
    for (std::size_t i = 0; i < rows.size(); ++i)
      out.push_back([name, i](evolve_case& x) {
        auto& r = x.rows[name];
        if (i < r.size()) r.erase(r.begin() + static_cast<std::ptrdiff_t>(i));
      });
  }
  for (const auto& t1 : c.v1.tables)
    for (const auto& col : t1.columns) {
      const std::string table = t1.name, column = col.name;
      out.push_back([table, column](evolve_case& x) {
        if (const std::string* heir = x.origin.table_heir(table)) {
          const std::string t2 = *heir;
          if (const std::string* h = x.origin.column_heir(t2, column)) erase_column(x.v2, t2, std::string(*h));
        }
        erase_column(x.v1, table, column);
      });
      out.push_back([table, column](evolve_case& x) { erase_column(x.v1, table, column); });
    }
  for (const auto& t2 : c.v2.tables)
    for (const auto& col : t2.columns) {
      const std::string table = t2.name, column = col.name;
      out.push_back([table, column](evolve_case& x) { erase_column(x.v2, table, column); });
    }
  using side_of_case = db::schema evolve_case::*;
  for (side_of_case side : {&evolve_case::v1, &evolve_case::v2}) {
    for (const auto& t : (c.*side).tables) {
      const std::string table = t.name;
      for (std::size_t i = 0; i < t.indexes.size(); ++i)
        out.push_back([side, table, i](evolve_case& x) {
          if (auto* tt = table_in(x.*side, table); tt && i < tt->indexes.size())
            tt->indexes.erase(tt->indexes.begin() + static_cast<std::ptrdiff_t>(i));
        });
      for (std::size_t i = 0; i < t.foreign_keys.size(); ++i)
        out.push_back([side, table, i](evolve_case& x) {
          if (auto* tt = table_in(x.*side, table); tt && i < tt->foreign_keys.size())
            tt->foreign_keys.erase(tt->foreign_keys.begin() + static_cast<std::ptrdiff_t>(i));
        });
      if (!t.primary_key.empty())
        out.push_back([side, table](evolve_case& x) {
          if (auto* tt = table_in(x.*side, table)) tt->primary_key.clear();
        });
      for (std::size_t i = 0; i < t.indexes.size(); ++i)
        if (t.indexes[i].where || t.indexes[i].unique)
          out.push_back([side, table, i](evolve_case& x) {
            if (auto* tt = table_in(x.*side, table); tt && i < tt->indexes.size()) {
              if (tt->indexes[i].where) tt->indexes[i].where.reset();
              else tt->indexes[i].unique = false;
            }
          });
    }
    for (const auto& e : (c.*side).enums) {
      const std::string name = e.name;
      for (const std::string& label : e.values)
        out.push_back([name, label](evolve_case& x) {
          for (auto* s : {&x.v1, &x.v2})
            for (auto& en : s->enums)
              if (en.name == name && en.values.size() > 1) std::erase(en.values, label);
        });
    }
  }
  // Undo a column's edit: v2 takes v1's definition again.
  for (const auto& t2 : c.v2.tables) {
    const std::string* origin = c.origin.table_origin(t2.name);
    const db::table* t1 = origin ? c.v1.find_table(*origin) : nullptr;
    if (!t1) continue;
    if (t1->primary_key != t2.primary_key) {
      const std::string table = t2.name;
      out.push_back([table](evolve_case& x) {
        const db::table* from = x.v1.find_table(*x.origin.table_origin(table));
        db::table* to = table_in(x.v2, table);
        std::vector<std::string> key;
        for (const auto& k : from->primary_key)
          if (const std::string* h = x.origin.column_heir(table, k)) key.push_back(*h);
        if (key.size() == from->primary_key.size()) to->primary_key = key;
      });
    }
    for (const auto& col : t2.columns) {
      const std::string* from = c.origin.column_origin(t2.name, col.name);
      if (!from) continue;
      const db::column* c1 = t1->find_column(*from);
      if (!c1 || (c1->type == col.type && c1->nullable == col.nullable && c1->default_sql == col.default_sql &&
                  c1->autoincrement == col.autoincrement && c1->enum_type == col.enum_type))
        continue;
      const std::string table = t2.name, column = col.name;
      const db::column original = *c1;
      out.push_back([table, column, original](evolve_case& x) {
        for (auto& t : x.v2.tables)
          if (t.name == table)
            for (auto& k : t.columns)
              if (k.name == column) {
                k.type = original.type;
                k.nullable = original.nullable;
                k.default_sql = original.default_sql;
                k.autoincrement = original.autoincrement;
                k.enum_type = original.enum_type;
              }
      });
    }
  }
  return out;
}

}  // namespace

evolve_case shrink(const evolve_case& c, const failure& f, backend& engine, const generator_options& o,
                   const shrink_limits& limits, int& runs) {
  const auto deadline = std::chrono::steady_clock::now() + limits.max_time;
  evolve_case best = c;
  // One pass over the candidates after another until a pass changes nothing;
  // after a success the pass goes on where it was (the candidates before
  // failed already), so a pass costs about one run per candidate.
  for (bool progress = true; progress;) {
    progress = false;
    auto list = candidates(best);
    for (std::size_t k = 0; k < list.size(); ++k) {
      if (runs >= limits.max_runs || std::chrono::steady_clock::now() > deadline) return best;
      evolve_case next = best;
      list[k](next);
      if (!tidy(next, o) || case_size(next) >= case_size(best)) continue;
      ++runs;
      const auto r = run_case(next, engine).failed;
      if (!r || r->signature != f.signature) continue;
      best = std::move(next);
      best.edits = {"(shrunk)"};
      list = candidates(best);
      progress = true;
    }
  }
  return best;
}

// ---- printing --------------------------------------------------------------------

namespace {

std::string sql_literal(db::dialect d, const value& v) {
  if (v.is_null()) return "NULL";
  if (d == db::dialect::postgres) return quote_literal(v.bytes);
  if (v.type == value::kind::real && (v.real > 1e308 || v.real < -1e308)) return v.real > 0 ? "9e999" : "-9e999";
  return v.to_string();
}

std::string inserts(const evolve_case& c) {
  std::string out;
  for (const auto& t : c.v1.tables) {
    const auto it = c.rows.find(t.name);
    if (it == c.rows.end()) continue;
    for (const auto& r : it->second) {
      std::string names, values;
      for (const auto& col : t.columns) {
        names += (names.empty() ? "" : ", ") + quote_name(col.name);
        values += (values.empty() ? "" : ", ") + sql_literal(c.dialect, r.at(col.name));
      }
      out += "  INSERT INTO " + quote_name(t.name) + " (" + names + ") VALUES (" + values + ");\n";
    }
  }
  return out.empty() ? "  (none)\n" : out;
}

std::string cpp_string(const std::string& s) {
  std::string out = "\"";
  for (unsigned char ch : s) {
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += static_cast<char>(ch);
    } else if (ch < 0x20 || ch >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", ch);
      out += buf;
    } else {
      out += static_cast<char>(ch);
    }
  }
  return out + "\"";
}

std::string cpp_names(const std::vector<std::string>& names) {
  std::string out = "{";
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + cpp_string(names[i]);
  return out + "}";
}

std::string cpp_action(db::referential_action a) {
  switch (a) {
    case db::referential_action::no_action: return "db::referential_action::no_action";
    case db::referential_action::restrict: return "db::referential_action::restrict";
    case db::referential_action::cascade: return "db::referential_action::cascade";
    case db::referential_action::set_null: return "db::referential_action::set_null";
    case db::referential_action::set_default: return "db::referential_action::set_default";
  }
  return "";
}

std::string cpp_schema(const std::string& var, const db::schema& s) {
  std::string out = "  db::schema " + var + ";\n";
  for (const auto& e : s.enums)
    out += "  " + var + ".enums.push_back({" + cpp_string(e.name) + ", " + cpp_names(e.values) + "});\n";
  for (const auto& t : s.tables) {
    out += "  " + var + ".tables.push_back({.name = " + cpp_string(t.name) + ",\n    .columns = {";
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      const auto& c = t.columns[i];
      out += std::string(i ? ",\n                " : "") + "{.name = " + cpp_string(c.name) + ", .type = " + cpp_string(c.type);
      if (c.nullable) out += ", .nullable = true";
      if (c.default_sql) out += ", .default_sql = " + cpp_string(*c.default_sql);
      if (c.autoincrement) out += ", .autoincrement = true";
      if (c.enum_type) out += ", .enum_type = " + cpp_string(*c.enum_type);
      if (c.renamed_from) out += ", .renamed_from = " + cpp_string(*c.renamed_from);
      out += "}";
    }
    out += "},\n    .primary_key = " + cpp_names(t.primary_key);
    if (!t.indexes.empty()) {
      out += ",\n    .indexes = {";
      for (std::size_t i = 0; i < t.indexes.size(); ++i) {
        const auto& x = t.indexes[i];
        out += std::string(i ? ", " : "") + "{.name = " + cpp_string(x.name) + ", .columns = " + cpp_names(x.columns) +
               (x.unique ? ", .unique = true" : "") + (x.where ? ", .where = " + cpp_string(*x.where) : "") + "}";
      }
      out += "}";
    }
    if (!t.foreign_keys.empty()) {
      out += ",\n    .foreign_keys = {";
      for (std::size_t i = 0; i < t.foreign_keys.size(); ++i) {
        const auto& fk = t.foreign_keys[i];
        out += std::string(i ? ",\n                     " : "") + "{.name = " + cpp_string(fk.name) +
               ", .columns = " + cpp_names(fk.columns) + ", .referenced_table = " + cpp_string(fk.referenced_table) +
               ", .referenced_columns = " + cpp_names(fk.referenced_columns) + ", .on_delete = " +
               cpp_action(fk.on_delete) + ", .on_update = " + cpp_action(fk.on_update) + "}";
      }
      out += "}";
    }
    if (t.renamed_from) out += ",\n    .renamed_from = " + cpp_string(*t.renamed_from);
    out += "});\n";
  }
  return out;
}

std::string schema_text(const db::schema& s) {
  std::string out;
  for (const auto& line : lines_of(db::to_string(s))) out += "  " + line + "\n";
  return out.empty() ? "  (empty)\n" : out;
}

}  // namespace

std::string describe(const evolve_case& c) {
  std::string out = "dialect " + dialect_name(c.dialect) + ", seed " + std::to_string(c.seed) + "\nedits:";
  for (const auto& e : c.edits) out += "\n  - " + e;
  out += "\nv1:\n" + schema_text(c.v1) + "rows:\n" + inserts(c) + "v2:\n" + schema_text(c.v2) + "lineage (v2 <- v1):";
  for (const auto& [v2, v1] : c.origin.table)
    if (v2 != v1) out += "\n  table `" + v2 + "` <- `" + v1 + "`";
  for (const auto& [key, v1] : c.origin.column)
    if (key.second != v1) out += "\n  column `" + key.first + "`.`" + key.second + "` <- `" + v1 + "`";
  return out + "\n";
}

std::string cpp_of(const evolve_case& c) { return cpp_schema("v1", c.v1) + cpp_schema("v2", c.v2); }

// ---- the batch -------------------------------------------------------------------

namespace {

std::optional<std::string> env(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return std::nullopt;
  return std::string(v);
}

std::string enabled_list(const generator_options& o) {
  std::string out;
  for (const auto& k : known_bugs())
    if (!o.avoids(k.bug)) out += (out.empty() ? "" : ",") + std::string(k.name);
  return out;
}

}  // namespace

batch_options batch_options_from_environment(db::dialect d, int default_cases, int default_seconds) {
  batch_options o;
  o.generator.dialect = d;
  o.cases = default_cases;
  o.budget = std::chrono::seconds(default_seconds);
  // Every known class whose switch is on is avoided unless DBPUSH_EVOLVE_ENABLE
  // names it (or says all).
  for (const auto& k : known_bugs())
    if (k.avoided_by_default) o.generator.avoid.insert(k.bug);
  if (auto enable = env("DBPUSH_EVOLVE_ENABLE")) {
    std::stringstream in(*enable);
    for (std::string item; std::getline(in, item, ',');)
      for (const auto& k : known_bugs())
        if (item == "all" || item == k.name) o.generator.avoid.erase(k.bug);
  }
  if (auto v = env("DBPUSH_EVOLVE_CASES")) o.cases = std::stoi(*v);
  if (auto v = env("DBPUSH_EVOLVE_FIRST_SEED")) o.first_seed = std::stoull(*v);
  if (auto v = env("DBPUSH_EVOLVE_SEED")) o.only_seed = std::stoull(*v);
  if (auto v = env("DBPUSH_EVOLVE_SECONDS")) o.budget = std::chrono::seconds(std::stoi(*v));
  if (auto v = env("DBPUSH_EVOLVE_SHRINK")) o.shrink = *v != "0";
  if (auto v = env("DBPUSH_EVOLVE_MAX_SHRUNK")) o.max_shrunk = std::stoi(*v);
  if (auto v = env("DBPUSH_EVOLVE_SHRINK_SECONDS")) o.shrinking.max_time = std::chrono::seconds(std::stoi(*v));
  if (auto v = env("DBPUSH_EVOLVE_VERBOSE")) o.verbose = *v != "0";
  return o;
}

batch_report run_batch(backend& engine, const batch_options& o) {
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + o.budget;
  batch_report report;
  struct failed_case {
    evolve_case c;
    failure f;
  };
  std::vector<failed_case> failures;
  std::map<std::string, std::vector<std::uint64_t>> seeds_by_signature;
  std::map<std::string, int> outcomes;  // how v2's pushes ended
  const std::string name = dialect_name(o.generator.dialect);
  std::string out;
  auto seed_of = [&](int i) { return o.only_seed ? *o.only_seed : o.first_seed + static_cast<std::uint64_t>(i); };
  const int total = o.only_seed ? 1 : o.cases;
  for (int i = 0; i < total; ++i) {
    if (!o.only_seed && i > 0 && std::chrono::steady_clock::now() > deadline) {
      out += "evolve " + name + ": time budget of " + std::to_string(o.budget.count()) + " s reached after " +
             std::to_string(i) + " cases\n";
      break;
    }
    const auto seed = seed_of(i);
    evolve_case c;
    std::optional<failure> f;
    try {
      c = generate_case(seed, o.generator);
      auto r = run_case(c, engine);
      f = std::move(r.failed);
      ++outcomes[r.outcome.empty() ? "failed before its outcome" : r.outcome];
    } catch (const std::exception& e) {
      f = fail("tester", "the harness threw", e.what());
    }
    ++report.cases;
    if (o.verbose || o.only_seed) out += "case " + std::to_string(seed) + ": " + (f ? f->signature : "ok") + "\n";
    if (o.only_seed) out += describe(c);
    if (!f) continue;
    ++report.failed;
    seeds_by_signature[f->signature].push_back(seed);
    if (seeds_by_signature[f->signature].size() == 1) failures.push_back({c, *f});
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::string enable = enabled_list(o.generator);
  out += "evolve " + name + ": " + std::to_string(report.cases) + " cases from seed " + std::to_string(seed_of(0)) +
         " in " + std::to_string(static_cast<int>(report.seconds)) + " s, " + std::to_string(report.failed) +
         " failed; known bugs generated: " + (enable.empty() ? "none" : enable) + "\n  v2 pushes:";
  for (const auto& [how, n] : outcomes) out += " " + how + " " + std::to_string(n) + ";";
  out += "\n";
  int shrunk = 0;
  for (const auto& [c, f] : failures) {
    const auto& seeds = seeds_by_signature[f.signature];
    out += "\nFAILED " + f.signature + "\n  seeds (" + std::to_string(seeds.size()) + "):";
    for (std::size_t k = 0; k < seeds.size() && k < 20; ++k) out += " " + std::to_string(seeds[k]);
    out += "\n  replay: DBPUSH_EVOLVE_SEED=" + std::to_string(c.seed) +
           (enable.empty() ? "" : " DBPUSH_EVOLVE_ENABLE=" + enable) + " <build>/tests/reliability.evolve_" + name +
           "\n" + f.detail + "\n";
    if (!o.shrink || shrunk >= o.max_shrunk) {
      out += describe(c);
      continue;
    }
    ++shrunk;
    int runs = 0;
    const auto small = shrink(c, f, engine, o.generator, o.shrinking, runs);
    const auto again = run_case(small, engine).failed;
    out += "shrunk in " + std::to_string(runs) + " runs; it fails with:\n" + (again ? again->detail : "(passes?)") +
           "\n" + describe(small) + "C++:\n" + cpp_of(small);
  }
  report.text = out;
  return report;
}

}  // namespace evolve
