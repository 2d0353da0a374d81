// topology::dual_star: two hubs (the first two nodes). A leaf sends new values to both; each hub
// passes what a leaf tells it to every other leaf and to the other hub; what a hub hears from the
// other hub goes on to the leaves. When one hub is cut off or slow, the other still delivers
// everything in two hops: the design that keeps delivering when a hub is lost, for twice the
// fan-out messages of a star.
#pragma once

#include "policies/topology.hpp"

namespace glomers::topology {

struct dual_star {
  using policy_role = role;
  static std::vector<std::string> targets(std::string const& self, std::string const& from,
                                          std::vector<std::string> const& nodes, topology_map const&) {
    if (nodes.size() < 3) return detail::all_but(nodes, self, from);
    auto const& a = nodes[0];
    auto const& b = nodes[1];
    bool const is_hub = self == a || self == b;
    if (!is_hub) return from.empty() ? std::vector<std::string>{a, b} : std::vector<std::string>{};
    auto const& other = self == a ? b : a;
    std::vector<std::string> out;
    for (std::size_t i = 2; i < nodes.size(); ++i) {
      if (nodes[i] != from) out.push_back(nodes[i]);
    }
    // The other hub hears every leaf directly, so only values a client gave this hub go to it
    // (and it relays them to the leaves as well: every leaf hears everything twice). A hub cut
    // off from a leaf learns that leaf's values through repair.
    if (from.empty()) out.push_back(other);
    return out;
  }
};

static_assert(topology_policy<dual_star>);

}  // namespace glomers::topology
