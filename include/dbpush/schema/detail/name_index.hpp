// dbpush: finding tables, columns, indexes and enums by name.
//
// Engine machinery, shared by the differ, the checker and the dialects. Names
// are hashed, so the per-table work of a push stays linear, and compared by
// the database's rule (db::identifier_case: SQLite ignores ASCII case).
#pragma once

#include <dbpush/detail/config.hpp>
#include <dbpush/schema/schema.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace db::detail {

// An ASCII letter in lower case; every other byte as it is (SQLite's folding).
constexpr char fold_ascii_case(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Name -> position. The index keeps views: the named strings must outlive it
// (they are usually the names inside a db::schema that outlives the lookup).
// Names compare by the index's identifier_case: with ascii_insensitive,
// `Users` finds what was inserted as `users`.
class name_index {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  name_index() = default;
  explicit name_index(identifier_case rule) : rule_(rule) {}

  DBPUSH_INLINE void reserve(std::size_t count);
  // Keeps the first position given for a name, as std::map::emplace does;
  // false when the name was already there. `position` is never npos.
  DBPUSH_INLINE bool insert(std::string_view name, std::size_t position);
  // npos when the name is absent.
  DBPUSH_INLINE std::size_t find(std::string_view name) const;
  bool contains(std::string_view name) const { return find(name) != npos; }
  std::size_t size() const { return size_; }

 private:
  // Open addressing in one vector: no allocation per name, as a node-based map
  // (std::unordered_map) would make (docs/benchmarks.md, "Figures behind the code").
  struct slot {
    std::string_view name;
    std::size_t hash = 0;  // compared first: a probe then rarely reads another name's bytes
    std::size_t position = npos;  // npos: empty
  };
  // The slot that holds `name` (whose hash is `hash`), or the empty one where it would go.
  DBPUSH_INLINE std::size_t slot_of(std::string_view name, std::size_t hash) const;
  DBPUSH_INLINE std::size_t hash_of(std::string_view name) const;
  DBPUSH_INLINE void rehash(std::size_t slot_count);

  std::vector<slot> slots_;  // empty, or a power of two at most half full
  std::size_t size_ = 0;
  identifier_case rule_ = identifier_case::sensitive;
};

// A set of names (views, as above).
class name_set {
 public:
  name_set() = default;
  explicit name_set(identifier_case rule) : names_(rule) {}
  template <class Names>
  explicit name_set(const Names& names, identifier_case rule = identifier_case::sensitive) : names_(rule) {
    for (const auto& n : names) insert(n);
  }
  // False when the name was already there.
  bool insert(std::string_view name) { return names_.insert(name, 0); }
  bool contains(std::string_view name) const { return names_.contains(name); }
  std::size_t size() const { return names_.size(); }

 private:
  name_index names_;
};

// (table, column) -> position, for the steps that name a column of a table:
// each table's columns by name. It keeps views, as name_index does: the named
// strings must outlive it. Names compare exactly.
class column_name_index {
 public:
  // Keeps the first position given, as name_index does.
  DBPUSH_INLINE bool insert(std::string_view table, std::string_view column, std::size_t position);
  // name_index::npos when absent.
  DBPUSH_INLINE std::size_t find(std::string_view table, std::string_view column) const;
  bool contains(std::string_view table, std::string_view column) const {
    return find(table, column) != name_index::npos;
  }

 private:
  name_index tables_;                // table -> its columns' index in columns_
  std::vector<name_index> columns_;  // column -> position, per table
};

// The items of a vector (anything with a `name`) by name. The vector must
// outlive the lookup and keep its size.
template <class T>
class by_name {
 public:
  by_name() = default;
  explicit by_name(const std::vector<T>& items) : items_(&items) {
    index_.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) index_.insert(items[i].name, i);
  }
  // nullptr when absent.
  const T* find(std::string_view name) const {
    const auto at = index_.find(name);
    return at == name_index::npos ? nullptr : &(*items_)[at];
  }
  bool contains(std::string_view name) const { return index_.contains(name); }

 private:
  const std::vector<T>* items_ = nullptr;
  name_index index_;
};

}  // namespace db::detail

#ifdef DBPUSH_DEFINE_CORE
#include <dbpush/schema/detail/name_index.ipp>
#endif
