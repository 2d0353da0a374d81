// Role: Raft persistence. Raft is safe across a crash only if a node's term, vote and log
// survive it and are stored before any message that depends on them leaves (a vote granted
// twice in a term, or an acknowledged entry forgotten, breaks the majority argument).
//
// Required expressions, for a persistence P constructed from the runtime's store (r.storage(),
// maelstrom/runtime/storage.hpp) when the server is built, before init:
//   p.save(raft_hard_state const&)          called before the messages of an event are sent,
//                                           whenever term, vote or log changed; returns once
//                                           stored, throws when it could not store
//   p.load() -> std::optional<raft_hard_state>
//                                           once, at construction of the server: what a
//                                           previous incarnation saved; throws when what is
//                                           stored cannot be read back exactly (the node must
//                                           not start with amnesia)
//
// Models: persistence::none (forgets on kill: safe only without the kill fault),
// persistence::disk (a record in the node's store: a file in the process host's data
// directory, the simulator's per-node store; memory only under the real Maelstrom).
#pragma once

#include "maelstrom/runtime/storage.hpp"
#include "policies/raft_log.hpp"
#include "policies/role.hpp"

#include <optional>
#include <stdexcept>
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

// What is stored cannot be trusted: the node refuses to start.
struct persistence_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

template <class P>
concept raft_persistence_policy = plays<P, roles::raft_persistence> && std::constructible_from<P, node_store&> &&
                                  requires(P& p, raft_hard_state const& hs) {
                                    p.save(hs);
                                    { p.load() } -> std::same_as<std::optional<raft_hard_state>>;
                                  };

}  // namespace glomers
