// consensus::raft: a sans-IO Raft core (Ongaro & Ousterhout, with the extensions of Ongaro's
// thesis that etcd also runs): randomised election timeouts, pre-vote, check-quorum, a no-op
// per new term, fast back-off on log conflicts, batched and pipelined appends, snapshots with
// log compaction and InstallSnapshot, and the two facts linearizable reads need (a confirmed
// heartbeat round for ReadIndex, and a lease).
//
//   consensus::raft core(id, node_ids, raft_config{}, seed);
//   core.on_message(from, body, now);  core.tick(now);  for (auto& m : core.take_outbox()) ...
#pragma once

#include "policies/consensus.hpp"
#include "policies/consensus/raft_election.hpp"
#include "policies/consensus/raft_replication.hpp"

#include <array>
#include <string_view>

namespace glomers::consensus {

class raft {
 public:
  using policy_role = roles::consensus;

  raft(std::string self, std::vector<std::string> nodes, raft_config cfg, std::uint64_t seed)
      : s_(std::move(self), std::move(nodes), cfg, seed) {}

  static constexpr std::array<std::string_view, 6> message_types{
      "raft_vote", "raft_vote_ok", "raft_append", "raft_append_ok", "raft_snapshot", "raft_snapshot_ok"};

  void on_message(std::string const& from, json::object const& body, std::chrono::nanoseconds now) {
    start(now);
    auto const* t = body.if_contains("type");
    if (!t || !t->is_string()) return;
    auto const type = std::string_view(t->get_string());
    if (type == "raft_vote") detail::on_vote(s_, from, body, now);
    else if (type == "raft_vote_ok") detail::on_vote_ok(s_, from, body, now);
    else if (type == "raft_append") detail::on_append(s_, from, body, now);
    else if (type == "raft_append_ok") detail::on_append_ok(s_, from, body, now);
    else if (type == "raft_snapshot") detail::on_snapshot(s_, from, body, now);
    else if (type == "raft_snapshot_ok") detail::on_snapshot_ok(s_, from, body, now);
    detail::advance_commit(s_);
  }

  std::optional<raft_index> propose(json::value command, std::chrono::nanoseconds now) {
    start(now);
    if (s_.role != raft_role::leader) return std::nullopt;
    auto const i = s_.log.append(raft_entry{s_.term, std::move(command)});
    s_.dirty = true;
    detail::advance_commit(s_);  // a cluster of one commits alone
    return i;
  }

  void tick(std::chrono::nanoseconds now) {
    start(now);
    if (s_.role != raft_role::leader && now >= s_.election_deadline) detail::start_election(s_, now);
    detail::check_quorum(s_, now);
    detail::replicate(s_, now);
    trim_sent_times();
  }

  std::vector<raft_out> take_outbox() { return std::exchange(s_.outbox, {}); }

  std::optional<raft_snapshot> take_restore() {
    if (!std::exchange(s_.restore_pending, false)) return std::nullopt;
    return s_.log.last_snapshot();
  }

  std::vector<raft_applied> take_committed() {
    std::vector<raft_applied> out;
    while (s_.applied < s_.commit) {
      ++s_.applied;
      out.push_back({s_.applied, s_.log.at(s_.applied)});
    }
    return out;
  }

  void compact(raft_index upto, json::value state) {
    if (upto > s_.applied || upto <= s_.log.snapshot_index()) return;
    s_.log.compact(upto, std::move(state));
    s_.dirty = true;
  }

  std::optional<std::chrono::nanoseconds> next_deadline() const {
    if (!s_.started) return std::chrono::nanoseconds(0);
    if (s_.role != raft_role::leader) return s_.election_deadline;
    std::optional<std::chrono::nanoseconds> next;
    if (s_.cfg.check_quorum) next = s_.next_quorum_check;
    auto const beat = std::chrono::milliseconds(s_.cfg.heartbeat_ms);
    for (auto const& [_, p] : s_.prog) {
      auto due = p.last_sent + beat;
      bool const data = p.next > s_.log.snapshot_index() && p.next <= s_.log.last_index() &&
                        (p.probing ? p.inflight.empty() : p.inflight.size() < s_.cfg.max_inflight);
      if (data) due = std::min(due, p.probing ? std::chrono::nanoseconds(0) : p.last_data + std::chrono::milliseconds(s_.cfg.batch_ms));
      if (!p.probing && !p.inflight.empty()) due = std::min(due, p.inflight.front().sent + lost_after());
      if (s_.round_wanted || p.last_sent < std::chrono::nanoseconds(0)) due = std::chrono::nanoseconds(0);
      if (p.next <= s_.log.snapshot_index())
        due = p.last_data < std::chrono::nanoseconds(0) ? std::chrono::nanoseconds(0) : p.last_data + lost_after();
      next = next ? std::min(*next, due) : due;
    }
    return next;
  }

