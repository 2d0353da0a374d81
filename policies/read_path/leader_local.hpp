// read_path::leader_local: DELIBERATELY BROKEN. A node that believes it leads answers reads from
// its applied state at once, without confirming that it still leads (gAbelli/mini-etcd's read
// path). A leader cut off in a minority keeps answering with values the majority has since
// overwritten: stale reads, which the lin-kv checker must reject under partitions.
#pragma once

#include "policies/consensus/raft.hpp"
#include "policies/read_path.hpp"

namespace glomers::read_path {

struct leader_local {
  using policy_role = roles::read_path;
  template <class Core>
  static read_plan plan(Core&, std::chrono::nanoseconds) {
    return {read_plan::now};
  }
};

static_assert(read_path_policy<leader_local, consensus::raft>);

}  // namespace glomers::read_path
