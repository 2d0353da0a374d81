// topology::full_mesh: the node a client told sends the value straight to every other node;
// nobody relays. One hop: the lowest latency there is, and the most messages (n-1 per value).
#pragma once

#include "policies/topology.hpp"

namespace glomers::topology {

struct full_mesh {
  using policy_role = role;
  static std::vector<std::string> targets(std::string const& self, std::string const& from,
                                          std::vector<std::string> const& nodes, topology_map const&) {
    if (!from.empty()) return {};
    return detail::all_but(nodes, self, from);
  }
};

static_assert(topology_policy<full_mesh>);

}  // namespace glomers::topology
