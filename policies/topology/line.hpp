// topology::line: each node passes values to its left and right neighbours in test order.
// n-1 hops end to end: a worst case to compare against.
#pragma once

#include "policies/topology.hpp"

namespace glomers::topology {

struct line {
  using policy_role = role;
  static std::vector<std::string> targets(std::string const& self, std::string const& from,
                                          std::vector<std::string> const& nodes, topology_map const&) {
    auto const i = detail::index_of(self, nodes);
    if (i == nodes.size()) return {};
    std::vector<std::string> adjacent;
    if (i > 0) adjacent.push_back(nodes[i - 1]);
    if (i + 1 < nodes.size()) adjacent.push_back(nodes[i + 1]);
    return detail::all_but(adjacent, self, from);
  }
};

static_assert(topology_policy<line>);

}  // namespace glomers::topology
