// lin-kv on Raft: the designs as catalog entries (challenges/catalog.hpp), listed in CHALLENGES in
// challenges/catalog.bzl, for the binaries, the simulator's list and bench/lin_kv_designs.
#pragma once

#include "challenges/catalog.hpp"
#include "challenges/lin_kv/designs.hpp"

namespace glomers::catalog {

using lin_kv = entry<"lin_kv", "lin-kv: Raft, lease reads, requests held for an election",
                     lin_kv_server, lin_kv_designs::raft_lease_hold>;
using lin_kv_origin = entry<"lin_kv_origin", "lin-kv: as lin_kv, and a follower answers its forwarded writes once it learns they committed",
                            lin_kv_server, lin_kv_designs::raft_lease_hold_origin>;
using lin_kv_fail_fast = entry<"lin_kv_fail_fast", "lin-kv: Raft, lease reads, 11 at once when no leader is known",
                               lin_kv_server, lin_kv_designs::raft_lease>;
using lin_kv_read_index = entry<"lin_kv_read_index", "lin-kv: Raft, ReadIndex reads",
                                lin_kv_server, lin_kv_designs::raft_read_index>;
using lin_kv_log_reads = entry<"lin_kv_log_reads", "lin-kv: Raft, reads through the log",
                               lin_kv_server, lin_kv_designs::raft_log_reads>;
using lin_kv_tutorial = entry<"lin_kv_tutorial", "lin-kv: Maelstrom's tutorial Raft (2-4 s elections, 50 ms batches)",
                              lin_kv_server, lin_kv_designs::tutorial>;
using lin_kv_mini_etcd = entry<"lin_kv_mini_etcd", "lin-kv: gAbelli/mini-etcd (baseline; leader-local reads: NOT linearizable)",
                               lin_kv_server, lin_kv_designs::mini_etcd>;
using lin_kv_durable = entry<"lin_kv_durable", "lin-kv: as lin_kv, with term/vote/log stored before answering (survives our kill fault)",
                             lin_kv_server, lin_kv_designs::raft_durable>;

}  // namespace glomers::catalog
