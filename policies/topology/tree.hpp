// topology::tree<K>: a heap-ordered tree of fan-out K over the nodes in test order (children of
// index i are K*i+1 .. K*i+K), flooded along its edges. Depth log_K(n); no single hub carries
// everything, but losing an inner node cuts its subtree off.
#pragma once

#include "policies/topology.hpp"

namespace glomers::topology {

template <std::size_t K>
struct tree {
  static_assert(K >= 1);
  using policy_role = role;
  static std::vector<std::string> targets(std::string const& self, std::string const& from,
                                          std::vector<std::string> const& nodes, topology_map const&) {
    return detail::flood(self, from, nodes, [n = nodes.size()](std::size_t i) {
      std::vector<std::size_t> adjacent;
      if (i > 0) adjacent.push_back((i - 1) / K);
      for (std::size_t c = K * i + 1; c <= K * i + K && c < n; ++c) adjacent.push_back(c);
      return adjacent;
    });
  }
};

static_assert(topology_policy<tree<4>>);

}  // namespace glomers::topology
