// Policy roles and the two shapes a policy comes in.
//
// A policy is a type that plays exactly one role, declared as `using policy_role = roles::X;`.
// Each role has a concept (in policies/X.hpp) that checks that identity first, so a model of one
// role never satisfies another role's concept by accident, and every model static_asserts its
// concept right after its definition.
//
// Shapes (a host knows a role's shape from the role, never per model):
//   * pure (sans-IO): a value type, or a type with static functions, that decides and never acts.
//     The host hands it events and the time, asks it what to send, and arms one timer for its
//     next deadline (maelstrom/driver.hpp). Topology, partitioning, gossip, repair, storage,
//     log storage, consensus and the txn isolation/replication state are pure.
//   * active: `template <runtime_policy R> struct model` constructed from node<R>&, for a
//     policy that is a sequence of RPCs to Maelstrom's services (a counter on seq-kv, durable
//     writes, offsets allocated by compare-and-set on lin-kv). Its pure part, if any, lives
//     beside it as a pure type and is tested alone.
#pragma once

#include <concepts>

namespace glomers {

namespace roles {
struct topology {};      // broadcast: who a node passes a value on to
struct gossip {};        // broadcast: when values travel, in which batches
struct repair {};        // broadcast: anti-entropy after losses
struct storage {};       // a set of values
struct durability {};    // broadcast: a node's own values survive its kill (active)
struct counter {};       // g-counter / pn-counter strategy (active)
struct ids {};           // unique-id generation
struct partitioning {};  // which node owns a key
struct log_storage {};   // per-key append-only logs with sparse offsets
struct log_design {};    // kafka: how offsets are assigned and logs replicated
struct consensus {};     // raft core
struct read_path {};     // linearizable reads: through the log, read index, lease
struct isolation {};     // txn: what a transaction may see
struct replication {};   // txn: how writes reach the other replicas
}  // namespace roles

// P plays Role: it names exactly that role.
template <class P, class Role>
concept plays = requires { typename P::policy_role; } && std::same_as<typename P::policy_role, Role>;

}  // namespace glomers
