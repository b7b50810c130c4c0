// dbpush: definitions for <dbpush/schema/detail/name_index.hpp>.
#pragma once

#include <dbpush/schema/detail/name_index.hpp>

namespace db::detail {

DBPUSH_INLINE void name_index::reserve(std::size_t count) { positions_.reserve(count); }

DBPUSH_INLINE bool name_index::insert(std::string_view name, std::size_t position) {
  return positions_.emplace(name, position).second;
}

DBPUSH_INLINE std::size_t name_index::find(std::string_view name) const {
  const auto it = positions_.find(name);
  return it == positions_.end() ? npos : it->second;
}

}  // namespace db::detail
