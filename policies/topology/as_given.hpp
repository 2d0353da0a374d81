// topology::as_given: flood the graph Maelstrom sent (its --topology, grid by default).
#pragma once

#include "policies/topology.hpp"

namespace glomers::topology {

struct as_given {
  using policy_role = role;
  static std::vector<std::string> targets(std::string const& self, std::string const& from,
                                          std::vector<std::string> const&, topology_map const& given) {
    auto it = given.find(self);
    return it == given.end() ? std::vector<std::string>{} : detail::all_but(it->second, self, from);
  }
};

static_assert(topology_policy<as_given>);

}  // namespace glomers::topology