  // --- state ------------------------------------------------------------------------------------
  raft_role role() const noexcept { return s_.role; }
  raft_term term() const noexcept { return s_.term; }
  std::string const& leader() const noexcept { return s_.leader; }
  std::string const& voted_for() const noexcept { return s_.voted_for; }
  raft_index commit_index() const noexcept { return s_.commit; }
  raft_index applied_index() const noexcept { return s_.applied; }
  raft_log const& log() const noexcept { return s_.log; }
  std::string const& id() const noexcept { return s_.self; }

  // --- reads ------------------------------------------------------------------------------------
  // A confirmation round: every peer is spoken to at the next tick; the round is confirmed once
  // a majority answered a message sent after this call (confirmed_round() >= the result).
  std::uint64_t request_round() {
    s_.round_wanted = true;
    return s_.seq + 1;
  }
  std::uint64_t confirmed_round() const {
    if (s_.role != raft_role::leader) return 0;
    return s_.quorum_value([](detail::progress const& p) { return p.acked_seq; },
                           std::numeric_limits<std::uint64_t>::max());
  }
  // No other leader can exist before this leader's lease ends: a majority heard it at the send
  // time of the confirmed round and will refuse votes for election_min after hearing it.
  bool lease_valid(std::chrono::nanoseconds now) const {
    if (s_.role != raft_role::leader || !s_.cfg.check_quorum) return false;
    auto const r = confirmed_round();
    if (r == std::numeric_limits<std::uint64_t>::max()) return true;
    auto it = s_.sent_at.find(r);
    if (it == s_.sent_at.end()) return false;
    auto const lease = std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::milliseconds(s_.cfg.election_min_ms) * s_.cfg.lease_fraction);
    return now < it->second + lease;
  }
  // The leader has committed an entry of its own term, so its commit index is the cluster's.
  bool committed_in_term() const { return s_.role == raft_role::leader && s_.log.term_at(s_.commit) == s_.term; }

  // --- persistence ------------------------------------------------------------------------------
  // True once after term, vote or log changed: the host saves them before sending the outbox.
  bool take_dirty() { return std::exchange(s_.dirty, false); }
  // Loads what a previous incarnation saved (before the first event). The state machine is
  // rebuilt from the snapshot (take_restore) and the log as entries commit again.
  void recover(raft_term term, std::string voted_for, raft_log log) {
    s_.term = term;
    s_.voted_for = std::move(voted_for);
    s_.log = std::move(log);
    s_.commit = s_.applied = s_.log.snapshot_index();
    s_.restore_pending = s_.log.snapshot_index() > 0;
    s_.recovered = true;
  }

 private:
  void start(std::chrono::nanoseconds now) {
    if (s_.started) return;
    s_.started = true;
    s_.arm_election(now);
    // Before its kill this node may have promised a leader's lease not to vote: keep the promise
    // for a full election timeout after coming back.
    if (s_.recovered) s_.no_votes_until = now + std::chrono::milliseconds(s_.cfg.election_min_ms);
  }
  std::chrono::nanoseconds lost_after() const {
    return std::chrono::milliseconds(std::max(2 * s_.cfg.heartbeat_ms, s_.cfg.election_min_ms));
  }
  void trim_sent_times() {
    auto const r = confirmed_round();
    if (s_.role != raft_role::leader) return;
    s_.sent_at.erase(s_.sent_at.begin(), s_.sent_at.lower_bound(r));
  }

  detail::raft_state s_;
};

static_assert(consensus_policy<raft>);

}  // namespace glomers::consensus
