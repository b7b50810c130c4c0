// Random pushes that combine a change of values (a new column with a default,
// NULLs filled by a default, a cast) with constraints (unique indexes and
// foreign keys, new or kept) on a table with rows. Each dialect's test runs them
// and checks that every push is either refused by the checker or applied: no
// data conflict may reach the apply phase.
#pragma once

#include "support/schema_builders.hpp"

#include <dbpush/check/check.hpp>
#include <dbpush/push/push.hpp>
#include <dbpush/schema/schema.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace value_scenarios {

struct type_pool {
  std::string type;
  std::vector<std::string> literals;  // values (SQL literals) a column of that type may hold
};

// What a dialect's test gives the generator.
struct profile {
  std::string key_type;  // the parent's key type: foreign keys only join columns of it
  std::vector<type_pool> types;  // the first one is key_type's
  // INSERT of one value into one column that skips rows a unique index refuses.
  std::function<std::string(const std::string& table, const std::string& column, const std::string& literal)>
      insert_ignoring_duplicates;
};

// How the random test reaches a dialect's database.
struct database {
  std::function<void()> empty;                                 // drops p and c, if there
  std::function<void(const db::schema&)> push;                 // pushes (refusing data loss)
  std::function<db::push_result(const db::schema&)> push_accepting;  // pushes with accept_data_loss
  std::function<void(const std::string&)> exec;
  std::function<std::int64_t(const std::string&)> rows_of_c;   // rows of table c where the condition holds
  std::function<std::string()> contents;                       // schema and data, to compare before and after
};

struct scenario {
  db::schema live, target;
  std::vector<std::string> inserts;  // the live rows, run after pushing `live`
  bool fills = false;                // c.x becomes required with a default: its NULLs are filled
  std::string description;
};

// Outcomes over many scenarios, so a test can tell that it reached each kind.
struct tally {
  int applied = 0, refused = 0, duplicates = 0, orphans = 0, fills = 0;

  void count(const std::vector<db::finding>& findings) {
    for (const auto& f : findings) {
      duplicates += f.message.find("duplicate values") != std::string::npos;
      orphans += f.message.find("reference no row") != std::string::npos ||
                 f.message.find("references no row") != std::string::npos;
    }
  }
  std::string summary() const {
    return "applied " + std::to_string(applied) + ", refused " + std::to_string(refused) + " (duplicates " +
           std::to_string(duplicates) + ", orphans " + std::to_string(orphans) + "), pushes that filled NULLs " +
           std::to_string(fills);
  }
};

namespace detail {

class chooser {
 public:
  explicit chooser(unsigned seed) : gen_(seed) {}
  bool chance(int percent) { return std::uniform_int_distribution<int>(0, 99)(gen_) < percent; }
  std::size_t below(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(gen_); }
  template <class T>
  const T& pick(const std::vector<T>& from) { return from[below(from.size())]; }

 private:
  std::mt19937 gen_;
};

inline db::column column(std::string name, std::string type, bool nullable,
                         std::optional<std::string> default_sql = std::nullopt) {
  auto c = schema_builders::col(std::move(name), std::move(type), nullable);
  c.default_sql = std::move(default_sql);
  return c;
}

}  // namespace detail

