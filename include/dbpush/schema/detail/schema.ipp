// dbpush: definitions for <dbpush/schema/schema.hpp>.
#pragma once

#include <dbpush/schema/detail/grouping.hpp>
#include <dbpush/schema/detail/name_index.hpp>
#include <dbpush/schema/schema.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <initializer_list>
#include <queue>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace db {
namespace detail {

// 64-bit FNV-1a over fields: simple, stable across platforms and versions (names
// made from it live in databases), and one implementation for every digest.
class fnv1a64 {
 public:
  void add(std::string_view bytes) {
    for (char c : bytes) {
      hash_ ^= static_cast<unsigned char>(c);
      hash_ *= 0x100000001b3ull;
    }
    // Field separator, so ("ab","c") and ("a","bc") differ.
    hash_ ^= 0xffu;
    hash_ *= 0x100000001b3ull;
  }
  std::string hex() const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash_));
    return buf;
  }

 private:
  std::uint64_t hash_ = 0xcbf29ce484222325ull;
};

DBPUSH_INLINE std::string cut_utf8(std::string text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0u) == 0x80u) --end;
  text.resize(end);
  return text;
}

DBPUSH_INLINE std::string generated_identifier(const std::string& stem, std::string_view suffix) {
  std::string whole = stem + "_";
  whole += suffix;
  if (whole.size() <= max_identifier_bytes) return whole;
  fnv1a64 h;
  h.add(whole);
  const std::size_t kept = max_identifier_bytes - (1 + hashed_identifier_digits + 1 + suffix.size());
  std::string out = cut_utf8(stem, kept) + "_" + h.hex().substr(0, hashed_identifier_digits) + "_";
  out += suffix;
  return out;
}

DBPUSH_INLINE std::string generated_name(const std::string& table,
                                         const std::vector<std::string>& columns,
                                         std::string_view suffix) {
  std::string stem = table;
  for (const auto& c : columns) stem += "_" + c;
  return generated_identifier(stem, suffix);
}

DBPUSH_INLINE bool same_identifier(std::string_view a, std::string_view b, identifier_case rule) {
  if (a.size() != b.size()) return false;
  if (a == b) return true;  // the usual case, compared a word at a time
  if (rule == identifier_case::sensitive) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (fold_ascii_case(a[i]) != fold_ascii_case(b[i])) return false;
  return true;
}

DBPUSH_INLINE std::vector<std::size_t> order_by_name(const std::vector<std::string_view>& names) {
  std::vector<std::size_t> order(names.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&names](std::size_t a, std::size_t b) { return names[a] < names[b]; });
  return order;
}

template <class T>
std::vector<std::size_t> order_by_name(const std::vector<T>& items) {
  std::vector<std::string_view> names;
  names.reserve(items.size());
  for (const auto& x : items) names.push_back(x.name);
  return order_by_name(names);
}

// Order-insensitive equality of two vectors of named things.
template <class T>
bool same_named_set(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return false;
  const auto in_a = order_by_name(a), in_b = order_by_name(b);
  for (std::size_t k = 0; k < a.size(); ++k)
    if (!(a[in_a[k]] == b[in_b[k]])) return false;
  return true;
}

struct name_order {
  template <class T>
  bool operator()(const T& a, const T& b) const {
    return a.name < b.name;
  }
};

template <class T>
bool sorted_by_name(const std::vector<T>& items) {
  return std::is_sorted(items.begin(), items.end(), name_order{});
}

template <class T>
void sort_by_name(std::vector<T>& items) {
  // Usually sorted already (a target normalised before, an introspected schema):
  // checking is cheaper than sorting.
  if (sorted_by_name(items)) return;
  std::vector<T> sorted;
  sorted.reserve(items.size());
  for (auto i : order_by_name(items)) sorted.push_back(std::move(items[i]));
  items = std::move(sorted);
}

template <class T>
bool all_named(const std::vector<T>& items) {
  return std::none_of(items.begin(), items.end(), [](const T& x) { return x.name.empty(); });
}

// Every table after the tables it references (itself and tables outside the
// schema aside): the order order_parents_first keeps as it is.
DBPUSH_INLINE bool parents_first(const std::vector<table>& tables) {
  name_index position;
  position.reserve(tables.size());
  for (std::size_t i = 0; i < tables.size(); ++i) position.insert(tables[i].name, i);
  for (std::size_t i = 0; i < tables.size(); ++i)
    for (const auto& fk : tables[i].foreign_keys) {
      const auto parent = position.find(fk.referenced_table);
      if (parent != name_index::npos && parent > i) return false;
    }
  return true;
}

