// topology::line: each node passes values to its left and right neighbours in test order.
// n-1 hops end to end: a worst case to compare against.
#pragma once

#include "policies/topology.hpp"

namespace glomers::topology {

struct line {
  using policy_role = role;
  static std::vector<std::string> targets(std::string const& self, std::string const& from,
                                          std::vector<std::string> const& nodes, topology_map const&) {
    return detail::flood(self, from, nodes, [n = nodes.size()](std::size_t i) {
      std::vector<std::size_t> adjacent;
      if (i > 0) adjacent.push_back(i - 1);
      if (i + 1 < n) adjacent.push_back(i + 1);
      return adjacent;
    });
  }
};

static_assert(topology_policy<line>);

}  // namespace glomers::topology
