#include "reliability/generator.hpp"

#include "reliability/types.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <stdexcept>

namespace evolve {

namespace {

using db::dialect;

class dice {
 public:
  explicit dice(std::uint64_t seed) : rng(seed) {}
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng() % n); }
  int between(int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<std::uint64_t>(hi - lo + 1)); }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }
  std::mt19937_64 rng;
};

// ---- names -----------------------------------------------------------------

// SQLite compares names case-insensitively (ASCII only); PostgreSQL compares
// quoted names exactly.
std::string fold(const std::string& name, dialect d) {
  if (d == dialect::postgres) return name;
  std::string out = name;
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const std::vector<std::string> plain_words = {"users", "posts", "id", "name", "email", "score", "created_at",
                                              "owner", "parent", "kind", "data", "amount", "a", "b", "c", "tag"};
const std::vector<std::string> mixed_case = {"UserName", "OrderID", "camelCase", "Address", "HTTPStatus"};
const std::vector<std::string> spaced = {"first name", "a b", " lead", "two  spaces"};
const std::vector<std::string> quoted = {"it's", "say \"hi\"", "back\\slash", "semi;colon", "dot.ted", "(paren)"};
const std::vector<std::string> reserved = {"select", "order", "group", "table", "from", "where", "default", "check",
                                           "primary", "user", "index", "key", "references", "null", "limit", "column"};
const std::vector<std::string> non_ascii = {"na\xC3\xAFve", "gr\xC3\xB6\xC3\x9F" "e", "\xE6\x97\xA5\xE6\x9C\xAC",
                                            "\xC3\xA9moji\xF0\x9F\x98\x80", "\xD0\xB8\xD0\xBC\xD1\x8F"};
// PostgreSQL refuses these as column names (system columns).
const std::set<std::string> system_columns = {"tableoid", "cmax", "xmax", "cmin", "xmin", "ctid", "oid"};
// Words PostgreSQL prints quoted although they are lower case: never written bare.
const std::set<std::string> keywords = {"select", "order", "group", "table", "from", "where", "default", "check",
                                        "primary", "user", "index", "key", "references", "null", "limit", "column",
                                        "all", "and", "or", "not", "is", "in", "as", "to", "on"};

bool bare_name(const std::string& name) {
  if (name.empty() || keywords.count(name) || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

std::string random_name(dice& d, const generator_options& o) {
  if (o.dialect == dialect::postgres && !o.avoids(known_bug::pg_long_names) && d.chance(0.03)) {
    std::string base = "a_name_longer_than_postgres_keeps_in_its_catalog_";
    while (base.size() < 64 + d.below(16)) base += static_cast<char>('a' + d.below(26));
    return base;
  }
  const std::size_t k = d.below(12);
  if (k < 6) return d.pick(plain_words) + (d.chance(0.5) ? std::to_string(d.below(100)) : "");
  if (k == 6) return d.pick(mixed_case);
  if (k == 7) return d.pick(spaced);
  if (k == 8) return d.pick(quoted);
  if (k == 9) return d.pick(reserved);
  return d.pick(non_ascii);
}

// A name `taken` does not refuse, from random_name with a counter when needed.
std::string fresh_name(dice& d, const generator_options& o, const std::function<bool(const std::string&)>& taken) {
  std::string name = random_name(d, o);
  for (int k = 2; taken(name) || name.empty(); ++k) name = random_name(d, o) + "_" + std::to_string(k);
  return name;
}

// The same name in another ASCII case, or nullopt when it has no letter to change.
std::optional<std::string> case_variant(const std::string& name) {
  std::string out = name;
  for (auto& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    else if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (out == name) return std::nullopt;
  return out;
}

// ---- schema lookups ----------------------------------------------------------

db::table* find_table(db::schema& s, const std::string& name) {
  for (auto& t : s.tables)
    if (t.name == name) return &t;
  return nullptr;
}

db::column* find_column(db::table& t, const std::string& name) {
  for (auto& c : t.columns)
    if (c.name == name) return &c;
  return nullptr;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool same_set(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

// The schema with generated names filled, as dbpush names things.
db::schema named(const db::schema& s) {
  db::schema out = s;
  db::normalise(out);
  return out;
}

std::string generated_name_uncut(const std::string& table, const std::vector<std::string>& columns, const char* suffix) {
  std::string name = table;
  for (const auto& c : columns) name += "_" + c;
  return name + "_" + suffix;
}

// Keys a foreign key may reference: the primary key and unique non-partial indexes.
std::vector<std::vector<std::string>> keys_of(const db::table& t) {
  std::vector<std::vector<std::string>> out;
  if (!t.primary_key.empty()) out.push_back(t.primary_key);
  for (const auto& i : t.indexes)
    if (i.unique && !i.where) out.push_back(i.columns);
  return out;
}

bool is_key(const db::table& t, const std::vector<std::string>& columns) {
  for (const auto& k : keys_of(t))
    if (same_set(k, columns)) return true;
  return false;
}

bool same_column_type(const db::column& a, const db::column& b) { return a.type == b.type && a.enum_type == b.enum_type; }

std::string text_type(dialect d) { return d == dialect::sqlite ? "TEXT" : "text"; }

// Whether the predicate fits the column's type (the forms are per family).
bool predicate_fits(const predicate& p, const db::table& t, dialect d) {
  const db::column* c = t.find_column(p.column);
  if (!c) return false;
  const family f = spec_of(d, *c).kind;
  switch (p.test) {
    case predicate::form::not_null:
    case predicate::form::is_null: return true;
    case predicate::form::positive: return f == family::integer;
    case predicate::form::non_empty: return f == family::text || f == family::bounded_text;
  }
  return false;
}

std::string write_predicate(const predicate& p, bool bare) {
  const std::string id = bare ? p.column : quote_name(p.column);
  switch (p.test) {
    case predicate::form::not_null: return id + " IS NOT NULL";
    case predicate::form::is_null: return id + " IS NULL";
    case predicate::form::positive: return id + " > 0";
    case predicate::form::non_empty: return id + " <> ''";
  }
  return id + " IS NOT NULL";
}

// ---- the generator -------------------------------------------------------------

class generator {
 public:
  generator(std::uint64_t seed, const generator_options& o) : d_(seed), o_(o) {}

  evolve_case run(std::uint64_t seed) {
    evolve_case c;
    c.dialect = o_.dialect;
    c.seed = seed;
    for (int attempt = 0;; ++attempt) {
      c.v1 = random_schema();
      repair(c.v1, o_);
      make_fillable(c.v1);
      if (schema_problems(c.v1, o_, true).empty()) break;
      if (attempt > 50) throw std::runtime_error("evolve: no valid v1 after 50 attempts (seed " + std::to_string(seed) + ")");
    }
    c.rows = fill_rows(c.v1);
    c.v2 = c.v1;
    for (const auto& t : c.v1.tables) {
      c.origin.table[t.name] = t.name;
      for (const auto& col : t.columns) c.origin.column[{t.name, col.name}] = col.name;
    }
    const int edits = d_.between(1, o_.max_edits);
    for (int k = 0, tries = 0; k < edits && tries < 40; ++tries) {
      auto before = c;
      std::string what = edit(c);
      if (what.empty()) continue;
      repair(c.v2, o_);
      if (!schema_problems(c.v2, o_, false).empty() || !avoided_problems(c, o_).empty() ||
          !lineage_problems(c).empty()) {
        c = std::move(before);
        continue;
      }
      c.edits.push_back(what);
      ++k;
    }
    return c;
  }

 private:
  dice d_;
  const generator_options& o_;

  dialect dia() const { return o_.dialect; }

  // ---- v1 ----

  std::vector<std::string> all_names(const db::schema& s) const {
    std::vector<std::string> out;
    const auto n = named(s);
    for (const auto& t : n.tables) {
      out.push_back(t.name);
      for (const auto& i : t.indexes) out.push_back(i.name);
    }
    for (const auto& e : n.enums) out.push_back(e.name);
    return out;
  }

  // A name for a table, index or enum: not used by either schema in the
  // namespace the dialect shares among them.
  std::string global_name(const std::vector<const db::schema*>& schemas) {
    std::set<std::string> used;
    for (const auto* s : schemas)
      for (const auto& n : all_names(*s)) used.insert(fold(n, dia()));
    return fresh_name(d_, o_, [&](const std::string& n) {
      const auto f = fold(n, dia());
      return used.count(f) || n.rfind("sqlite_", 0) == 0 || n.rfind("dbpush_new_", 0) == 0 ||
             n.find("_dbpush_old") != std::string::npos || used.count(fold(n + "_pkey", dia()));
    });
  }

  std::string column_name(const db::table& t, const std::vector<std::string>& also_taken = {}) {
    return fresh_name(d_, o_, [&](const std::string& n) {
      if (dia() == dialect::postgres && system_columns.count(n)) return true;
      for (const auto& c : t.columns)
        if (fold(c.name, dia()) == fold(n, dia())) return true;
      for (const auto& c : also_taken)
        if (fold(c, dia()) == fold(n, dia())) return true;
      return false;
    });
  }

  void random_type(db::column& c, const db::schema& s) {
    c.enum_type.reset();
    if (!s.enums.empty() && d_.chance(0.12)) {
      const auto& e = d_.pick(s.enums);
      c.enum_type = e.name;
      c.type = dia() == dialect::sqlite ? "TEXT" : e.name;
      return;
    }
    c.type = d_.pick(types_of(dia())).spelling;
  }

  void random_default(db::column& c, const db::schema& s) {
    const auto pool = defaults_for(dia(), c, labels_of(s, c), o_.avoids(known_bug::pg_expressions));
    if (pool.empty()) c.default_sql.reset();
    else c.default_sql = d_.pick(pool);
  }

  db::column random_column(const std::string& name, const db::schema& s) {
    db::column c;
    c.name = name;
    random_type(c, s);
    c.nullable = d_.chance(0.4);
    if (d_.chance(0.3)) random_default(c, s);
    return c;
  }

  std::vector<std::string> indexable_columns(const db::table& t) const {
    std::vector<std::string> out;
    for (const auto& c : t.columns)
      if (indexable(dia(), c)) out.push_back(c.name);
    return out;
  }

  std::vector<std::string> some_of(std::vector<std::string> pool, int most) {
    std::shuffle(pool.begin(), pool.end(), d_.rng);
    pool.resize(std::min<std::size_t>(pool.size(), static_cast<std::size_t>(d_.between(1, most))));
    return pool;
  }

  // Index and foreign key names are generated, or chosen when generated ones
  // would pass 63 bytes and long names are avoided.
  std::string index_name(const db::table& t, const std::vector<std::string>& columns, bool unique,
                         const std::vector<const db::schema*>& schemas) {
    const bool too_long = o_.avoids(known_bug::pg_long_names) && dia() == dialect::postgres &&
                          generated_name_uncut(t.name, columns, unique ? "key" : "idx").size() > 63;
    if (too_long || d_.chance(0.3)) return global_name(schemas);
    return {};
  }

  std::string fk_name(const db::table& t, const std::vector<std::string>& columns) {
    const bool too_long = o_.avoids(known_bug::pg_long_names) && dia() == dialect::postgres &&
                          generated_name_uncut(t.name, columns, "fkey").size() > 63;
    if (!too_long && !d_.chance(0.3)) return {};
    std::set<std::string> used;
    const auto alone = named(db::schema{{t}, {}});
    for (const auto& fk : alone.tables.front().foreign_keys) used.insert(fold(fk.name, dia()));
    return fresh_name(d_, o_, [&](const std::string& n) {
      return used.count(fold(n, dia())) || fold(n, dia()) == fold(t.name + "_pkey", dia());
    });
  }

  std::optional<std::string> random_where(const db::table& t) {
    std::vector<predicate> options;
    const bool pg_bare = dia() == dialect::postgres && o_.avoids(known_bug::pg_expressions);
    for (const auto& c : t.columns) {
      if (pg_bare && !bare_name(c.name)) continue;
      for (auto f : {predicate::form::not_null, predicate::form::is_null, predicate::form::positive,
                     predicate::form::non_empty}) {
        predicate p{c.name, f};
        if (predicate_fits(p, t, dia())) options.push_back(p);
      }
    }
    if (options.empty()) return std::nullopt;
    const auto& p = d_.pick(options);
    return write_predicate(p, pg_bare || (bare_name(p.column) && d_.chance(0.5)));
  }

  void add_random_index(db::table& t, const std::vector<const db::schema*>& schemas) {
    auto pool = indexable_columns(t);
    if (pool.empty()) return;
    db::index i;
    i.columns = some_of(pool, 3);
    i.unique = d_.chance(0.4);
    if (d_.chance(0.2)) i.where = random_where(t);
    i.name = index_name(t, i.columns, i.unique, schemas);
    t.indexes.push_back(std::move(i));
  }

  db::table random_table(const std::string& name, const db::schema& s, const std::vector<const db::schema*>& schemas) {
    db::table t;
    t.name = name;
    const int n = d_.between(1, o_.max_columns);
    for (int k = 0; k < n; ++k) t.columns.push_back(random_column(column_name(t), s));
    const auto pool = indexable_columns(t);
    const auto r = d_.below(100);
    if (!pool.empty() && r < 55) {
      t.primary_key = {d_.pick(pool)};
      auto& key = *find_column(t, t.primary_key.front());
      if (d_.chance(0.5)) {
        key.type = autoincrement_spelling(dia(), d_.rng);
        key.enum_type.reset();
        key.autoincrement = true;
        key.default_sql.reset();
      }
    } else if (pool.size() > 1 && r < 75) {
      t.primary_key = some_of(pool, 3);
    }
    for (const auto& k : t.primary_key) find_column(t, k)->nullable = false;
    const auto indexes = d_.below(3);
    for (std::size_t k = 0; k < indexes; ++k) add_random_index(t, schemas);
    return t;
  }

  db::enum_type random_enum(const std::vector<const db::schema*>& schemas) {
    db::enum_type e;
    e.name = global_name(schemas);
    const int n = d_.between(1, 4);
    while (static_cast<int>(e.values.size()) < n) {
      auto label = d_.chance(0.6) ? std::string(1, static_cast<char>('a' + d_.below(6))) : random_name(d_, o_);
      if (dia() == dialect::postgres && label.size() > 63) label.resize(40);
      if (!label.empty() && !contains(e.values, label)) e.values.push_back(label);
    }
    return e;
  }

  db::schema random_schema() {
    db::schema s;
    const auto enums = d_.below(3);
    for (std::size_t k = 0; k < enums; ++k) s.enums.push_back(random_enum({&s}));
    const int tables = d_.between(1, o_.max_tables);
    for (int k = 0; k < tables; ++k) {
      auto name = global_name({&s});
      s.tables.push_back(random_table(name, s, {&s}));
    }
    for (std::size_t k = 0; k < s.tables.size(); ++k) {
      const auto fks = d_.below(3);
      for (std::size_t f = 0; f < fks; ++f) add_random_foreign_key(s, k);
    }
    return s;
  }

  // A foreign key from table `child` to a key of a random table (itself
  // sometimes), on existing columns of the key's types or on new ones.
  bool add_random_foreign_key(db::schema& s, std::size_t child, std::optional<std::size_t> parent_at = std::nullopt) {
    const std::size_t p = parent_at ? *parent_at : (d_.chance(0.15) ? child : d_.below(s.tables.size()));
    const auto keys = keys_of(s.tables[p]);
    if (keys.empty()) return false;
    const auto key = d_.pick(keys);
    std::vector<db::column> referenced;
    for (const auto& k : key) referenced.push_back(*s.tables[p].find_column(k));
    db::table& t = s.tables[child];
    db::foreign_key fk;
    fk.referenced_table = s.tables[p].name;
    fk.referenced_columns = key;
    std::vector<std::string> added;
    for (const auto& r : referenced) {
      std::vector<std::string> same;
      for (const auto& c : t.columns)
        if (same_column_type(c, r) && !contains(fk.columns, c.name) && !c.autoincrement) same.push_back(c.name);
      if (!same.empty() && d_.chance(0.5)) {
        fk.columns.push_back(d_.pick(same));
        continue;
      }
      db::column c;
      c.name = column_name(t, added);
      c.type = r.type;
      c.enum_type = r.enum_type;
      c.nullable = d_.chance(0.6);
      added.push_back(c.name);
      fk.columns.push_back(c.name);
      t.columns.push_back(std::move(c));
    }
    static const db::referential_action actions[] = {db::referential_action::no_action, db::referential_action::restrict,
                                                     db::referential_action::cascade, db::referential_action::set_null,
                                                     db::referential_action::set_default};
    fk.on_delete = actions[d_.below(5)];
    fk.on_update = actions[d_.below(5)];
    fk.name = fk_name(t, fk.columns);
    t.foreign_keys.push_back(std::move(fk));
    // Sometimes the parent references the child back: a cycle.
    if (!parent_at && p != child && d_.chance(0.2)) add_random_foreign_key(s, p, child);
    return true;
  }

  // v1 must be fillable: foreign keys with a NOT NULL column form no cycle
  // (self-references included), and no referenced column is itself a
  // foreign key column (the filler gives keys their values first).
  void make_fillable(db::schema& s) {
    for (int round = 0; round < 20; ++round) {
      bool changed = false;
      // Referenced columns that are foreign key columns of their table: drop the referencing key.
      for (auto& t : s.tables) {
        auto& fks = t.foreign_keys;
        const auto before = fks.size();
        fks.erase(std::remove_if(fks.begin(), fks.end(),
                                 [&](const db::foreign_key& fk) {
                                   const db::table* parent = s.find_table(fk.referenced_table);
                                   if (!parent) return true;
                                   for (const auto& other : parent->foreign_keys)
                                     for (const auto& c : other.columns)
                                       if (contains(fk.referenced_columns, c)) return true;
                                   return false;
                                 }),
                  fks.end());
        changed = changed || fks.size() != before;
      }
      // A cycle of required foreign keys: make one of them nullable, or drop it.
      if (auto cycle = required_cycle(s)) {
        auto& [table, index] = *cycle;
        db::table& t = *find_table(s, table);
        auto& fk = t.foreign_keys[index];
        bool keyed = false;
        for (const auto& c : fk.columns) keyed = keyed || contains(t.primary_key, c);
        if (keyed) {
          t.foreign_keys.erase(t.foreign_keys.begin() + static_cast<std::ptrdiff_t>(index));
        } else {
          for (const auto& c : fk.columns) find_column(t, c)->nullable = true;
        }
        changed = true;
      }
      if (!changed) return;
      repair(s, o_);
    }
  }

  // A foreign key with a NOT NULL column on a cycle of such keys: (table, position).
  static std::optional<std::pair<std::string, std::size_t>> required_cycle(const db::schema& s) {
    std::map<std::string, std::vector<std::pair<std::string, std::size_t>>> edges;  // child -> (parent, fk)
    for (const auto& t : s.tables)
      for (std::size_t i = 0; i < t.foreign_keys.size(); ++i) {
        const auto& fk = t.foreign_keys[i];
        bool required = false;
        for (const auto& c : fk.columns) {
          const auto* col = t.find_column(c);
          required = required || (col && !col->nullable);
        }
        if (required) edges[t.name].push_back({fk.referenced_table, i});
      }
    // Depth-first search from each table for a path back to it.
    for (const auto& t : s.tables) {
      for (const auto& [first_parent, first_fk] : edges[t.name]) {
        std::set<std::string> seen;
        std::vector<std::string> stack{first_parent};
        while (!stack.empty()) {
          auto at = stack.back();
          stack.pop_back();
          if (at == t.name) return std::pair(t.name, first_fk);
          if (!seen.insert(at).second) continue;
          for (const auto& [parent, fk] : edges[at]) stack.push_back(parent);
        }
      }
    }
    return std::nullopt;
  }

  // ---- rows ----

  dataset fill_rows(const db::schema& s) {
    dataset rows;
    for (const auto& t : s.tables) rows[t.name];
    // Tables whose required foreign keys point at them come first.
    std::vector<const db::table*> order;
    std::set<std::string> placed;
    while (order.size() < s.tables.size()) {
      bool progress = false;
      for (const auto& t : s.tables) {
        if (placed.count(t.name)) continue;
        bool ready = true;
        for (const auto& fk : t.foreign_keys) {
          if (fk.referenced_table == t.name) continue;
          bool required = false;
          for (const auto& c : fk.columns) required = required || !t.find_column(c)->nullable;
          if (required && !placed.count(fk.referenced_table)) ready = false;
        }
        if (!ready) continue;
        order.push_back(&t);
        placed.insert(t.name);
        progress = true;
      }
      if (!progress) throw std::runtime_error("evolve: required foreign keys form a cycle");
    }
    for (const db::table* t : order) fill_table(s, *t, rows);
    // Keys to tables filled later, and self-references, once every table has rows.
    for (const db::table* t : order)
      for (const auto& fk : t->foreign_keys) {
        if (placed_before(order, fk.referenced_table, t->name)) continue;
        auto& own = rows[t->name];
        const auto& parents = rows[fk.referenced_table];
        for (std::size_t r = 0; r < own.size(); ++r) {
          if (parents.empty() || !d_.chance(0.6)) continue;
          const auto parent = d_.pick(parents);
          auto candidate = own[r];
          for (std::size_t k = 0; k < fk.columns.size(); ++k)
            candidate[fk.columns[k]] = parent.at(fk.referenced_columns[k]);
          auto saved = own[r];
          own[r] = candidate;
          if (!row_problems(s, rows, dia()).empty()) own[r] = saved;
        }
      }
    auto problems = row_problems(s, rows, dia());
    if (!problems.empty()) throw std::runtime_error("evolve: the filler made rows that break v1: " + problems.front());
    return rows;
  }

  static bool placed_before(const std::vector<const db::table*>& order, const std::string& parent,
                            const std::string& child) {
    for (const db::table* t : order) {
      if (t->name == child) return false;
      if (t->name == parent) return true;
    }
    return false;
  }

  // Identities close to the top of their type, as a long-lived table has.
  std::int64_t near_largest_id(const db::table& t) const {
    for (const auto& c : t.columns)
      if (c.autoincrement && dia() == dialect::postgres) {
        if (c.type == "smallint") return 32700;
        if (c.type == "integer") return 2147483600;
      }
    return 9223372036854775000;
  }

  void fill_table(const db::schema& s, const db::table& t, dataset& rows) {
    const int n = d_.chance(0.2) ? 0 : d_.between(1, o_.max_rows);
    auto& own = rows[t.name];
    std::int64_t next_id = d_.chance(0.2) ? near_largest_id(t) : 1;
    for (int k = 0; k < n; ++k) {
      for (int attempt = 0; attempt < 20; ++attempt) {
        row r;
        for (const auto& c : t.columns) {
          if (c.autoincrement) {
            r[c.name] = dia() == dialect::sqlite ? value::of_integer(next_id) : value::of_text(std::to_string(next_id));
            continue;
          }
          if (c.nullable && d_.chance(0.25)) {
            r[c.name] = value::null();
            continue;
          }
          const auto pool = values_for(dia(), c, labels_of(s, c));
          r[c.name] = pool.empty() ? value::null() : d_.pick(pool);
        }
        // Keys to tables filled before: a parent's row, or NULLs where allowed.
        bool possible = true;
        for (const auto& fk : t.foreign_keys) {
          const bool later = fk.referenced_table == t.name || rows[fk.referenced_table].empty();
          bool nullable = true;
          for (const auto& c : fk.columns) nullable = nullable && t.find_column(c)->nullable;
          if (later || (nullable && d_.chance(0.2))) {
            if (!nullable && later) possible = false;
            for (const auto& c : fk.columns)
              if (t.find_column(c)->nullable) r[c] = value::null();
            continue;
          }
          const auto parent = d_.pick(rows[fk.referenced_table]);
          for (std::size_t i = 0; i < fk.columns.size(); ++i) r[fk.columns[i]] = parent.at(fk.referenced_columns[i]);
          // MATCH SIMPLE: a composite key with one NULL column references nothing.
          if (fk.columns.size() > 1 && d_.chance(0.1)) {
            const auto& c = d_.pick(fk.columns);
            if (t.find_column(c)->nullable) r[c] = value::null();
          }
        }
        if (!possible) break;
        own.push_back(r);
        if (row_problems(s, rows, dia()).empty()) {
          ++next_id;
          break;
        }
        own.pop_back();
      }
    }
  }

  // ---- edits ----

  std::vector<const db::schema*> both(const evolve_case& c) const { return {&c.v1, &c.v2}; }

  db::table& pick_table(evolve_case& c) { return c.v2.tables[d_.below(c.v2.tables.size())]; }

  // Gives the generated names of a table's indexes and foreign keys their
  // current values explicitly, so a rename keeps them (the switch for issue
  // 10.6's generated names after renames).
  void freeze_names(evolve_case& c, const std::string& table) {
    const auto n = named(c.v2);
    db::table& t = *find_table(c.v2, table);
    const db::table& filled = *n.find_table(table);
    // normalise sorts indexes and keys by name: match them by definition.
    for (auto& i : t.indexes)
      if (i.name.empty())
        for (const auto& f : filled.indexes)
          if (f.columns == i.columns && f.unique == i.unique && f.where == i.where) i.name = f.name;
    for (auto& fk : t.foreign_keys)
      if (fk.name.empty())
        for (const auto& f : filled.foreign_keys)
          if (f.columns == fk.columns && f.referenced_table == fk.referenced_table) fk.name = f.name;
  }

  std::string edit(evolve_case& c) {
    if (c.v2.tables.empty()) return add_table(c);
    switch (d_.below(22)) {
      case 0: return add_table(c);
      case 1: return drop_table(c);
      case 2: case 3: return rename_table(c);
      case 4: return add_column(c);
      case 5: return drop_column(c);
      case 6: case 7: return rename_column(c);
      case 8: case 9: return retype_column(c);
      case 10: return change_nullability(c);
      case 11: return change_default(c);
      case 12: return toggle_autoincrement(c);
      case 13: return change_primary_key(c);
      case 14: return add_index(c);
      case 15: return drop_or_change_index(c);
      case 16: return add_foreign_key(c);
      case 17: return drop_or_change_foreign_key(c);
      case 18: case 19: return edit_enum(c);
      case 20: return convert_enum_column(c);
      default: return rename_or_reorder(c);
    }
  }

  // Column order (never compared), an index's or a foreign key's own name.
  std::string rename_or_reorder(evolve_case& c) {
    db::table& t = pick_table(c);
    switch (d_.below(3)) {
      case 0: {
        if (t.columns.size() < 2) return {};
        std::shuffle(t.columns.begin(), t.columns.end(), d_.rng);
        return "reorder the columns of `" + t.name + "`";
      }
      case 1: {
        if (t.indexes.empty()) return {};
        auto& i = t.indexes[d_.below(t.indexes.size())];
        i.name = global_name(both(c));
        return "name an index of `" + t.name + "` `" + i.name + "`";
      }
      default: {
        if (t.foreign_keys.empty()) return {};
        auto& fk = t.foreign_keys[d_.below(t.foreign_keys.size())];
        const auto before = fk.name;
        fk.name = fk_name(t, fk.columns);
        if (fk.name == before) return {};
        return "name a foreign key of `" + t.name + "` `" + fk.name + "`";
      }
    }
  }

  std::string add_table(evolve_case& c) {
    auto name = global_name(both(c));
    c.v2.tables.push_back(random_table(name, c.v2, both(c)));
    if (d_.chance(0.5)) add_random_foreign_key(c.v2, c.v2.tables.size() - 1);
    return "add table `" + name + "`";
  }

  std::string drop_table(evolve_case& c) {
    const auto name = pick_table(c).name;
    c.v2.tables.erase(std::find_if(c.v2.tables.begin(), c.v2.tables.end(), [&](const db::table& t) { return t.name == name; }));
    for (auto& t : c.v2.tables)
      std::erase_if(t.foreign_keys, [&](const db::foreign_key& fk) { return fk.referenced_table == name; });
    forget_table(c, name);
    return "drop table `" + name + "`";
  }

  void forget_table(evolve_case& c, const std::string& v2_table) {
    c.origin.table.erase(v2_table);
    std::erase_if(c.origin.column, [&](const auto& e) { return e.first.first == v2_table; });
  }

  // Renamed object names: a new one, or the same in another case (what
  // issue 10.4 is about on SQLite).
  std::string renamed(const std::string& old, const std::function<std::string()>& fresh,
                      const std::function<bool(const std::string&)>& free) {
    const bool case_only_allowed = dia() == dialect::postgres || !o_.avoids(known_bug::sqlite_name_case);
    if (case_only_allowed && d_.chance(0.2))
      if (auto v = case_variant(old); v && free(*v)) return *v;
    return fresh();
  }

  std::string rename_table(evolve_case& c) {
    db::table& t = pick_table(c);
    const std::string old = t.name;
    const std::string* origin = c.origin.table_origin(old);
    if (origin && *origin != old) return {};  // renamed already
    const bool pg_keyed = dia() == dialect::postgres && !t.primary_key.empty();
    if (o_.avoids(known_bug::renamed_generated_names) && pg_keyed) return {};
    if (o_.avoids(known_bug::renamed_generated_names)) freeze_names(c, old);
    std::set<std::string> v2_names;
    for (const auto& n : all_names(c.v2)) v2_names.insert(fold(n, dia()));
    const std::string name = renamed(
        old, [&] { return global_name(both(c)); },
        [&](const std::string& n) { return !v2_names.count(fold(n, dia())) || fold(n, dia()) == fold(old, dia()); });
    db::table& target = *find_table(c.v2, old);
    target.name = name;
    for (auto& other : c.v2.tables)
      for (auto& fk : other.foreign_keys)
        if (fk.referenced_table == old) fk.referenced_table = name;
    const bool hinted = origin && d_.chance(0.85);
    // SQLite: a name in another case is the same table (issue 10.4's rule), hint or not.
    const bool same_object = hinted || (origin && dia() == dialect::sqlite && fold(name, dia()) == fold(old, dia()));
    if (same_object) {
      const std::string from = *origin;
      if (hinted) target.renamed_from = old;
      c.origin.table.erase(old);
      c.origin.table[name] = from;
      std::map<std::pair<std::string, std::string>, std::string> moved;
      for (auto it = c.origin.column.begin(); it != c.origin.column.end();) {
        if (it->first.first == old) {
          moved[{name, it->first.second}] = it->second;
          it = c.origin.column.erase(it);
        } else {
          ++it;
        }
      }
      c.origin.column.insert(moved.begin(), moved.end());
    } else {
      forget_table(c, old);
    }
    return "rename table `" + old + "` to `" + name + "`" + (hinted ? " (renamed_from)" : " (no hint)");
  }

  db::column* pick_column(db::table& t, const std::function<bool(const db::column&)>& ok) {
    std::vector<db::column*> pool;
    for (auto& col : t.columns)
      if (ok(col)) pool.push_back(&col);
    if (pool.empty()) return nullptr;
    return pool[d_.below(pool.size())];
  }

  std::string add_column(evolve_case& c) {
    db::table& t = pick_table(c);
    auto col = random_column(column_name(t, origin_columns_of(c, t)), c.v2);
    if (d_.chance(0.3)) {
      col.nullable = false;
      col.default_sql.reset();
    }
    const auto name = col.name;
    t.columns.insert(t.columns.begin() + static_cast<std::ptrdiff_t>(d_.below(t.columns.size() + 1)), std::move(col));
    if (d_.chance(0.3)) add_random_index(t, both(c));
    return "add column `" + t.name + "`.`" + name + "`";
  }

  // The v1 columns of the table a v2 table continues: a new column taking one
  // of their names would be that column again for dbpush.
  std::vector<std::string> origin_columns_of(const evolve_case& c, const db::table& t) const {
    std::vector<std::string> out;
    if (const auto* origin = c.origin.table_origin(t.name))
      if (const auto* v1 = c.v1.find_table(*origin))
        for (const auto& col : v1->columns) out.push_back(col.name);
    return out;
  }

  std::string drop_column(evolve_case& c) {
    db::table& t = pick_table(c);
    if (t.columns.size() < 2) return {};
    auto* col = pick_column(t, [](const db::column&) { return true; });
    const std::string name = col->name;
    std::erase_if(t.columns, [&](const db::column& x) { return x.name == name; });
    if (contains(t.primary_key, name)) {
      if (d_.chance(0.5)) t.primary_key.clear();
      else std::erase(t.primary_key, name);
    }
    c.origin.column.erase({t.name, name});
    return "drop column `" + t.name + "`.`" + name + "`";
  }

  std::string rename_column(evolve_case& c) {
    db::table& t = pick_table(c);
    auto* col = pick_column(t, [](const db::column&) { return true; });
    const std::string old = col->name;
    const std::string* origin = c.origin.column_origin(t.name, old);
    if (origin && *origin != old) return {};
    if (o_.avoids(known_bug::renamed_generated_names)) freeze_names(c, t.name);
    const std::string name = renamed(
        old, [&] { return column_name(t, origin_columns_of(c, t)); },
        [&](const std::string& n) { return !find_column(t, n); });
    const bool hinted = origin && d_.chance(0.85);
    const bool same_object = hinted || (origin && dia() == dialect::sqlite && fold(name, dia()) == fold(old, dia()));
    col->name = name;
    col->renamed_from.reset();
    if (hinted) col->renamed_from = old;
    std::replace(t.primary_key.begin(), t.primary_key.end(), old, name);
    for (auto& i : t.indexes) {
      std::replace(i.columns.begin(), i.columns.end(), old, name);
      if (i.where)
        if (auto p = parse_predicate(*i.where); p && p->column == old) {
          const bool was_bare = i.where->front() != '"';
          p->column = name;
          i.where = write_predicate(*p, was_bare && bare_name(name));
        }
    }
    for (auto& fk : t.foreign_keys) std::replace(fk.columns.begin(), fk.columns.end(), old, name);
    for (auto& other : c.v2.tables)
      for (auto& fk : other.foreign_keys)
        if (fk.referenced_table == t.name) std::replace(fk.referenced_columns.begin(), fk.referenced_columns.end(), old, name);
    if (same_object) {
      const std::string from = *origin;
      c.origin.column.erase({t.name, old});
      c.origin.column[{t.name, name}] = from;
    } else {
      c.origin.column.erase({t.name, old});
    }
    return "rename column `" + t.name + "`.`" + old + "` to `" + name + "`" + (hinted ? " (renamed_from)" : " (no hint)");
  }

  // Columns joined to (table, column) by foreign keys, itself included: a
  // type change applies to all of them, so keys keep matching types.
  std::vector<std::pair<std::string, std::string>> linked_columns(const db::schema& s, const std::string& table,
                                                                  const std::string& column) const {
    std::vector<std::pair<std::string, std::string>> out{{table, column}};
    for (std::size_t k = 0; k < out.size(); ++k) {
      const auto [tn, cn] = out[k];
      auto add = [&](const std::string& a, const std::string& b) {
        if (std::find(out.begin(), out.end(), std::pair(a, b)) == out.end()) out.emplace_back(a, b);
      };
      for (const auto& t : s.tables)
        for (const auto& fk : t.foreign_keys)
          for (std::size_t i = 0; i < fk.columns.size() && i < fk.referenced_columns.size(); ++i) {
            if (t.name == tn && fk.columns[i] == cn) add(fk.referenced_table, fk.referenced_columns[i]);
            if (fk.referenced_table == tn && fk.referenced_columns[i] == cn) add(t.name, fk.columns[i]);
          }
    }
    return out;
  }

  // Values of `c` change in this push (not only their spelling): the class
  // of issue 10.9 when a key or unique index uses the column.
  std::string retype_column(evolve_case& c) {
    db::table& t = pick_table(c);
    auto* col = pick_column(t, [&](const db::column& x) { return dia() == dialect::postgres || !x.autoincrement; });
    if (!col) return {};
    const bool keyed = contains(t.primary_key, col->name) ||
                       std::any_of(t.indexes.begin(), t.indexes.end(), [&](const db::index& i) { return contains(i.columns, col->name); });
    db::column next = *col;
    if (col->autoincrement) {
      if (o_.avoids(known_bug::pg_sequence_width)) return {};
      next.type = autoincrement_spelling(dia(), d_.rng);
    } else {
      random_type(next, c.v2);
    }
    if (same_column_type(next, *col)) return {};
    if (keyed && !indexable(dia(), next)) return {};
    const std::string what = "retype `" + t.name + "`.`" + col->name + "` from " + (col->enum_type ? "enum " : "") +
                             col->type + " to " + (next.enum_type ? "enum " : "") + next.type;
    const auto links = linked_columns(c.v2, t.name, col->name);
    const bool keep_keys = links.size() > 1 && d_.chance(0.5);
    for (const auto& [tn, cn] : keep_keys ? links : decltype(links){{t.name, col->name}}) {
      db::column& target = *find_column(*find_table(c.v2, tn), cn);
      target.type = next.type;
      target.enum_type = next.enum_type;
      if (target.default_sql) {
        if (d_.chance(0.5)) random_default(target, c.v2);
        else target.default_sql.reset();
      }
    }
    return what + (keep_keys ? " (and the columns its keys join)" : "");
  }

  std::string change_nullability(evolve_case& c) {
    db::table& t = pick_table(c);
    auto* col = pick_column(t, [&](const db::column& x) { return !contains(t.primary_key, x.name) && !x.autoincrement; });
    if (!col) return {};
    col->nullable = !col->nullable;
    if (!col->nullable && !col->default_sql && d_.chance(0.5)) random_default(*col, c.v2);
    return "make `" + t.name + "`.`" + col->name + "` " + (col->nullable ? "nullable" : "NOT NULL") +
           (col->default_sql ? " (default " + *col->default_sql + ")" : "");
  }

  std::string change_default(evolve_case& c) {
    db::table& t = pick_table(c);
    auto* col = pick_column(t, [](const db::column& x) { return !x.autoincrement; });
    if (!col) return {};
    const auto before = col->default_sql;
    if (col->default_sql && d_.chance(0.4)) col->default_sql.reset();
    else random_default(*col, c.v2);
    if (col->default_sql == before) return {};
    return "default of `" + t.name + "`.`" + col->name + "` " + (before ? *before : "none") + " -> " +
           (col->default_sql ? *col->default_sql : "none");
  }

  std::string toggle_autoincrement(evolve_case& c) {
    db::table& t = pick_table(c);
    if (t.primary_key.size() != 1) return {};
    db::column& key = *find_column(t, t.primary_key.front());
    if (!key.autoincrement && !autoincrement_type(dia(), key)) return {};
    key.autoincrement = !key.autoincrement;
    if (key.autoincrement) key.default_sql.reset();
    return std::string(key.autoincrement ? "autoincrement on " : "autoincrement off ") + "`" + t.name + "`.`" + key.name + "`";
  }

  std::string change_primary_key(evolve_case& c) {
    db::table& t = pick_table(c);
    const auto before = t.primary_key;
    const auto r = d_.below(3);
    if (r == 0 && !t.primary_key.empty()) {
      t.primary_key.clear();
    } else if (r == 1) {
      db::column id;
      id.name = column_name(t, origin_columns_of(c, t));
      id.type = autoincrement_spelling(dia(), d_.rng);
      id.autoincrement = d_.chance(0.7);
      t.columns.insert(t.columns.begin(), id);
      t.primary_key = {id.name};
    } else {
      auto pool = indexable_columns(t);
      if (pool.empty()) return {};
      t.primary_key = some_of(pool, 2);
    }
    if (t.primary_key == before) return {};
    for (const auto& k : t.primary_key) find_column(t, k)->nullable = false;
    std::string now;
    for (const auto& k : t.primary_key) now += (now.empty() ? "" : ", ") + k;
    return "primary key of `" + t.name + "` -> (" + now + ")";
  }

  std::string add_index(evolve_case& c) {
    db::table& t = pick_table(c);
    const auto count = t.indexes.size();
    add_random_index(t, both(c));
    if (t.indexes.size() == count) return {};
    return "add index on `" + t.name + "`";
  }

  std::string drop_or_change_index(evolve_case& c) {
    db::table& t = pick_table(c);
    if (t.indexes.empty()) return {};
    const auto at = d_.below(t.indexes.size());
    auto& i = t.indexes[at];
    switch (d_.below(4)) {
      case 0: t.indexes.erase(t.indexes.begin() + static_cast<std::ptrdiff_t>(at)); return "drop an index of `" + t.name + "`";
      case 1: i.unique = !i.unique; return "toggle unique of an index of `" + t.name + "`";
      case 2:
        if (i.where) i.where.reset();
        else i.where = random_where(t);
        return "change the predicate of an index of `" + t.name + "`";
      default: {
        auto pool = indexable_columns(t);
        if (pool.empty()) return {};
        i.columns = some_of(pool, 3);
        return "change the columns of an index of `" + t.name + "`";
      }
    }
  }

  std::string add_foreign_key(evolve_case& c) {
    const auto child = d_.below(c.v2.tables.size());
    if (!add_random_foreign_key(c.v2, child)) return {};
    return "add foreign key on `" + c.v2.tables[child].name + "`";
  }

  std::string drop_or_change_foreign_key(evolve_case& c) {
    db::table& t = pick_table(c);
    if (t.foreign_keys.empty()) return {};
    const auto at = d_.below(t.foreign_keys.size());
    if (d_.chance(0.5)) {
      t.foreign_keys.erase(t.foreign_keys.begin() + static_cast<std::ptrdiff_t>(at));
      return "drop a foreign key of `" + t.name + "`";
    }
    static const db::referential_action actions[] = {db::referential_action::no_action, db::referential_action::restrict,
                                                     db::referential_action::cascade, db::referential_action::set_null,
                                                     db::referential_action::set_default};
    t.foreign_keys[at].on_delete = actions[d_.below(5)];
    t.foreign_keys[at].on_update = actions[d_.below(5)];
    return "change the actions of a foreign key of `" + t.name + "`";
  }

  std::string edit_enum(evolve_case& c) {
    if (c.v2.enums.empty()) {
      c.v2.enums.push_back(random_enum(both(c)));
      return "add enum `" + c.v2.enums.back().name + "`";
    }
    auto& e = c.v2.enums[d_.below(c.v2.enums.size())];
    switch (d_.below(4)) {
      case 0: {
        std::string label = d_.chance(0.5) ? std::string(1, static_cast<char>('a' + d_.below(8))) : random_name(d_, o_);
        if (label.size() > 63) label.resize(40);
        if (contains(e.values, label)) return {};
        e.values.insert(e.values.begin() + static_cast<std::ptrdiff_t>(d_.below(e.values.size() + 1)), label);
        return "add value `" + label + "` to enum `" + e.name + "`";
      }
      case 1: {
        if (e.values.size() < 2) return {};
        const auto at = d_.below(e.values.size());
        const auto label = e.values[at];
        e.values.erase(e.values.begin() + static_cast<std::ptrdiff_t>(at));
        return "remove value `" + label + "` from enum `" + e.name + "`";
      }
      case 2: {
        if (e.values.size() < 2) return {};
        const auto before = e.values;
        std::shuffle(e.values.begin(), e.values.end(), d_.rng);
        if (e.values == before) return {};
        return "reorder enum `" + e.name + "`";
      }
      default:
        c.v2.enums.push_back(random_enum(both(c)));
        return "add enum `" + c.v2.enums.back().name + "`";
    }
  }

  std::string convert_enum_column(evolve_case& c) {
    db::table& t = pick_table(c);
    auto* col = pick_column(t, [&](const db::column& x) {
      const auto f = spec_of(dia(), x).kind;
      return !x.autoincrement && (x.enum_type || f == family::text);
    });
    if (!col) return {};
    if (col->enum_type) {
      const auto e = *col->enum_type;
      col->enum_type.reset();
      col->type = text_type(dia());
      col->default_sql.reset();
      return "make `" + t.name + "`.`" + col->name + "` text instead of enum `" + e + "`";
    }
    if (c.v2.enums.empty() || d_.chance(0.3)) c.v2.enums.push_back(random_enum(both(c)));
    const auto& e = d_.pick(c.v2.enums);
    col->enum_type = e.name;
    col->type = dia() == dialect::sqlite ? "TEXT" : e.name;
    col->default_sql.reset();
    return "make `" + t.name + "`.`" + col->name + "` an enum `" + e.name + "`";
  }
};

}  // namespace

// ---- repair and validity -------------------------------------------------------

void repair(db::schema& s, const generator_options& o) {
  const dialect d = o.dialect;
  std::set<std::string> enum_names;
  for (const auto& e : s.enums) enum_names.insert(e.name);
  for (auto& t : s.tables) {
    for (auto& c : t.columns) {
      if (c.enum_type && !enum_names.count(*c.enum_type)) {
        c.enum_type.reset();
        c.type = text_type(d);
        c.default_sql.reset();
      }
      if (c.enum_type) {
        c.type = d == dialect::sqlite ? "TEXT" : *c.enum_type;
        const auto labels = labels_of(s, c);
        if (c.default_sql && std::none_of(labels.begin(), labels.end(), [&](const std::string& l) { return quote_literal(l) == *c.default_sql; }))
          c.default_sql.reset();
      }
    }
    // Keys over missing or unindexable columns go; key columns are NOT NULL.
    bool key_ok = true;
    for (const auto& k : t.primary_key) {
      const db::column* c = t.find_column(k);
      key_ok = key_ok && c && indexable(d, *c);
    }
    std::set<std::string> distinct(t.primary_key.begin(), t.primary_key.end());
    if (!key_ok || distinct.size() != t.primary_key.size()) t.primary_key.clear();
    for (auto& c : t.columns) {
      if (contains(t.primary_key, c.name)) c.nullable = false;
      const bool sole_key = t.primary_key.size() == 1 && t.primary_key.front() == c.name;
      if (c.autoincrement && (!sole_key || !autoincrement_type(d, c))) c.autoincrement = false;
      if (c.autoincrement) {
        c.default_sql.reset();
        c.nullable = false;
      }
    }
    std::erase_if(t.indexes, [&](const db::index& i) {
      std::set<std::string> columns(i.columns.begin(), i.columns.end());
      if (i.columns.empty() || columns.size() != i.columns.size()) return true;
      for (const auto& c : i.columns) {
        const db::column* col = t.find_column(c);
        if (!col || !indexable(d, *col)) return true;
      }
      if (i.where) {
        const auto p = parse_predicate(*i.where);
        if (!p || !predicate_fits(*p, t, d)) return true;
      }
      return false;
    });
  }
  // Foreign keys: to an existing key of equal types.
  for (auto& t : s.tables)
    std::erase_if(t.foreign_keys, [&](const db::foreign_key& fk) {
      const db::table* parent = s.find_table(fk.referenced_table);
      if (!parent || fk.columns.empty() || fk.columns.size() != fk.referenced_columns.size()) return true;
      std::set<std::string> columns(fk.columns.begin(), fk.columns.end());
      if (columns.size() != fk.columns.size()) return true;
      for (std::size_t i = 0; i < fk.columns.size(); ++i) {
        const db::column* c = t.find_column(fk.columns[i]);
        const db::column* r = parent->find_column(fk.referenced_columns[i]);
        if (!c || !r || !same_column_type(*c, *r)) return true;
      }
      return !is_key(*parent, fk.referenced_columns);
    });
}

std::vector<std::string> schema_problems(const db::schema& s, const generator_options& o, bool for_rows) {
  const dialect d = o.dialect;
  std::vector<std::string> out;
  auto problem = [&](std::string p) { out.push_back(std::move(p)); };
  const auto n = named(s);
  std::set<std::string> relations, types;  // the namespaces tables, indexes and types share
  auto claim = [&](std::set<std::string>& space, const std::string& name, const std::string& what) {
    if (!space.insert(fold(name, d)).second) problem("the name `" + name + "` is used twice (" + what + ")");
  };
  const bool pg = d == dialect::postgres;
  auto length_ok = [&](const std::string& name, const std::string& what) {
    if (pg && o.avoids(known_bug::pg_long_names) && name.size() > 63) problem(what + " `" + name + "` is over 63 bytes");
  };
  for (const auto& e : n.enums) {
    claim(types, e.name, "enum");
    length_ok(e.name, "enum");
    std::set<std::string> labels;
    for (const auto& v : e.values) {
      if (v.empty() || !labels.insert(v).second) problem("enum `" + e.name + "` has an empty or repeated value");
      if (pg && v.size() > 63) problem("enum label over 63 bytes");
    }
  }
  for (const auto& t : n.tables) {
    if (t.name.empty() || t.name.rfind("sqlite_", 0) == 0 || t.name.rfind("dbpush_new_", 0) == 0)
      problem("table name `" + t.name + "` not allowed");
    claim(relations, t.name, "table");
    if (pg) {
      claim(types, t.name, "table type");
      claim(relations, t.name + "_pkey", "primary key");
    }
    length_ok(t.name, "table");
    if (t.columns.empty()) problem("table `" + t.name + "` has no column");
    std::set<std::string> columns;
    for (const auto& c : t.columns) {
      if (c.name.empty() || !columns.insert(fold(c.name, d)).second) problem("column `" + c.name + "` repeated");
      if (pg && system_columns.count(c.name)) problem("system column name");
      length_ok(c.name, "column");
      if (c.autoincrement && pg) claim(relations, t.name + "_" + c.name + "_seq", "identity sequence");
    }
    std::set<std::string> constraints;
    if (pg) constraints.insert(fold(t.name + "_pkey", d));
    for (const auto& i : t.indexes) {
      claim(relations, i.name, "index");
      if (pg && o.avoids(known_bug::pg_long_names) &&
          (i.name.size() > 63 || generated_name_uncut(t.name, i.columns, i.unique ? "key" : "idx").size() > 63) &&
          s.find_table(t.name) && std::any_of(s.find_table(t.name)->indexes.begin(), s.find_table(t.name)->indexes.end(),
                                              [&](const db::index& x) { return x.name.empty() && x.columns == i.columns; }))
        problem("generated index name over 63 bytes");
      length_ok(i.name, "index");
    }
    for (const auto& fk : t.foreign_keys) {
      if (!constraints.insert(fold(fk.name, d)).second) problem("foreign key name `" + fk.name + "` repeated");
      length_ok(fk.name, "foreign key");
      if (pg && o.avoids(known_bug::pg_long_names) && generated_name_uncut(t.name, fk.columns, "fkey").size() > 63)
        for (const auto& x : s.find_table(t.name)->foreign_keys)
          if (x.name.empty() && x.columns == fk.columns) problem("generated foreign key name over 63 bytes");
    }
    if (for_rows) {
      for (const auto& fk : t.foreign_keys) {
        const db::table* parent = n.find_table(fk.referenced_table);
        if (!parent) continue;
        for (const auto& other : parent->foreign_keys)
          for (const auto& c : other.columns)
            if (contains(fk.referenced_columns, c)) problem("a referenced column is a foreign key column");
        if (fk.referenced_table == t.name)
          for (const auto& c : fk.columns)
            if (!t.find_column(c)->nullable) problem("a required self-reference");
      }
    }
  }
  return out;
}

std::vector<std::string> avoided_problems(const evolve_case& c, const generator_options& o) {
  std::vector<std::string> out;
  const dialect d = o.dialect;
  const bool pg = d == dialect::postgres;
  for (const auto& t2 : c.v2.tables) {
    const std::string* origin = c.origin.table_origin(t2.name);
    const db::table* t1 = origin ? c.v1.find_table(*origin) : nullptr;
    // A foreign key to a column the push adds to a table with rows: its
    // children reference NULLs or a default (the checker does not look).
    if (o.avoids(known_bug::checker_after_values))
      for (const auto& fk : t2.foreign_keys) {
        const std::string* parent_origin = c.origin.table_origin(fk.referenced_table);
        if (!parent_origin) continue;
        for (const auto& col : fk.referenced_columns)
          if (!c.origin.column_origin(fk.referenced_table, col)) out.push_back("10.9: a foreign key to a new column");
      }
    // Columns a key, unique index or foreign key of v2 uses or references.
    std::set<std::string> constrained(t2.primary_key.begin(), t2.primary_key.end());
    for (const auto& i : t2.indexes)
      if (i.unique) constrained.insert(i.columns.begin(), i.columns.end());
    for (const auto& fk : t2.foreign_keys) constrained.insert(fk.columns.begin(), fk.columns.end());
    for (const auto& other : c.v2.tables)
      for (const auto& fk : other.foreign_keys)
        if (fk.referenced_table == t2.name) constrained.insert(fk.referenced_columns.begin(), fk.referenced_columns.end());
    for (const auto& c2 : t2.columns) {
      const std::string* from = c.origin.column_origin(t2.name, c2.name);
      const db::column* c1 = t1 && from ? t1->find_column(*from) : nullptr;
      if (!c1) {
        if (t1 && o.avoids(known_bug::checker_after_values) && constrained.count(c2.name) &&
            (c2.default_sql || c2.autoincrement))
          out.push_back("10.9: a new column with a default under a key");
        continue;
      }
      const auto cast = documented_cast(d, *c1, c2);
      const bool values_change = (cast != cast_kind::same && cast != cast_kind::safe) || c1->enum_type != c2.enum_type ||
                                 (c1->nullable && !c2.nullable && c2.default_sql);
      if (o.avoids(known_bug::checker_after_values) && values_change && constrained.count(c2.name))
        out.push_back("10.9: values change under a key");
      if (pg && o.avoids(known_bug::pg_null_fill) && c1->nullable && !c2.nullable && c2.default_sql)
        out.push_back("10.6: NOT NULL with a default over NULLs");
      if (pg && o.avoids(known_bug::pg_sequence_width) && c1->autoincrement && c2.autoincrement && c1->type != c2.type)
        out.push_back("10.3: autoincrement width");
      if (o.avoids(known_bug::sqlite_name_case) && d == dialect::sqlite && c1->name != c2.name &&
          fold(c1->name, d) == fold(c2.name, d))
        out.push_back("10.4: column renamed in case only");
    }
    if (pg && o.avoids(known_bug::pg_expressions))
      for (const auto* t : {&t2, t1})
        for (const auto& i : t ? t->indexes : std::vector<db::index>{})
          if (i.where && i.where->front() == '"') out.push_back("10.1: a predicate on a quoted name");
    if (t1 && o.avoids(known_bug::sqlite_name_case) && d == dialect::sqlite && t1->name != t2.name &&
        fold(t1->name, d) == fold(t2.name, d))
      out.push_back("10.4: table renamed in case only");
    if (t1 && o.avoids(known_bug::renamed_generated_names)) {
      // A generated name is made of the table's and the columns' names.
      auto renamed = [&](const std::vector<std::string>& columns) {
        return t1->name != t2.name || std::any_of(columns.begin(), columns.end(), [&](const std::string& col) {
                 const auto* from = c.origin.column_origin(t2.name, col);
                 return from && *from != col;
               });
      };
      for (const auto& i : t2.indexes)
        if (i.name.empty() && renamed(i.columns)) out.push_back("10.6: generated index name after a rename");
      for (const auto& fk : t2.foreign_keys)
        if (fk.name.empty() && renamed(fk.columns)) out.push_back("10.6: generated foreign key name after a rename");
      const bool table_renamed = t1->name != t2.name;
      if (pg && table_renamed && !t2.primary_key.empty()) out.push_back("10.6: primary key name after a rename");
    }
  }
  if (o.avoids(known_bug::sqlite_name_case) && d == dialect::sqlite) {
    // A v2 name that a different v1 object holds in another case.
    const auto n1 = named(c.v1), n2 = named(c.v2);
    std::map<std::string, std::string> v1_names;
    for (const auto& t : n1.tables) {
      v1_names[fold(t.name, d)] = t.name;
      for (const auto& i : t.indexes) v1_names[fold(i.name, d)] = i.name;
    }
    auto clash = [&](const std::string& name) {
      auto it = v1_names.find(fold(name, d));
      return it != v1_names.end() && it->second != name;
    };
    for (const auto& t : n2.tables) {
      const std::string* origin = c.origin.table_origin(t.name);
      if (clash(t.name) && !(origin && fold(*origin, d) == fold(t.name, d) && *origin == t.name))
        out.push_back("10.4: a v2 name differs from a v1 name only in case");
      for (const auto& i : t.indexes)
        if (clash(i.name)) out.push_back("10.4: a v2 index name differs from a v1 name only in case");
    }
  }
  return out;
}

std::vector<std::string> lineage_problems(const evolve_case& c) {
  std::vector<std::string> out;
  const dialect d = c.dialect;
  // How dbpush pairs a v2 object with a live one (docs: by name, then by an
  // unclaimed renamed_from hint whose name is not kept); SQLite pairs names
  // that differ only in case too (issue 10.4's rule).
  auto pairs = [&](const std::string& v2_name, const std::optional<std::string>& hint, const std::string& v1_name,
                   bool v1_name_kept) {
    return v2_name == v1_name || (hint && *hint == v1_name && !v1_name_kept) ||
           (d == dialect::sqlite && fold(v2_name, d) == fold(v1_name, d));
  };
  for (const auto& [v2, v1] : c.origin.table) {
    const db::table* t2 = c.v2.find_table(v2);
    const db::table* t1 = c.v1.find_table(v1);
    if (!t1 || !t2) {
      out.push_back("lineage names a missing table `" + v2 + "` <- `" + v1 + "`");
      continue;
    }
    if (!pairs(v2, t2->renamed_from, v1, c.v2.find_table(v1) != nullptr))
      out.push_back("dbpush would not pair table `" + v2 + "` with `" + v1 + "`");
  }
  for (const auto& t2 : c.v2.tables)
    if (c.v1.find_table(t2.name) && !c.origin.table_origin(t2.name))
      out.push_back("table `" + t2.name + "` keeps a v1 name but continues nothing");
  for (const auto& [key, v1] : c.origin.column) {
    const std::string* origin = c.origin.table_origin(key.first);
    const db::table* t1 = origin ? c.v1.find_table(*origin) : nullptr;
    const db::table* t2 = c.v2.find_table(key.first);
    const db::column* c2 = t2 ? t2->find_column(key.second) : nullptr;
    if (!t1 || !c2 || !t1->find_column(v1)) {
      out.push_back("lineage names a missing column `" + key.first + "`.`" + key.second + "`");
      continue;
    }
    if (!pairs(key.second, c2->renamed_from, v1, t2->find_column(v1) != nullptr))
      out.push_back("dbpush would not pair column `" + key.second + "` with `" + v1 + "`");
  }
  for (const auto& t2 : c.v2.tables) {
    const std::string* origin = c.origin.table_origin(t2.name);
    const db::table* t1 = origin ? c.v1.find_table(*origin) : nullptr;
    if (!t1) continue;
    for (const auto& col : t2.columns)
      if (t1->find_column(col.name) && !c.origin.column_origin(t2.name, col.name))
        out.push_back("column `" + col.name + "` keeps a v1 name but continues nothing");
  }
  return out;
}

// ---- rows ------------------------------------------------------------------------

std::optional<predicate> parse_predicate(const std::string& where) {
  static const std::pair<const char*, predicate::form> forms[] = {{" IS NOT NULL", predicate::form::not_null},
                                                                  {" IS NULL", predicate::form::is_null},
                                                                  {" > 0", predicate::form::positive},
                                                                  {" <> ''", predicate::form::non_empty}};
  for (const auto& [suffix, form] : forms) {
    const std::string s = suffix;
    if (where.size() <= s.size() || where.compare(where.size() - s.size(), s.size(), s) != 0) continue;
    std::string id = where.substr(0, where.size() - s.size());
    if (id.size() >= 2 && id.front() == '"' && id.back() == '"') {
      std::string name;
      for (std::size_t i = 1; i + 1 < id.size(); ++i) {
        name += id[i];
        if (id[i] == '"') ++i;
      }
      id = name;
    }
    return predicate{id, form};
  }
  return std::nullopt;
}

namespace {

std::optional<long double> number_of(const value& v, dialect d) {
  if (v.type == value::kind::integer) return static_cast<long double>(v.integer);
  if (v.type == value::kind::real) return static_cast<long double>(v.real);
  if (d == dialect::postgres && v.type == value::kind::text) {
    char* end = nullptr;
    const long double x = std::strtold(v.bytes.c_str(), &end);
    if (end && *end == '\0' && end != v.bytes.c_str()) return x;
  }
  return std::nullopt;
}

}  // namespace

bool holds(const predicate& p, const value& v, dialect d) {
  switch (p.test) {
    case predicate::form::not_null: return !v.is_null();
    case predicate::form::is_null: return v.is_null();
    case predicate::form::positive: {
      if (v.is_null()) return false;
      // SQLite orders every text after every number.
      if (d == dialect::sqlite && (v.type == value::kind::text || v.type == value::kind::blob)) return true;
      const auto n = number_of(v, d);
      return n && *n > 0;
    }
    case predicate::form::non_empty:
      if (v.is_null()) return false;
      if (d == dialect::sqlite && v.type != value::kind::text) return true;
      return !v.bytes.empty();
  }
  return false;
}

bool same_key(const value& a, const value& b, dialect d) {
  if (a.is_null() || b.is_null()) return false;
  if (d == dialect::sqlite) {
    const bool na = a.type == value::kind::integer || a.type == value::kind::real;
    const bool nb = b.type == value::kind::integer || b.type == value::kind::real;
    if (na && nb) return *number_of(a, d) == *number_of(b, d);
    return a.type == b.type && a.bytes == b.bytes;
  }
  return a.bytes == b.bytes;
}

std::vector<std::string> labels_of(const db::schema& s, const db::column& c) {
  if (!c.enum_type) return {};
  if (const auto* e = s.find_enum(*c.enum_type)) return e->values;
  return {};
}

namespace {

// Rows (by position) that break each unique key of `t` over `rows`.
std::vector<std::size_t> duplicate_rows(const std::vector<row>& rows, const std::vector<std::string>& key,
                                        const std::optional<predicate>& where, dialect d) {
  std::vector<std::size_t> out;
  auto selected = [&](const row& r) {
    for (const auto& k : key)
      if (r.at(k).is_null()) return false;
    return !where || holds(*where, r.at(where->column), d);
  };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!selected(rows[i])) continue;
    for (std::size_t j = 0; j < i; ++j) {
      if (!selected(rows[j])) continue;
      bool same = true;
      for (const auto& k : key) same = same && same_key(rows[i].at(k), rows[j].at(k), d);
      if (same) {
        out.push_back(i);
        break;
      }
    }
  }
  return out;
}

// Rows of `t` whose foreign key references no row (MATCH SIMPLE: a NULL column references nothing).
std::vector<std::size_t> orphan_rows(const db::foreign_key& fk, const std::vector<row>& rows,
                                     const std::vector<row>& parents, dialect d) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    bool any_null = false;
    for (const auto& c : fk.columns) any_null = any_null || rows[i].at(c).is_null();
    if (any_null) continue;
    bool found = false;
    for (const auto& p : parents) {
      bool same = true;
      for (std::size_t k = 0; k < fk.columns.size(); ++k)
        same = same && same_key(rows[i].at(fk.columns[k]), p.at(fk.referenced_columns[k]), d);
      found = found || same;
    }
    if (!found) out.push_back(i);
  }
  return out;
}

// (table, row position) pairs that break `s`.
std::vector<std::pair<std::string, std::size_t>> breaking_rows(const db::schema& s, const dataset& rows, dialect d,
                                                                std::vector<std::string>* why) {
  std::vector<std::pair<std::string, std::size_t>> out;
  auto note = [&](const std::string& table, std::size_t r, const std::string& what) {
    out.emplace_back(table, r);
    if (why) why->push_back("row " + std::to_string(r) + " of `" + table + "`: " + what);
  };
  static const std::vector<row> none;
  for (const auto& t : s.tables) {
    const auto it = rows.find(t.name);
    const auto& own = it == rows.end() ? none : it->second;
    for (std::size_t r = 0; r < own.size(); ++r)
      for (const auto& c : t.columns) {
        const auto v = own[r].find(c.name);
        if (v == own[r].end()) {
          note(t.name, r, "no value for `" + c.name + "`");
          continue;
        }
        if (v->second.is_null() && !c.nullable) note(t.name, r, "NULL in NOT NULL `" + c.name + "`");
        const auto labels = labels_of(s, c);
        if (c.enum_type && !v->second.is_null() && !contains(labels, v->second.bytes))
          note(t.name, r, "not a label of `" + *c.enum_type + "`");
      }
    if (!out.empty()) continue;
    if (!t.primary_key.empty())
      for (auto r : duplicate_rows(own, t.primary_key, std::nullopt, d)) note(t.name, r, "duplicate primary key");
    for (const auto& i : t.indexes)
      if (i.unique)
        for (auto r : duplicate_rows(own, i.columns, i.where ? parse_predicate(*i.where) : std::nullopt, d))
          note(t.name, r, "duplicate in unique index `" + i.name + "`");
    for (const auto& fk : t.foreign_keys) {
      const auto p = rows.find(fk.referenced_table);
      for (auto r : orphan_rows(fk, own, p == rows.end() ? none : p->second, d))
        note(t.name, r, "orphan of `" + fk.referenced_table + "`");
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> row_problems(const db::schema& s, const dataset& rows, dialect d) {
  std::vector<std::string> why;
  breaking_rows(s, rows, d, &why);
  for (const auto& [table, own] : rows)
    if (!own.empty() && !s.find_table(table)) why.push_back("rows for the unknown table `" + table + "`");
  return why;
}

void keep_valid_rows(const db::schema& s, dataset& rows, dialect d) {
  for (auto it = rows.begin(); it != rows.end();) {
    const db::table* t = s.find_table(it->first);
    if (!t) {
      it = rows.erase(it);
      continue;
    }
    for (auto& r : it->second) {
      std::erase_if(r, [&](const auto& e) { return !t->find_column(e.first); });
      for (const auto& c : t->columns)
        if (!r.count(c.name)) r[c.name] = value::null();
    }
    ++it;
  }
  for (int round = 0; round < 1000; ++round) {
    const auto bad = breaking_rows(s, rows, d, nullptr);
    if (bad.empty()) return;
    auto& own = rows[bad.front().first];
    own.erase(own.begin() + static_cast<std::ptrdiff_t>(bad.front().second));
  }
}

evolve_case generate_case(std::uint64_t seed, const generator_options& options) {
  return generator(seed, options).run(seed);
}

}  // namespace evolve
