// read_path::lease_tail: a lease read for a store whose followers answer their own clients' writes
// as soon as they learn of the commit (routing with answers at the origin). Such a write may be
// acknowledged before the leader's commit index covers it, so the leader's commit index no longer
// bounds what clients have seen: the read waits for the leader's whole log as it stands on
// arrival (every acknowledged write is in it) to commit. Within the lease at once, else after a
// confirmation round (ReadIndex with the log's end for index).
#pragma once

#include "policies/consensus/raft.hpp"
#include "policies/read_path.hpp"

namespace glomers::read_path {

struct lease_tail {
  using policy_role = roles::read_path;
  template <class Core>
  static read_plan plan(Core& c, std::chrono::nanoseconds now) {
    if (!c.committed_in_term()) return {read_plan::via_log};
    if (c.lease_valid(now)) return {read_plan::at_index, c.log().last_index()};
    return {read_plan::after_round, c.log().last_index(), c.request_round()};
  }
};

static_assert(read_path_policy<lease_tail, consensus::raft>);

}  // namespace glomers::read_path
