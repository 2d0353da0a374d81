// partitioning::single_leader: the first node owns every key. One node orders everything (no
// per-key hashing to get wrong); that node is also the single point of failure and of load.
#pragma once

#include "policies/partitioning.hpp"

namespace glomers::partitioning {

struct single_leader {
  using policy_role = roles::partitioning;
  static std::string owner(std::string const&, std::vector<std::string> const& nodes) { return nodes.front(); }
};

static_assert(partitioning_policy<single_leader>);

}  // namespace glomers::partitioning
