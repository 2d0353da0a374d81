// Role: storage, for broadcast and g-set: the set of values a node has seen.
//
// Required expressions, for a storage type S, s of type S, v a std::int64_t:
//   s.insert(v) -> bool                 true when v is new
//   s.contains(v) -> bool
//   s.size() -> std::size_t
//   s.values() -> std::vector<std::int64_t>   every value, ascending
//
// Models: storage::ordered_set (a balanced tree), storage::dense_set (a bitmap for the small
// non-negative integers Maelstrom broadcasts, a tree for anything else).
#pragma once

#include "policies/role.hpp"

#include <concepts>
#include <cstdint>
#include <vector>

namespace glomers {

template <class S>
concept storage_policy = plays<S, roles::storage> && requires(S& s, S const& cs, std::int64_t v) {
  { s.insert(v) } -> std::same_as<bool>;
  { cs.contains(v) } -> std::same_as<bool>;
  { cs.size() } -> std::convertible_to<std::size_t>;
  { cs.values() } -> std::same_as<std::vector<std::int64_t>>;
};

namespace storage {

using role = roles::storage;  // models declare `using policy_role = role;`

}  // namespace storage
}  // namespace glomers
