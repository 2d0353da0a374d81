// persistence::none: nothing survives a kill. Sound while nodes are only partitioned.
#pragma once

#include "policies/consensus/persistence.hpp"

namespace glomers::persistence {

struct none {
  using policy_role = roles::raft_persistence;
  static constexpr bool stores_nothing = true;  // the host need not even build the record
  explicit none(node_store&) {}
  void save(raft_hard_state const&) {}
  std::optional<raft_hard_state> load() { return std::nullopt; }
};

static_assert(raft_persistence_policy<none>);

}  // namespace glomers::persistence
