// Random pushes that combine a change of values (a new column with a default,
// NULLs filled by a default, a cast) with constraints (unique indexes and
// foreign keys, new or kept) on a table with rows. Each dialect's test runs them
// and checks that every push is either refused by the checker or applied: no
// data conflict may reach the apply phase.
#pragma once

#include <dbpush/check/check.hpp>
#include <dbpush/schema/schema.hpp>

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
  db::column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.nullable = nullable;
  c.default_sql = std::move(default_sql);
  return c;
}

inline db::index unique(std::vector<std::string> columns) {
  db::index i;
  i.columns = std::move(columns);
  i.unique = true;
  return i;
}

inline db::foreign_key to_parent(std::string column) {
  db::foreign_key fk;
  fk.columns = {std::move(column)};
  fk.referenced_table = "p";
  fk.referenced_columns = {"k"};
  return fk;
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
  p.indexes = {detail::unique({"k"})};

  const type_pool& key_pool = pr.types.front();
  std::vector<std::string> parent_keys;
  for (const auto& k : key_pool.literals)
    if (r.chance(50)) parent_keys.push_back(k);
  for (const auto& k : parent_keys) out.inserts.push_back(pr.insert_ignoring_duplicates("p", "k", k));

  const type_pool& x_live = r.pick(pr.types);
  const bool x_nullable = r.chance(75);
  db::table c_live;
  c_live.name = "c";
  c_live.columns = {id, detail::column("x", x_live.type, x_nullable)};
  c_live.primary_key = {"id"};
  const bool live_unique = r.chance(40);
  const bool live_fk = x_live.type == pr.key_type && r.chance(50);
  if (live_unique) c_live.indexes.push_back(detail::unique({"x"}));
  if (live_fk) c_live.foreign_keys.push_back(detail::to_parent("x"));
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

  const type_pool& x_target = r.chance(50) ? x_live : r.pick(pr.types);
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
    y_pool = r.pick(pr.types);
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
  constrain(r.chance(50), [&] { c_target.indexes.push_back(detail::unique({"x"})); }, "unique x");
  constrain(y_pool && r.chance(35), [&] { c_target.indexes.push_back(detail::unique({"y"})); }, "unique y");
  constrain(y_pool && r.chance(25), [&] { c_target.indexes.push_back(detail::unique({"x", "y"})); }, "unique x, y");
  constrain(x.type == pr.key_type && r.chance(55), [&] { c_target.foreign_keys.push_back(detail::to_parent("x")); },
            "x -> p.k");
  constrain(y_pool && y_pool->type == pr.key_type && r.chance(60),
            [&] { c_target.foreign_keys.push_back(detail::to_parent("y")); }, "y -> p.k");

  out.live.tables = {p, c_live};
  out.target.tables = {p, c_target};
  return out;
}

}  // namespace value_scenarios
