// Role: replication, for the txn workloads. How committed write sets reach the other replicas,
// and in which batches.
//
// Sans-IO: the server hands the policy each write set it commits (already stamped), asks it what
// to send now, and arms one timer for its next deadline (maelstrom/driver.hpp). Each batch is
// sent as one message and applied by its receiver at once, so a write set is never split: a
// replica shows all of a transaction's writes or none. Batches are not acknowledged; what a
// partition drops, anti-entropy repairs (the repair role, policies/repair.hpp, decides when).
//
// Required expressions, for a replication type R, r of type R, ws a std::vector<stamped_write>
// (one committed write set, one stamp), peers the other nodes, now a std::chrono::nanoseconds:
//   r.commit(ws, peers, now)     ws should reach every peer
//   r.poll(now) -> std::vector<replication_batch>
//                                the batches to send now, whole write sets each, in commit order
//   r.next_deadline() -> std::optional<std::chrono::nanoseconds>
//                                when poll has something to send next (none: idle, no timer)
//
// Models: replication::eager (every commit leaves at once, a message per peer per write set),
// replication::batched<interval_ms> (at most one message per peer per interval; new data after a
// quiet interval leaves at once). Both adapt a broadcast gossip schedule
// (replication::over_gossip<G>, policies/replication/over_gossip.hpp).
#pragma once

#include "policies/detail/hlc.hpp"
#include "policies/role.hpp"

#include <chrono>
#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace glomers {

// One write of a committed write set: key := value, versioned by its write set's clock stamp and
// its position in the set.
struct stamped_write {
  std::int64_t key = 0;
  std::int64_t value = 0;
  detail::version_stamp version;

  friend bool operator==(stamped_write const&, stamped_write const&) = default;
};

struct replication_batch {
  std::string to;
  std::vector<stamped_write> writes;
};

template <class R>
concept replication_policy =
    plays<R, roles::replication> &&
    requires(R& r, std::vector<stamped_write> const& ws, std::vector<std::string> const& peers,
             std::chrono::nanoseconds now) {
      r.commit(ws, peers, now);
      { r.poll(now) } -> std::same_as<std::vector<replication_batch>>;
      { r.next_deadline() } -> std::same_as<std::optional<std::chrono::nanoseconds>>;
    };

}  // namespace glomers
