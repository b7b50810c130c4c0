// dbpush: definitions for <dbpush/schema/detail/name_index.hpp>.
#pragma once

#include <dbpush/schema/detail/name_index.hpp>

#include <cstdint>
#include <cstring>
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
  // Names equal but for ASCII case must hash alike. Setting bit 0x20 of every
  // byte maps `A`-`Z` onto `a`-`z` (and merges a few other pairs, which the
  // comparison tells apart); done a word at a time, it costs next to nothing.
  constexpr std::uint64_t lower_bits = 0x2020202020202020ull, multiplier = 0x9e3779b97f4a7c15ull;
  std::uint64_t hash = name.size() * multiplier;
  auto mix = [&hash](std::uint64_t word) {
    hash = (hash ^ (word | lower_bits)) * multiplier;
    hash ^= hash >> 29;
  };
  std::size_t at = 0;
  for (; at + 8 <= name.size(); at += 8) {
    std::uint64_t word;
    std::memcpy(&word, name.data() + at, 8);
    mix(word);
  }
  if (at < name.size()) {
    std::uint64_t word = 0;
    std::memcpy(&word, name.data() + at, name.size() - at);
    mix(word);
  }
  // MurmurHash3's finaliser: every input bit reaches the low bits the slots use.
  hash ^= hash >> 33;
  hash *= 0xff51afd7ed558ccdull;
  hash ^= hash >> 33;
  hash *= 0xc4ceb9fe1a85ec53ull;
  return static_cast<std::size_t>(hash ^ (hash >> 33));
}

DBPUSH_INLINE void name_index::rehash(std::size_t slot_count) {
  std::vector<slot> old(slot_count);
  old.swap(slots_);
  for (const auto& s : old)
    if (s.position != npos) slots_[slot_of(s.name, s.hash)] = s;
}

DBPUSH_INLINE bool column_name_index::insert(std::string_view table, std::string_view column, std::size_t position) {
  auto at = tables_.find(table);
  if (at == name_index::npos) {
    at = columns_.size();
    tables_.insert(table, at);
    columns_.emplace_back();
  }
  return columns_[at].insert(column, position);
}

DBPUSH_INLINE std::size_t column_name_index::find(std::string_view table, std::string_view column) const {
  const auto at = tables_.find(table);
  return at == name_index::npos ? name_index::npos : columns_[at].find(column);
}

}  // namespace db::detail
