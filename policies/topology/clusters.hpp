// topology::clusters<K>: the nodes in test order form clusters of K; the first of each cluster is
// its hub. A leaf sends to its hub; a hub sends what its own leaves tell it to its other leaves
// and to every other hub, and what another hub tells it to its own leaves. At most three hops;
// hubs carry n/K of the fan-out each instead of one hub carrying it all.
#pragma once

#include "policies/topology.hpp"

namespace glomers::topology {

template <std::size_t K>
struct clusters {
  static_assert(K >= 1);
  using policy_role = role;
  static std::vector<std::string> targets(std::string const& self, std::string const& from,
                                          std::vector<std::string> const& nodes, topology_map const&) {
    auto const i = detail::index_of(self, nodes);
    if (i == nodes.size()) return {};
    auto const hub_of = [](std::size_t j) { return j - j % K; };
    auto const hub = hub_of(i);
    if (i != hub) return from.empty() ? std::vector<std::string>{nodes[hub]} : std::vector<std::string>{};
    auto const f = detail::index_of(from, nodes);
    bool const from_other_hub = f < nodes.size() && hub_of(f) != hub;
    std::vector<std::string> out;
    for (std::size_t j = hub + 1; j < hub + K && j < nodes.size(); ++j) {
      if (nodes[j] != from) out.push_back(nodes[j]);
    }
    if (!from_other_hub) {
      for (std::size_t h = 0; h < nodes.size(); h += K) {
        if (h != hub) out.push_back(nodes[h]);
      }
    }
    return out;
  }
};

static_assert(topology_policy<clusters<5>>);

}  // namespace glomers::topology
