// lin-kv on Raft: the designs as catalog entries (challenges/catalog.hpp), for the simulator's
// list and the benchmarks once the integrator adds them to CHALLENGES in challenges/BUILD.bazel.
#pragma once

#include "challenges/catalog.hpp"
#include "challenges/lin_kv/designs.hpp"

namespace glomers::catalog {

using lin_kv = entry<"lin_kv", "lin-kv: Raft, lease reads, requests held for an election",
                     lin_kv_server, lin_kv_designs::raft_lease_hold>;
using lin_kv_read_index = entry<"lin_kv_read_index", "lin-kv: Raft, ReadIndex reads",
                                lin_kv_server, lin_kv_designs::raft_read_index>;
using lin_kv_log_reads = entry<"lin_kv_log_reads", "lin-kv: Raft, reads through the log",
                               lin_kv_server, lin_kv_designs::raft_log_reads>;
using lin_kv_tutorial = entry<"lin_kv_tutorial", "lin-kv: Maelstrom's tutorial Raft (2-4 s elections, 50 ms batches)",
                              lin_kv_server, lin_kv_designs::tutorial>;
using lin_kv_mini_etcd = entry<"lin_kv_mini_etcd", "lin-kv: gAbelli/mini-etcd (baseline; leader-local reads: NOT linearizable)",
                               lin_kv_server, lin_kv_designs::mini_etcd>;
using lin_kv_durable = entry<"lin_kv_durable", "lin-kv: Raft, term/vote/log persisted before answering (in memory)",
                             lin_kv_server, lin_kv_designs::raft_durable>;

}  // namespace glomers::catalog
