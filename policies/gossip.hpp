// Role: gossip (dissemination), for broadcast. When values travel, and in which batches.
//
// Sans-IO: the server tells the policy which values should reach which node, asks it what to
// send now, and arms one timer for the policy's next deadline. The policy never sends, sleeps or
// reads a clock; time arrives as an argument.
//
// Generic over the payload: a model carries values of its value_type (std::int64_t, broadcast's
// messages, unless told otherwise: gossip::batched<120, 120, write_set>), and
// G::carrying<U> is the same schedule for another payload, so a workload can take a design's
// gossip and send its own values with it.
//
// Required expressions, for a gossip type G, g of type G, V = G::value_type, and now a
// std::chrono::nanoseconds:
//   g.enqueue(to, values, now)    values (std::vector<V>) should reach node `to`
//   g.poll(now) -> std::vector<gossip_batch<V>>
//                                 the batches to send now; each is sent as one message. A batch
//                                 with an ack_id must be acknowledged by its receiver.
//   g.next_deadline() -> std::optional<std::chrono::nanoseconds>
//                                 when poll has something to send next, if anything is waiting
//                                 (none: no timer, the node is idle)
// Optional hook:
//   g.on_ack(from, ack_id, now)   the receiver confirmed a batch (default: none needed)
//
// Models: gossip::eager<> (a message per value, now), gossip::batched<interval_ms> (values that
// arrive within an interval travel together; a flush is triggered by new data, never by an idle
// timer), gossip::acked<Inner, retry_ms> (Inner's batches acknowledged, resent until they are),
// gossip::periodic_sync<period_ms> (the Go original's ticker; needs ordered values).
#pragma once

#include "policies/role.hpp"

#include <chrono>
#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace glomers {

template <class V = std::int64_t>
struct gossip_batch {
  std::string to;
  std::vector<V> values;
  std::optional<std::uint64_t> ack_id;
};

template <class G>
concept gossip_policy = plays<G, roles::gossip> && requires { typename G::value_type; } &&
                        requires(G& g, std::string const& to, std::vector<typename G::value_type> const& values,
                                 std::chrono::nanoseconds now) {
                          g.enqueue(to, values, now);
                          { g.poll(now) } -> std::same_as<std::vector<gossip_batch<typename G::value_type>>>;
                          { g.next_deadline() } -> std::same_as<std::optional<std::chrono::nanoseconds>>;
                        };

// G's schedule carrying payload V (a model's `carrying<V>`).
template <gossip_policy G, class V>
using gossip_carrying = typename G::template carrying<V>;

namespace gossip {
using role = roles::gossip;  // models declare `using policy_role = role;`
}  // namespace gossip

// Calls the optional on_ack hook when the policy has one.
template <gossip_policy G>
void gossip_acked(G& g, std::string const& from, std::uint64_t id, std::chrono::nanoseconds now) {
  if constexpr (requires { g.on_ack(from, id, now); }) g.on_ack(from, id, now);
}

}  // namespace glomers