// Stable parents-first order: Kahn's algorithm that always emits the lowest
// declaration index available; when only cycles remain, the earliest declared
// table of them goes next, so cycle members keep declaration order.
DBPUSH_INLINE void order_parents_first(std::vector<table>& tables) {
  // Kahn's order of such tables is their order: each is the lowest ready one in turn.
  if (parents_first(tables)) return;
  const std::size_t n = tables.size();
  name_index index_of;
  index_of.reserve(n);
  for (std::size_t i = 0; i < n; ++i) index_of.insert(tables[i].name, i);

  // Each (parent, child) edge once, in child order.
  std::vector<std::size_t> edge_parent, edge_child;
  std::vector<std::size_t> pending_parents(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t first = edge_parent.size();
    for (const auto& fk : tables[i].foreign_keys) {
      const auto parent = index_of.find(fk.referenced_table);
      // Self-references and tables outside the schema impose no order.
      if (parent == name_index::npos || parent == i) continue;
      bool repeated = false;  // a table has few foreign keys
      for (auto e = first; e < edge_parent.size(); ++e) repeated = repeated || edge_parent[e] == parent;
      if (repeated) continue;
      edge_parent.push_back(parent);
      edge_child.push_back(i);
    }
    pending_parents[i] = edge_parent.size() - first;
  }
  const auto edges_of = group_by_key(edge_parent, n);

  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
  for (std::size_t i = 0; i < n; ++i)
    if (pending_parents[i] == 0) ready.push(i);

  std::vector<bool> emitted(n, false);
  std::vector<std::size_t> order;
  order.reserve(n);
  std::size_t next_unemitted = 0;
  auto emit = [&](std::size_t i) {
    emitted[i] = true;
    order.push_back(i);
    for (auto e : edges_of.of(i)) {
      const auto c = edge_child[e];
      if (pending_parents[c] > 0 && --pending_parents[c] == 0) ready.push(c);
    }
  };
  while (order.size() < n) {
    if (ready.empty()) {
      while (emitted[next_unemitted]) ++next_unemitted;
      pending_parents[next_unemitted] = 0;
      emit(next_unemitted);
      continue;
    }
    auto i = ready.top();
    ready.pop();
    if (!emitted[i]) emit(i);
  }

  // A cycle among tables in declaration order can still leave everything in place.
  bool in_order = true;
  for (std::size_t k = 0; k < n && in_order; ++k) in_order = order[k] == k;
  if (in_order) return;
  std::vector<table> sorted;
  sorted.reserve(n);
  for (auto i : order) sorted.push_back(std::move(tables[i]));
  tables = std::move(sorted);
}

DBPUSH_INLINE std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

}  // namespace detail

DBPUSH_INLINE bool operator==(const column& a, const column& b) {
  return a.name == b.name && a.type == b.type && a.nullable == b.nullable &&
         a.default_sql == b.default_sql && a.autoincrement == b.autoincrement &&
         a.enum_type == b.enum_type;
}

DBPUSH_INLINE bool operator==(const index& a, const index& b) {
  return a.name == b.name && a.columns == b.columns && a.unique == b.unique && a.where == b.where;
}

// Column order is not compared: ADD COLUMN appends, so a live table legitimately
// lists its columns in another order than the model declares them.
DBPUSH_INLINE bool operator==(const table& a, const table& b) {
  return a.name == b.name && a.primary_key == b.primary_key &&
         detail::same_named_set(a.columns, b.columns) &&
         detail::same_named_set(a.indexes, b.indexes) &&
         detail::same_named_set(a.foreign_keys, b.foreign_keys);
}

DBPUSH_INLINE bool operator==(const schema& a, const schema& b) {
  return detail::same_named_set(a.tables, b.tables) && detail::same_named_set(a.enums, b.enums);
}

