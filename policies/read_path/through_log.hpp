// read_path::through_log: every read is a log entry, answered when it applies (Maelstrom's
// tutorial Raft). Costs what a write costs; needs nothing from the leader but its log.
#pragma once

#include "policies/consensus/raft.hpp"
#include "policies/read_path.hpp"

namespace glomers::read_path {

struct through_log {
  using policy_role = roles::read_path;
  template <class Core>
  static read_plan plan(Core&, std::chrono::nanoseconds) {
    return {read_plan::via_log};
  }
};

static_assert(read_path_policy<through_log, consensus::raft>);

}  // namespace glomers::read_path
