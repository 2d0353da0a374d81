// persistence::memory: saves term, vote and log into a cell shared with whoever holds it (a
// test rebuilding a killed node, later the harness's per-node store). Each save replaces the
// whole record, as an atomic file rename would.
#pragma once

#include "policies/consensus/persistence.hpp"

#include <memory>

namespace glomers::persistence {

struct memory {
  using policy_role = roles::raft_persistence;
  explicit memory(std::string) {}
  void save(raft_hard_state const& hs) {
    *cell = hs;
    ++saves;
  }
  std::optional<raft_hard_state> load() { return *cell; }

  std::shared_ptr<std::optional<raft_hard_state>> cell = std::make_shared<std::optional<raft_hard_state>>();
  std::size_t saves = 0;
};

static_assert(raft_persistence_policy<memory>);

}  // namespace glomers::persistence
