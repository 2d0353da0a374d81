// read_path::lease: Raft thesis §6.4.1. While a majority acknowledged a heartbeat sent less
// than lease_fraction x election_min ago, no other leader can exist (check-quorum followers
// refuse to vote that long after hearing a leader), so the leader answers from its commit
// index without a round trip. Outside the lease it falls back to ReadIndex. Sound only with
// check_quorum on and clocks that advance at the same rate (one host's steady clock; the
// simulator's clock).
#pragma once

#include "policies/read_path/read_index.hpp"

namespace glomers::read_path {

struct lease {
  using policy_role = roles::read_path;
  template <class Core>
  static read_plan plan(Core& c, std::chrono::nanoseconds now) {
    if (c.committed_in_term() && c.lease_valid(now)) return {read_plan::at_index, c.commit_index()};
    return read_index::plan(c, now);
  }
};

static_assert(read_path_policy<lease, consensus::raft>);

}  // namespace glomers::read_path
