// Role: counter, for g-counter and pn-counter. How adds are recorded and reads answered, with
// the state kept in Maelstrom's seq-kv.
//
// Unlike the broadcast roles, a counter model is active: its decisions are sequences of seq-kv
// RPCs (read, compare-and-set, retry on a stale read), so it is built on the node and talks
// through it. Its pure parts (state merges, retry decisions) are separate value types tested on
// their own, and the models are tested on runtime::manual, where every seq-kv reply, stale or
// failed, is scripted.
//
// Context: constructed with the node (before init); may register handlers for its own messages
// and init callbacks.
//
// Required expressions, for a counter type C<Runtime>, c of that type:
//   c.add(delta, done)     record delta (any sign for pn-counter); done(status) once, from the
//                          run loop, when the add is safe to acknowledge
//   c.read(done)           done(result<std::int64_t>) with the value; every add acknowledged
//                          anywhere before a quiet period (Maelstrom's 10 s recovery) must be in
//                          a read that starts after it
//
// Models: counter::kv_cas<FlushMs, RefreshMs> (one shared seq-kv key, updated by
// compare-and-set in batches), counter::crdt<GossipMs, PersistMs> (a PN-counter CRDT gossiped
// between nodes, each node's own share persisted in seq-kv).
#pragma once

#include "policies/role.hpp"

#include "maelstrom/result.hpp"

#include <concepts>
#include <cstdint>
#include <functional>

namespace glomers {

template <class C>
concept counter_policy = plays<C, roles::counter> && requires(C& c, std::int64_t delta, std::function<void(status)> added,
                                  std::function<void(result<std::int64_t>)> read) {
  c.add(delta, added);
  c.read(read);
};

namespace counter {
using role = roles::counter;  // models declare `using policy_role = role;`
}  // namespace counter

}  // namespace glomers
