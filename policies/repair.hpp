// Role: repair (anti-entropy), for broadcast. Finds and fills the gaps gossip left, e.g. values
// a partition dropped.
//
// The policy decides when to start an exchange and with whom, and owns the exchange's wire
// protocol: it builds its own messages and answers its peers' (the host registers its message
// type and hands it what the node holds). Sans-IO, like gossip.
//
// Required expressions, for a repair type R, r of type R, now a std::chrono::nanoseconds:
//   r.poll(now, neighbours, peers) -> std::vector<std::string>
//                            the nodes to start an exchange with now; neighbours are the nodes
//                            this node gossips to (its topology targets), peers every other node
//   r.next_deadline() -> std::optional<std::chrono::nanoseconds>   when poll is next due
// And, for a model that exchanges messages (repair::none does not):
//   typename R::message              its wire message, a typed body (the host registers it)
//   r.opening(held) -> R::message    the message that starts an exchange
//   r.answer(msg, held) -> repair_answer<R::message>
//                                    what to do with a peer's message: values to send it as
//                                    gossip, and a message of our own for it, if any
// Both stay bounded however much is held or asked: a host sends them as they are.
// where held is a repair_holdings: what the node holds (all, and settled: held for a while).
//
// Models: repair::none (no repair), repair::digest<period_ms> (one node per period, alternately
// a neighbour and any other node: repairs flow along the design's paths, and around a lost hub).
#pragma once

#include "maelstrom/message.hpp"
#include "policies/repair/range_set.hpp"
#include "policies/role.hpp"

#include <chrono>
#include <cstdint>
#include <concepts>
#include <optional>
#include <string>
#include <vector>

namespace glomers {

template <class R>
concept repair_policy = plays<R, roles::repair> && requires(R& r, std::chrono::nanoseconds now, std::vector<std::string> const& nodes) {
  { r.poll(now, nodes, nodes) } -> std::same_as<std::vector<std::string>>;
  { r.next_deadline() } -> std::same_as<std::optional<std::chrono::nanoseconds>>;
};

// What a node holds, for repair: every value, and the values it has held for a while (settled:
// gossip in flight counts on neither side), as range sets the host keeps up to date (a summary
// of any window of them costs time logarithmic in what is held, never a pass over everything).
struct repair_holdings {
  repair::range_set const& all;
  repair::range_set const& settled;
};

template <class Message>
struct repair_answer {
  std::vector<std::int64_t> give;  // values the peer lacks: sent to it as gossip
  std::optional<Message> reply;    // a message of our own for the peer
};

template <class R>
concept exchanging_repair = repair_policy<R> && typed_body<typename R::message> &&
                            requires(R& r, typename R::message const& m, repair_holdings const& held) {
                              { r.opening(held) } -> std::same_as<typename R::message>;
                              { r.answer(m, held) } -> std::same_as<repair_answer<typename R::message>>;
                            };

namespace repair {

using role = roles::repair;  // models declare `using policy_role = role;`

struct none {
  using policy_role = role;
  std::vector<std::string> poll(std::chrono::nanoseconds, std::vector<std::string> const&,
                                std::vector<std::string> const&) {
    return {};
  }
  std::optional<std::chrono::nanoseconds> next_deadline() const { return std::nullopt; }
};

static_assert(repair_policy<none>);

}  // namespace repair
}  // namespace glomers
