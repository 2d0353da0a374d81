// topology::star: the first node is the hub; every other node sends new values to it, and it
// passes them on to everyone else. Two hops between any two leaves; the hub is a single point of
// failure (a partition that cuts it off stops delivery until it heals).
#pragma once

#include "policies/topology.hpp"

namespace glomers::topology {

struct star {
  using policy_role = role;
  static std::vector<std::string> targets(std::string const& self, std::string const& from,
                                          std::vector<std::string> const& nodes, topology_map const&) {
    if (nodes.empty()) return {};
    auto const& hub = nodes.front();
    if (self != hub) return from.empty() ? std::vector<std::string>{hub} : std::vector<std::string>{};
    return detail::all_but(nodes, self, from);
  }
};

static_assert(topology_policy<star>);

}  // namespace glomers::topology
