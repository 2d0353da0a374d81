// Role: repair (anti-entropy), for broadcast. Finds and fills the gaps gossip left, e.g. values
// a partition dropped.
//
// A node tells a peer which values it has held for a while (a compact summary: ranges); the peer
// sends back what it lacks, and asks in turn when it lacks something (see challenges/broadcast/server.hpp).
// The policy only decides when to send a summary and to whom. Sans-IO, like gossip.
//
// Required expressions, for a repair type R, r of type R, now a std::chrono::nanoseconds:
//   r.poll(now, neighbours, peers) -> std::vector<std::string>
//                            the nodes to send a summary to now; neighbours are the nodes this
//                            node gossips to (its topology targets), peers every other node
//   r.next_deadline() -> std::optional<std::chrono::nanoseconds>   when poll is next due
//
// Models: repair::none (no repair), repair::digest<period_ms> (one node per period, alternately
// a neighbour and any other node: repairs flow along the design's paths, and around a lost hub).
#pragma once

#include "policies/role.hpp"

#include <chrono>
#include <concepts>
#include <optional>
#include <string>
#include <vector>

namespace glomers {

template <class R>
concept repair_policy = plays<R, roles::repair> && requires(R& r, std::chrono::nanoseconds now, std::vector<std::string> const& nodes) {
  { r.poll(now, nodes, nodes) } -> std::same_as<std::vector<std::string>>;
  { r.next_deadline() } -> std::same_as<std::optional<std::chrono::nanoseconds>>;
};

namespace repair {

using role = roles::repair;  // models declare `using policy_role = role;`

struct none {
  using policy_role = role;
  std::vector<std::string> poll(std::chrono::nanoseconds, std::vector<std::string> const&,
                                std::vector<std::string> const&) {
    return {};
  }
  std::optional<std::chrono::nanoseconds> next_deadline() const { return std::nullopt; }
};

static_assert(repair_policy<none>);

}  // namespace repair
}  // namespace glomers
