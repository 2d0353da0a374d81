// Role: id generation, for the unique-ids workload.
//
// An id policy mints ids that no other node, and no earlier incarnation of this node, mints:
// with no coordination at all, so every generate succeeds even when the node is cut off.
//
// Context: constructed once the node knows its id, with that id and a 64-bit random value from
// the runtime (different on every start, so a restarted node, which Maelstrom re-inits with the
// same id, does not repeat its earlier ids).
//
// Required expressions, for a policy type P:
//   P(std::string_view node_id, std::uint64_t entropy)   construct after init
//   p.next() -> json::value                              a fresh id; never blocks, never fails
//
// Ids must be mutually comparable in Maelstrom's checker (all strings, or all numbers).
//
// Models: ids::node_counter (strings "<node>-<epoch>-<n>").
#pragma once

#include "policies/role.hpp"

#include "maelstrom/json.hpp"

#include <concepts>
#include <cstdint>
#include <string_view>

namespace glomers {

template <class P>
concept id_policy = plays<P, roles::ids> && std::constructible_from<P, std::string_view, std::uint64_t> &&
                    requires(P& p) {
                      { p.next() } -> std::convertible_to<json::value>;
                    };

namespace ids {
using role = roles::ids;  // models declare `using policy_role = role;`
}  // namespace ids

}  // namespace glomers
