// read_path::read_index: Raft thesis §6.4. The read waits for the commit index as it stood on
// arrival, after a heartbeat round confirms that a majority still follows this leader. A new
// leader that has not yet committed an entry of its term does not know the commit index: its
// reads go through the log until the term's no-op commits.
#pragma once

#include "policies/consensus/raft.hpp"
#include "policies/read_path.hpp"

namespace glomers::read_path {

struct read_index {
  using policy_role = roles::read_path;
  template <class Core>
  static read_plan plan(Core& c, std::chrono::nanoseconds) {
    if (!c.committed_in_term()) return {read_plan::via_log};
    return {read_plan::after_round, c.commit_index(), c.request_round()};
  }
};

static_assert(read_path_policy<read_index, consensus::raft>);

}  // namespace glomers::read_path