// p(id, k unique) and c(id, x [, y]); c's rows and its change are drawn from `seed`.
inline scenario make(unsigned seed, const profile& pr) {
  detail::chooser r(seed);
  scenario out;
  auto id = detail::column("id", pr.key_type, false);
  id.autoincrement = true;
  db::table p;
  p.name = "p";
  p.columns = {id, detail::column("k", pr.key_type, false)};
  p.primary_key = {"id"};
  p.indexes = {schema_builders::idx({"k"}, true)};

  const type_pool& key_pool = pr.types.front();
  std::vector<std::string> parent_keys;
  for (const auto& k : key_pool.literals)
    if (r.chance(50)) parent_keys.push_back(k);
  for (const auto& k : parent_keys) out.inserts.push_back(pr.insert_ignoring_duplicates("p", "k", k));

  // The key's type often, so foreign keys are common.
  auto any_type = [&]() -> const type_pool& { return r.chance(30) ? pr.types.front() : r.pick(pr.types); };
  const type_pool& x_live = any_type();
  const bool x_nullable = r.chance(75);
  db::table c_live;
  c_live.name = "c";
  c_live.columns = {id, detail::column("x", x_live.type, x_nullable)};
  c_live.primary_key = {"id"};
  const bool live_unique = r.chance(40);
  const bool live_fk = x_live.type == pr.key_type && r.chance(50);
  if (live_unique) c_live.indexes.push_back(schema_builders::idx({"x"}, true));
  if (live_fk) c_live.foreign_keys.push_back(schema_builders::fk({"x"}, "p", {"k"}));
  out.description = "live c.x " + x_live.type + (x_nullable ? " NULL" : " NOT NULL") +
                    (live_unique ? " unique" : "") + (live_fk ? " -> p.k" : "");

  // Rows of c: a kept foreign key holds, so its values come from the parent's keys.
  const auto& candidates = live_fk ? parent_keys : x_live.literals;
  const std::size_t rows = r.below(6);
  for (std::size_t i = 0; i < rows; ++i) {
    if (x_nullable && (candidates.empty() || r.chance(30))) {
      out.inserts.push_back(pr.insert_ignoring_duplicates("c", "x", "NULL"));
    } else if (!candidates.empty()) {
      out.inserts.push_back(pr.insert_ignoring_duplicates("c", "x", r.pick(candidates)));
    }
  }

  const type_pool& x_target = r.chance(50) ? x_live : any_type();
  auto x = detail::column("x", x_target.type, x_nullable);
  if (x_nullable && r.chance(55)) {
    x.nullable = false;
    if (r.chance(80)) {
      x.default_sql = r.pick(x_target.literals);
      out.fills = true;
    }
  }
  db::table c_target = c_live;
  c_target.indexes.clear();
  c_target.foreign_keys.clear();
  c_target.columns[1] = x;
  out.description += "; target c.x " + x.type + (x.nullable ? " NULL" : " NOT NULL") +
                     (x.default_sql ? " DEFAULT " + *x.default_sql : "");

  std::optional<type_pool> y_pool;
  if (r.chance(50)) {
    y_pool = any_type();
    auto y = detail::column("y", y_pool->type, r.chance(60));
    if (r.chance(75)) y.default_sql = r.pick(y_pool->literals);
    c_target.columns.push_back(y);
    out.description += ", new c.y " + y.type + (y.nullable ? " NULL" : " NOT NULL") +
                       (y.default_sql ? " DEFAULT " + *y.default_sql : "");
  }
  auto constrain = [&](bool yes, auto add, const std::string& what) {
    if (!yes) return;
    add();
    out.description += ", " + what;
  };
  constrain(r.chance(50), [&] { c_target.indexes.push_back(schema_builders::idx({"x"}, true)); }, "unique x");
  constrain(y_pool && r.chance(35), [&] { c_target.indexes.push_back(schema_builders::idx({"y"}, true)); }, "unique y");
  constrain(y_pool && r.chance(25), [&] { c_target.indexes.push_back(schema_builders::idx({"x", "y"}, true)); }, "unique x, y");
  constrain(x.type == pr.key_type && r.chance(55), [&] { c_target.foreign_keys.push_back(schema_builders::fk({"x"}, "p", {"k"})); },
            "x -> p.k");
  constrain(y_pool && y_pool->type == pr.key_type && r.chance(60),
            [&] { c_target.foreign_keys.push_back(schema_builders::fk({"y"}, "p", {"k"})); }, "y -> p.k");

  out.live.tables = {p, c_live};
  out.target.tables = {p, c_target};
  return out;
}

