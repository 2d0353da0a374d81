// The state of a Raft core (consensus::raft) and the transitions every part of it shares:
// adopting a term, becoming a follower, arming the election timer, queueing a message.
// Elections (raft_election.hpp) and replication (raft_replication.hpp) are free functions over it.
#pragma once

#include "maelstrom/json.hpp"
#include "policies/consensus.hpp"
#include "policies/raft_log.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <deque>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace glomers::consensus::detail {

using std::chrono::milliseconds;
using std::chrono::nanoseconds;
using index_t = raft_index;
using term_t = raft_term;

// What the leader knows of one follower.
struct progress {
  index_t next = 1;               // the next entry to send
  index_t match = 0;              // the highest entry known stored there
  bool probing = true;            // probe: one append at a time; replicate: pipelined
  struct flight {
    index_t last;
    nanoseconds sent;
  };
  std::deque<flight> inflight;    // each unacknowledged append: its last index, when it left
  nanoseconds last_sent{-1};      // when anything last left for it (heartbeat pacing)
  nanoseconds last_data{-1};      // when entries last left for it (batching)
  nanoseconds last_reply{-1};
  std::uint64_t acked_seq = 0;    // highest append seq it answered in this term
  bool active = false;            // answered since the last check-quorum
};

struct raft_state {
  raft_state(std::string self_id, std::vector<std::string> nodes, raft_config c, std::uint64_t seed)
      : cfg(c), self(std::move(self_id)), rng(seed) {
    for (auto& n : nodes)
      if (n != self) peers.push_back(std::move(n));
  }

  raft_config cfg;
  std::string self;
  std::vector<std::string> peers;
  std::mt19937_64 rng;

  // Persistent state (Raft figure 2) and the log.
  term_t term = 0;
  std::string voted_for;
  raft_log log;
  bool dirty = false;  // term, vote or log changed since the host last persisted them

  index_t commit = 0;
  index_t applied = 0;
  bool restore_pending = false;

  raft_role role = raft_role::follower;
  std::string leader;
  std::set<std::string> votes;
  nanoseconds election_deadline{0};
  nanoseconds last_heard_leader{std::numeric_limits<std::int64_t>::min() / 2};
  bool started = false;
  bool recovered = false;          // restarted from persisted state
  nanoseconds no_votes_until{0};   // a restarted node may have been in a leader's lease

  // Follower: what it knows stored in this term, so it can learn a commit before the leader says
  // (peers copy their append answers to the nodes whose clients' entries the append carried).
  term_t match_term = 0;                     // the term of the two below
  index_t leader_match = 0;                  // this log matches the leader's up to here
  std::map<std::string, index_t> peer_match; // a peer's log matches the leader's up to here

  // Leader only.
  std::map<std::string, progress> prog;
  std::uint64_t seq = 0;                     // every append/snapshot carries a fresh one
  std::map<std::uint64_t, nanoseconds> sent_at;  // seq -> send time (leases)
  bool round_wanted = false;                 // a read wants every peer spoken to now
  nanoseconds next_quorum_check{0};

  std::vector<raft_out> outbox;

  std::size_t cluster_size() const { return peers.size() + 1; }
  std::size_t quorum() const { return cluster_size() / 2 + 1; }

  void send(std::string const& to, json::object body) { outbox.push_back({to, std::move(body)}); }

  void arm_election(nanoseconds now) {
    auto const span = cfg.election_max_ms - cfg.election_min_ms;
    auto const draw = span > 0 ? static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(span + 1)) : 0;
    election_deadline = now + milliseconds(cfg.election_min_ms + draw);
  }

  // A newer term seen anywhere: adopt it, forget the vote.
  void adopt_term(term_t t) {
    if (t <= term) return;
    term = t;
    voted_for.clear();
    dirty = true;
  }

  void become_follower(term_t t, std::string new_leader, nanoseconds now) {
    bool const was_leader = role == raft_role::leader;
    adopt_term(t);
    role = raft_role::follower;
    leader = std::move(new_leader);
    votes.clear();
    if (was_leader) {
      prog.clear();
      sent_at.clear();
      round_wanted = false;
    }
    arm_election(now);
  }

  // A follower that heard a live leader lately refuses to help unseat it (check-quorum's lease
  // side: a leader's lease is only sound if its followers will not elect another within it).
  bool in_lease(nanoseconds now) const {
    if (!cfg.check_quorum) return false;
    if (role == raft_role::leader || now < no_votes_until) return true;
    return !leader.empty() && now - last_heard_leader < milliseconds(cfg.election_min_ms);
  }

  bool log_up_to_date(term_t last_term, index_t last_index) const {
    return last_term > log.last_term() || (last_term == log.last_term() && last_index >= log.last_index());
  }

  // The quorum-th largest of the peers' values with this node counted as `own`.
  template <class F>
  auto quorum_value(F value_of, decltype(value_of(std::declval<progress const&>())) own) const {
    std::vector<decltype(own)> v{own};
    for (auto const& [_, p] : prog) v.push_back(value_of(p));
    std::sort(v.begin(), v.end(), std::greater<>());
    return v[quorum() - 1];
  }
};

inline std::int64_t int_of(json::object const& b, std::string_view key, std::int64_t dflt = 0) {
  auto const* v = b.if_contains(key);
  if (!v) return dflt;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(v->get_uint64());
  return dflt;
}
inline bool bool_of(json::object const& b, std::string_view key) {
  auto const* v = b.if_contains(key);
  return v && v->is_bool() && v->get_bool();
}

}  // namespace glomers::consensus::detail