DBPUSH_INLINE const column* table::find_column(std::string_view n) const {
  return detail::find_named(columns, n);
}
DBPUSH_INLINE const index* table::find_index(std::string_view n) const {
  return detail::find_named(indexes, n);
}
DBPUSH_INLINE const foreign_key* table::find_foreign_key(std::string_view n) const {
  return detail::find_named(foreign_keys, n);
}
DBPUSH_INLINE const table* schema::find_table(std::string_view n) const {
  return detail::find_named(tables, n);
}
DBPUSH_INLINE const enum_type* schema::find_enum(std::string_view n) const {
  return detail::find_named(enums, n);
}

DBPUSH_INLINE void normalise(schema& s) {
  for (auto& t : s.tables) {
    for (auto& i : t.indexes)
      if (i.name.empty()) i.name = detail::generated_name(t.name, i.columns, i.unique ? "key" : "idx");
    for (auto& fk : t.foreign_keys)
      if (fk.name.empty()) fk.name = detail::generated_name(t.name, fk.columns, "fkey");
    detail::sort_by_name(t.indexes);
    detail::sort_by_name(t.foreign_keys);
  }
  detail::sort_by_name(s.enums);
  detail::order_parents_first(s.tables);
}

DBPUSH_INLINE bool detail::is_normalised(const schema& s) {
  for (const auto& t : s.tables)
    if (!all_named(t.indexes) || !all_named(t.foreign_keys) || !sorted_by_name(t.indexes) ||
        !sorted_by_name(t.foreign_keys))
      return false;
  return sorted_by_name(s.enums) && parents_first(s.tables);
}

DBPUSH_INLINE bool detail::normalise_changes_nothing(const schema& s) {
  if (is_normalised(s)) return true;
  schema normalised = s;
  normalise(normalised);
  return to_string(normalised) == to_string(s);
}

DBPUSH_INLINE std::string to_string(referential_action a) {
  switch (a) {
    case referential_action::no_action: return "NO ACTION";
    case referential_action::restrict: return "RESTRICT";
    case referential_action::cascade: return "CASCADE";
    case referential_action::set_null: return "SET NULL";
    case referential_action::set_default: return "SET DEFAULT";
  }
  return "NO ACTION";
}

namespace detail {

// Built as a string, not through std::ostream: the engine then needs neither
// <ostream> nor <sstream>, which every TU including dbpush would parse.
DBPUSH_INLINE void append_text(std::string& out, const table& t) {
  auto line = [&out](std::initializer_list<std::string_view> parts) {
    for (auto part : parts) out += part;
  };
  line({"table ", t.name});
  if (t.renamed_from) line({" (renamed from ", *t.renamed_from, ")"});
  out += " {\n";
  for (const auto& c : t.columns) {
    line({"  ", c.name, " ", c.type, c.nullable ? " NULL" : " NOT NULL"});
    if (c.default_sql) line({" DEFAULT ", *c.default_sql});
    if (c.autoincrement) out += " AUTOINCREMENT";
    if (c.enum_type) line({" ENUM ", *c.enum_type});
    if (c.renamed_from) line({" (renamed from ", *c.renamed_from, ")"});
    out += '\n';
  }
  if (!t.primary_key.empty()) line({"  PRIMARY KEY (", join_names(t.primary_key), ")\n"});
  for (const auto& i : t.indexes) {
    line({"  ", i.unique ? "UNIQUE INDEX " : "INDEX ", i.name, " (", join_names(i.columns), ")"});
    if (i.where) line({" WHERE ", *i.where});
    if (i.from_constraint) out += " (constraint)";
    out += '\n';
  }
  for (const auto& fk : t.foreign_keys)
    line({"  FOREIGN KEY ", fk.name, " (", join_names(fk.columns), ") REFERENCES ", fk.referenced_table, " (",
          join_names(fk.referenced_columns), ") ON DELETE ", to_string(fk.on_delete), " ON UPDATE ",
          to_string(fk.on_update), "\n"});
  out += "}\n";
}

}  // namespace detail

DBPUSH_INLINE std::ostream& operator<<(std::ostream& os, const table& t) {
  std::string text;
  detail::append_text(text, t);
  return os << text;
}

DBPUSH_INLINE std::ostream& operator<<(std::ostream& os, const schema& s) { return os << to_string(s); }

DBPUSH_INLINE std::string to_string(const schema& s) {
  std::string out;
  for (const auto& e : s.enums) out += "enum " + e.name + " { " + detail::join_names(e.values) + " }\n";
  for (const auto& t : s.tables) detail::append_text(out, t);
  return out;
}

}  // namespace db
