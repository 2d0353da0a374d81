// Role: read path, for lin-kv on a consensus core. How a leader answers a read linearizably.
//
// Pure: given the core and the time, the policy plans one read; the server carries the plan out.
//   R::plan(core, now) -> read_plan     called on the leader when a read arrives
//     via_log:       propose the read as a log entry, answer when it applies (always safe, one
//                    replication round and a log entry per read)
//     after_round:   ReadIndex: answer once the confirmation round `round` is confirmed by a
//                    majority (core.confirmed_round() >= round) and `index` has applied
//     at_index:      answer once `index` has applied (a lease vouches for leadership)
//     now:           answer from the local state at once (unsafe; the mini-etcd baseline)
// The core is any consensus_policy: plan may call request_round(), lease_valid(now),
// committed_in_term() and commit_index().
//
// Models: read_path::through_log, read_path::read_index, read_path::lease (falls back to
// read_index when the lease has lapsed), read_path::lease_tail (a lease read that waits for the
// log's end, for stores whose followers answer writes), read_path::leader_local (deliberately broken).
#pragma once

#include "policies/consensus.hpp"
#include "policies/role.hpp"

#include <chrono>
#include <cstdint>

namespace glomers {

struct read_plan {
  enum kind_t { via_log, after_round, at_index, now } kind = via_log;
  raft_index index = 0;
  std::uint64_t round = 0;
};

template <class R, class Core>
concept read_path_policy = plays<R, roles::read_path> && consensus_policy<Core> &&
                           requires(Core& c, std::chrono::nanoseconds now) {
                             { R::plan(c, now) } -> std::same_as<read_plan>;
                           };

}  // namespace glomers
