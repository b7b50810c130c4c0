// dbpush: definitions for <dbpush/schema/detail/grouping.hpp>.
#pragma once

#include <dbpush/schema/detail/grouping.hpp>

namespace db::detail {

DBPUSH_INLINE grouping group_by_key(const std::vector<std::size_t>& key_of, std::size_t key_count) {
  grouping g;
  g.first.assign(key_count + 1, 0);
  for (auto k : key_of) ++g.first[k + 1];
  for (std::size_t k = 0; k < key_count; ++k) g.first[k + 1] += g.first[k];
  g.members.resize(key_of.size());
  auto next = g.first;
  for (std::size_t i = 0; i < key_of.size(); ++i) g.members[next[key_of[i]]++] = i;
  return g;
}

}  // namespace db::detail
