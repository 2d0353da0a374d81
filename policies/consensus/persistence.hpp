// Role: Raft persistence. Raft is safe across a crash only if a node's term, vote and log
// survive it and are stored before any message that depends on them leaves (a vote granted
// twice in a term, or an acknowledged entry forgotten, breaks the majority argument).
//
// Required expressions, for a persistence P constructed from the node id:
//   p.save(raft_hard_state const&)          called before the messages of an event are sent,
//                                           whenever term, vote or log changed
//   p.load() -> std::optional<raft_hard_state>
//                                           at start: what a previous incarnation saved
//
// What a real model needs from the test harness (not there yet): a per-node store that outlives
// a kill (a directory per node for the process host, a map keyed by node id in the simulator)
// with write-then-acknowledge semantics (fsync). The server already calls save() at the right
// moment, so such a store slots in as one more model.
//
// Models: persistence::none (forgets on kill: safe only without the kill fault),
// persistence::memory (keeps the saved state in a shared cell: the in-memory stand-in for the
// durable store, used by tests that rebuild a node from it).
#pragma once

#include "policies/raft_log.hpp"
#include "policies/role.hpp"

#include <optional>
#include <string>

namespace glomers {

namespace roles {
struct raft_persistence {};  // lin-kv: what of a Raft node survives its kill
}  // namespace roles

struct raft_hard_state {
  raft_term term = 0;
  std::string voted_for;
  raft_log log;
};

template <class P>
concept raft_persistence_policy = plays<P, roles::raft_persistence> && std::constructible_from<P, std::string> &&
                                  requires(P& p, raft_hard_state const& hs) {
                                    p.save(hs);
                                    { p.load() } -> std::same_as<std::optional<raft_hard_state>>;
                                  };

}  // namespace glomers
