// dbpush: definitions for <dbpush/schema/detail/name_index.hpp>.
#pragma once

#include <dbpush/schema/detail/name_index.hpp>

#include <functional>

namespace db::detail {

DBPUSH_INLINE void name_index::reserve(std::size_t count) {
  std::size_t slot_count = slots_.empty() ? 8 : slots_.size();
  while (slot_count < 2 * count) slot_count *= 2;
  if (slot_count != slots_.size()) rehash(slot_count);
}

DBPUSH_INLINE bool name_index::insert(std::string_view name, std::size_t position) {
  reserve(size_ + 1);
  const auto hash = hash_of(name);
  auto& s = slots_[slot_of(name, hash)];
  if (s.position != npos) return false;
  s = slot{name, hash, position};
  ++size_;
  return true;
}

DBPUSH_INLINE std::size_t name_index::find(std::string_view name) const {
  return slots_.empty() ? npos : slots_[slot_of(name, hash_of(name))].position;
}

DBPUSH_INLINE std::size_t name_index::slot_of(std::string_view name, std::size_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t at = hash & mask;
  while (slots_[at].position != npos &&
         (slots_[at].hash != hash || !same_identifier(slots_[at].name, name, rule_)))
    at = (at + 1) & mask;
  return at;
}

DBPUSH_INLINE std::size_t name_index::hash_of(std::string_view name) const {
  if (rule_ == identifier_case::sensitive) return std::hash<std::string_view>{}(name);
  // FNV-1a over the folded bytes: names equal but for ASCII case hash alike.
  std::size_t hash = 14695981039346656037ull;
  for (const char c : name) {
    hash ^= static_cast<unsigned char>(fold_ascii_case(c));
    hash *= 1099511628211ull;
  }
  return hash;
}

DBPUSH_INLINE void name_index::rehash(std::size_t slot_count) {
  std::vector<slot> old(slot_count);
  old.swap(slots_);
  for (const auto& s : old)
    if (s.position != npos) slots_[slot_of(s.name, s.hash)] = s;
}

DBPUSH_INLINE bool column_name_index::insert(std::string_view table, std::string_view column, std::size_t position) {
  if (contains(table, column)) return false;
  const auto* before = keys_.data();
  keys_.push_back(key(table, column));
  positions_.push_back(position);
  if (keys_.data() == before) return index_.insert(keys_.back(), position);
  index_ = name_index{};
  index_.reserve(keys_.size());
  for (std::size_t i = 0; i < keys_.size(); ++i) index_.insert(keys_[i], positions_[i]);
  return true;
}

DBPUSH_INLINE std::size_t column_name_index::find(std::string_view table, std::string_view column) const {
  return index_.find(key(table, column));
}

DBPUSH_INLINE std::string column_name_index::key(std::string_view table, std::string_view column) {
  std::string k;
  k.reserve(table.size() + 1 + column.size());
  k.append(table).append(1, '\0').append(column);
  return k;
}

}  // namespace db::detail
