// Role: consensus, for lin-kv. A replicated log: a leader orders client commands, a majority
// stores them, and every node applies the committed prefix in the same order.
//
// Sans-IO: the host hands the core peer messages, proposals and the time; the core returns the
// messages to send, the committed entries to apply and its next deadline, and never sends,
// sleeps or reads a clock (maelstrom/driver.hpp runs it). Randomness (election timeouts) comes
// from a seed the host draws from its runtime, so simulated runs replay.
//
// Required expressions, for a core c of type C, now a std::chrono::nanoseconds:
//   C(self, nodes, raft_config, seed)           a node of the cluster `nodes` (self among them)
//   C::message_types                            the wire types the core owns (a static range of
//                                               std::string_view; the host routes them to it)
//   c.on_message(from, body, now)               a peer's message of one of those types
//   c.propose(command, now) -> std::optional<raft_index>
//                                               leader only: appends, returns the entry's index
//   c.tick(now)                                 timers: elections, heartbeats, check-quorum, and
//                                               the appends due; queues what is to be sent
//   c.take_outbox() -> std::vector<raft_out>    what to send now, in order
//   c.take_restore() -> std::optional<raft_snapshot>
//                                               a leader's snapshot the state machine must load
//   c.take_committed() -> std::vector<raft_applied>
//                                               newly committed entries, in index order
//   c.compact(index, state)                     the state machine's state after `index` replaces
//                                               the log prefix
//   c.next_deadline() -> std::optional<std::chrono::nanoseconds>
//   reads: c.role(), c.term(), c.leader() (empty: unknown), c.voted_for(), c.commit_index(),
//          c.applied_index(), c.log() (the raft_log)
//   persistence: c.take_dirty() -> bool (term, vote or log changed since last asked: save them
//                before sending), c.recover(term, voted_for, log) (before the first event)
//   read path support (leader): c.request_round() -> std::uint64_t, c.confirmed_round(),
//                                c.lease_valid(now), c.committed_in_term()
//
// Models: consensus::raft (Raft with pre-vote, check-quorum, fast back-off, pipelined batched
// appends, snapshots and InstallSnapshot).
#pragma once

#include "maelstrom/json.hpp"
#include "policies/raft_log.hpp"
#include "policies/role.hpp"

#include <chrono>
#include <concepts>
#include <iterator>
#include <string_view>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace glomers {

// The tuning of a Raft core. Times in milliseconds.
struct raft_config {
  std::int64_t election_min_ms = 300;  // a follower waits a random time in [min, max] ...
  std::int64_t election_max_ms = 600;  // ... without a leader before it stands
  std::int64_t heartbeat_ms = 100;     // a leader speaks to each peer at least this often
  bool pre_vote = true;                // ask first whether a vote would be won (no term churn)
  bool check_quorum = true;            // a leader that lost its majority steps down; followers
                                       // that heard a leader recently refuse to vote
  std::int64_t batch_ms = 0;           // new entries wait this long to travel together (0: none)
  std::size_t max_batch = 64;          // entries per append
  std::size_t max_inflight = 64;       // unacknowledged appends per peer (pipelining)
  std::size_t snapshot_every = 512;    // compact once this many applied entries are held
  double lease_fraction = 0.8;         // a leader's lease: this part of election_min after
                                       // the quorum's acknowledged heartbeat was sent
};

enum class raft_role { follower, pre_candidate, candidate, leader };

inline std::ostream& operator<<(std::ostream& os, raft_role r) {
  constexpr char const* names[] = {"follower", "pre-candidate", "candidate", "leader"};
  return os << names[static_cast<int>(r)];
}

struct raft_out {
  std::string to;
  json::object body;
};

struct raft_applied {
  raft_index index;
  raft_entry entry;
};

template <class C>
concept consensus_policy =
    plays<C, roles::consensus> && std::constructible_from<C, std::string, std::vector<std::string>, raft_config, std::uint64_t> &&
    requires(C& c, C const& cc, std::string const& s, json::object const& body, json::value v,
             std::chrono::nanoseconds now, raft_index i) {
      { *std::begin(C::message_types) } -> std::convertible_to<std::string_view>;
      c.on_message(s, body, now);
      { c.propose(v, now) } -> std::same_as<std::optional<raft_index>>;
      c.tick(now);
      { c.take_outbox() } -> std::same_as<std::vector<raft_out>>;
      { c.take_restore() } -> std::same_as<std::optional<raft_snapshot>>;
      { c.take_committed() } -> std::same_as<std::vector<raft_applied>>;
      c.compact(i, v);
      { cc.next_deadline() } -> std::same_as<std::optional<std::chrono::nanoseconds>>;
      { cc.role() } -> std::same_as<raft_role>;
      { cc.term() } -> std::same_as<raft_term>;
      { cc.leader() } -> std::convertible_to<std::string>;
      { cc.commit_index() } -> std::same_as<raft_index>;
      { cc.applied_index() } -> std::same_as<raft_index>;
      { cc.voted_for() } -> std::convertible_to<std::string>;
      { cc.log() } -> std::convertible_to<raft_log const&>;
      { c.take_dirty() } -> std::same_as<bool>;
      c.recover(raft_term{}, s, raft_log{});
      { c.request_round() } -> std::same_as<std::uint64_t>;
      { cc.confirmed_round() } -> std::same_as<std::uint64_t>;
      { cc.lease_valid(now) } -> std::same_as<bool>;
      { cc.committed_in_term() } -> std::same_as<bool>;
    };

}  // namespace glomers
