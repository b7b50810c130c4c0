// dbpush: items grouped by a small integer key, without sorting.
//
// Engine machinery: a counting sort, where a std::vector per key (or a sort of
// (key, item) pairs) would compile another container or sort family in every
// TU that calls the engine in header-only mode.
#pragma once

#include <dbpush/detail/config.hpp>

#include <cstddef>
#include <span>
#include <vector>

namespace db::detail {

// The positions of the items whose key is k, in their original order:
// of(k) == members[first[k], first[k + 1]).
struct grouping {
  std::vector<std::size_t> first;
  std::vector<std::size_t> members;

  std::span<const std::size_t> of(std::size_t key) const {
    return {members.data() + first[key], first[key + 1] - first[key]};
  }
};

// key_of[i] is item i's key, below key_count.
DBPUSH_INLINE grouping group_by_key(const std::vector<std::size_t>& key_of, std::size_t key_count);

}  // namespace db::detail

#ifdef DBPUSH_DEFINE_CORE
#include <dbpush/schema/detail/grouping.ipp>
#endif
