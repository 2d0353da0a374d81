// The lin-kv designs the binaries and the comparison benchmark use, by name.
#pragma once

#include "challenges/lin_kv/server.hpp"
#include "policies/consensus/persist_disk.hpp"
#include "policies/consensus/persist_none.hpp"
#include "policies/consensus/raft.hpp"
#include "policies/read_path/leader_local.hpp"
#include "policies/read_path/lease.hpp"
#include "policies/read_path/lease_tail.hpp"
#include "policies/read_path/read_index.hpp"
#include "policies/read_path/through_log.hpp"

namespace glomers {

// Raft with pre-vote and check-quorum, lease reads, followers forwarding to the leader.
struct lin_kv_defaults {
  using consensus = glomers::consensus::raft;
  using read_path = glomers::read_path::lease;
  using routing = raft_kv::forward<800>;
  using persistence = glomers::persistence::none;
  static constexpr raft_config raft{};
};

namespace lin_kv_designs {

// The default: a read costs no round trip while the lease holds.
using raft_lease = lin_kv_defaults;

// Lease reads; a node that knows no leader holds a request up to 900 ms for an election to name
// one before refusing it (11). Under partitions, clients of a cut-off minority wait instead of
// failing fast and taking the whole request rate.
struct raft_lease_hold : lin_kv_defaults {
  using routing = raft_kv::forward<800, 11, 900>;
};

// As raft_lease_hold, and a follower answers the writes and cas it forwarded as soon as it
// learns they committed (peers copy their append answers to it): 3 one-way latencies, not 4.
// The leader's commit index then lags what clients were told, so a lease read waits for the
// log's end to commit (read_path::lease_tail) instead of reading at the commit index.
struct raft_lease_hold_origin : lin_kv_defaults {
  using read_path = glomers::read_path::lease_tail;
  using routing = raft_kv::forward<800, 11, 900, true>;
};

// ReadIndex: a heartbeat round per batch of reads, no reliance on clocks.
struct raft_read_index : lin_kv_defaults {
  using read_path = glomers::read_path::read_index;
};

// Every read through the log, as Maelstrom's tutorial Raft does.
struct raft_log_reads : lin_kv_defaults {
  using read_path = glomers::read_path::through_log;
};

// Maelstrom's tutorial Raft (demo/python/raft.py): elections after 2-4 s, heartbeats every
// second, entries replicated at most every 50 ms, reads through the log, no pre-vote; a leader
// that heard no majority for an election timeout steps down (check-quorum's first half).
struct tutorial : lin_kv_defaults {
  using read_path = glomers::read_path::through_log;
  static constexpr raft_config raft{.election_min_ms = 2000, .election_max_ms = 4000, .heartbeat_ms = 1000,
                                    .pre_vote = false, .check_quorum = true, .batch_ms = 50};
};

// The published baseline, gAbelli/mini-etcd: elections after 150-250 ms, heartbeats every
// 50 ms, every write sent to each follower at once, no pre-vote, no check-quorum (a leader cut
// off stays leader), followers forward with no deadline of their own and answer a plain error
// (13, crash) when they know no leader, and reads served from the leader's state without
// confirming leadership: DELIBERATELY BROKEN, stale reads under partitions.
struct mini_etcd : lin_kv_defaults {
  using read_path = glomers::read_path::leader_local;
  using routing = raft_kv::forward<60000, 13>;
  static constexpr raft_config raft{.election_min_ms = 150, .election_max_ms = 250, .heartbeat_ms = 50,
                                    .pre_vote = false, .check_quorum = false, .max_inflight = 1024};
};

// The default challenge's design (raft_lease_hold) with term, vote and log saved before each
// answer to the node's store, which outlives a kill on our hosts (the process host's data
// directory, fsynced; the simulator's per-node store). Under the real Maelstrom, which offers
// no directory, it keeps them in memory only.
// Each save rewrites the log since the last snapshot, so the log is compacted every 64 applied
// entries rather than 512 (a 30 s simulated run at rate 1000: 0.7 s of CPU instead of 3.5 s).
struct raft_durable : raft_lease_hold {
  using persistence = glomers::persistence::disk;
  static constexpr raft_config raft = [] {
    auto c = raft_lease_hold::raft;
    c.snapshot_every = 64;
    return c;
  }();
};

}  // namespace lin_kv_designs
}  // namespace glomers