// Pushes `seeds` scenarios and checks that each is refused by the checker
// (database unchanged) or applied (every NULL a default filled reported with its
// count); a db::error of any other kind means a conflict reached the apply
// phase. Returns what happened, for the caller's thresholds.
inline tally run(const profile& pr, const database& d, unsigned seeds) {
  tally outcomes;
  for (unsigned seed = 1; seed <= seeds; ++seed) {
    CAPTURE(seed);
    const auto s = make(seed, pr);
    CAPTURE(s.description);
    d.empty();
    d.push(s.live);
    for (const auto& statement : s.inserts) d.exec(statement);
    const auto before = d.contents();
    const auto nulls = d.rows_of_c("x IS NULL");
    try {
      auto r = d.push_accepting(s.target);
      outcomes.applied++;
      if (s.fills && nulls > 0) {
        outcomes.fills++;
        REQUIRE(r.fills.size() == 1);
        CHECK(r.fills[0].count == nulls);
        CHECK(d.rows_of_c("x IS NULL") == 0);
      } else {
        CHECK(r.fills.empty());
      }
    } catch (const db::unexecutable_error& e) {
      outcomes.refused++;
      outcomes.count(e.findings());
      CHECK(d.contents() == before);
    } catch (const db::error& e) {
      FAIL_CHECK((std::string("a conflict reached the apply phase: ") + e.what()));
    }
  }
  MESSAGE(outcomes.summary());
  return outcomes;
}

// ---- spellings both dialects run -------------------------------------------

// A nullable text column `code` of c under a unique index becomes required
// with the default 'z'.
struct fill_under_unique {
  const char* name;
  const char* rows;  // values of `code`
  std::int64_t duplicates;
};

inline std::vector<fill_under_unique> fills_under_unique() {
  return {{"two NULLs become the same default", "('a'), (NULL), (NULL)", 2},
          {"a NULL becomes a value already there", "('z'), (NULL), ('b')", 2},
          {"one NULL, default unused", "('a'), (NULL)", 0}};
}

inline std::string fill_under_unique_refusal(std::int64_t duplicates) {
  return "A unique index `c_code_key` on table `c` (columns `code`) cannot be kept: " + std::to_string(duplicates) +
         " rows would have duplicate values once `code` takes its default `'z'` where it is NULL.";
}

// A cast of c.v under a kept unique index.
inline std::string cast_under_unique_refusal(std::int64_t duplicates, const std::string& from, const std::string& to) {
  return "A unique index `c_v_key` on table `c` (columns `v`) cannot be kept: " + std::to_string(duplicates) +
         " rows would have duplicate values once `v` is cast from `" + from + "` to `" + to + "`.";
}

// Three rows of c get an added column p_id with a default `shown` and a foreign key to p.
inline std::string new_default_orphans_refusal(const std::string& shown) {
  return "The foreign key `c_p_id_fkey` on table `c` cannot be added: 3 rows of `c` would reference no row of `p` "
         "once the new column `p_id` takes its default `" +
         shown + "` in every row.";
}

// c.p_id -> p.id, rows (1), (NULL), (NULL), becomes required with default 9 (no parent) or 1.
inline const char* const kept_foreign_key_fill_refusal =
    "The foreign key `c_p_id_fkey` on table `c` cannot be kept: 2 rows of `c` would reference no row of `p` once "
    "`p_id` takes its default `9` where it is NULL.";
inline const char* const kept_foreign_key_fill =
    "Filled the 2 NULL values of the column `p_id` on the `c` table with its default `1`, as the column is now "
    "required.";

// Three rows of c get an added column under a new unique index.
inline std::string new_default_duplicates_refusal(const std::string& column, const std::string& shown) {
  return "A unique index `c_" + column + "_key` on table `c` (columns `" + column +
         "`) cannot be created: 3 rows would have duplicate values once the new column `" + column +
         "` takes its default `" + shown + "` in every row.";
}

inline const char* const required_without_default_hint =
    " Fill the NULL values first, or declare a default value for the column so the push fills them.";

}  // namespace value_scenarios
