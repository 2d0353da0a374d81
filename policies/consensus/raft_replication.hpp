// Raft log replication over raft_state: appends (batched, pipelined), the consistency check with
// conflict truncation and fast back-off, commit by majority match of a current-term entry, and
// InstallSnapshot for followers behind the compacted prefix.
//
// Wire: raft_append {term, seq, prev_index, prev_term, entries: [[term, command]...], commit}
//       raft_append_ok {term, seq, success, match, prev_index, conflict_index, conflict_term?}
//       raft_snapshot {term, seq, index, snap_term, state}
//       raft_snapshot_ok {term, seq, match}
// seq numbers every append a leader sends; a reply echoes it, which is how a read learns that a
// majority still followed this leader after it arrived (ReadIndex) and when (leases).
#pragma once

#include "policies/consensus/raft_state.hpp"

namespace glomers::consensus::detail {

inline json::array encode_entries(std::vector<raft_entry> const& es) {
  json::array a;
  for (auto const& e : es) a.push_back(json::array{e.term, e.command});
  return a;
}

inline std::uint64_t stamp(raft_state& s, nanoseconds now) {
  s.sent_at[++s.seq] = now;
  return s.seq;
}

// The origins (an "origin" field: the node whose client a command came from) that `to` should
// copy its answer to. The origin stores the entry itself and the leader has it, so it needs
// quorum - 2 more answers: those of the peers that follow it in the node order (none in 3 nodes).
inline json::array origins_of(raft_state const& s, std::vector<raft_entry> const& es, std::string const& to) {
  std::set<std::string> out;
  auto const helpers = s.quorum() >= 2 ? s.quorum() - 2 : 0;
  for (auto const& e : es) {
    auto const* c = e.command.if_object();
    auto const* o = c ? c->if_contains("origin") : nullptr;
    if (!o || !o->is_string() || o->get_string() == to || o->get_string() == s.self || out.count(std::string(o->get_string())))
      continue;
    auto const at = std::find(s.peers.begin(), s.peers.end(), o->get_string());
    if (at == s.peers.end()) continue;
    for (std::size_t k = 1; k <= helpers && k < s.peers.size(); ++k) {
      if (s.peers[(static_cast<std::size_t>(at - s.peers.begin()) + k) % s.peers.size()] == to) out.insert(std::string(o->get_string()));
    }
  }
  json::array a;
  for (auto const& o : out) a.emplace_back(o);
  return a;
}

inline void send_append(raft_state& s, std::string const& to, progress& p, index_t prev, std::size_t count,
                        nanoseconds now) {
  auto const entries = s.log.slice(prev + 1, count);
  auto const last = prev + static_cast<index_t>(entries.size());
  json::object body{{"type", "raft_append"},
                    {"term", s.term},
                    {"seq", stamp(s, now)},
                    {"prev_index", prev},
                    {"prev_term", *s.log.term_at(prev)},
                    {"entries", encode_entries(entries)},
                    {"commit", std::min(s.commit, last)}};
  if (auto notify = origins_of(s, entries, to); !notify.empty()) body["notify"] = std::move(notify);
  s.send(to, std::move(body));
  p.last_sent = now;
  if (!entries.empty()) p.last_data = now;
}

inline void send_snapshot(raft_state& s, std::string const& to, progress& p, nanoseconds now) {
  auto const& snap = s.log.last_snapshot();
  s.send(to, json::object{{"type", "raft_snapshot"},
                          {"term", s.term},
                          {"seq", stamp(s, now)},
                          {"index", snap.index},
                          {"snap_term", snap.term},
                          {"state", snap.state}});
  p.last_sent = now;
  p.last_data = now;
}

// Everything the leader owes its peers at `now`: new entries (at once, or once per batch_ms),
// probes, snapshots, heartbeats, and a round for waiting reads.
inline void replicate(raft_state& s, nanoseconds now) {
  if (s.role != raft_role::leader) return;
  auto const heartbeat = milliseconds(s.cfg.heartbeat_ms);
  auto const lost_after = milliseconds(std::max(2 * s.cfg.heartbeat_ms, s.cfg.election_min_ms));
  for (auto& [to, p] : s.prog) {
    bool const beat_due = s.round_wanted || p.last_sent < nanoseconds(0) || now - p.last_sent >= heartbeat;
    if (!p.probing && !p.inflight.empty() && now - p.inflight.front().sent >= lost_after) {
      p.probing = true;  // the oldest append went unanswered too long: it was lost
      p.next = p.match + 1;
      p.inflight.clear();
    }
    if (p.next <= s.log.snapshot_index()) {
      // A snapshot is large: resent only once the last one may be lost, not every heartbeat.
      if (p.last_data < nanoseconds(0) || now - p.last_data >= lost_after) send_snapshot(s, to, p, now);
      continue;
    }
    bool sent = false;
    if (p.probing) {
      // One append at a time, repeated each heartbeat until answered.
      if (beat_due || (p.inflight.empty() && p.next <= s.log.last_index())) {
        send_append(s, to, p, p.next - 1, s.cfg.max_batch, now);
        auto const n = std::min<std::size_t>(s.cfg.max_batch, s.log.last_index() - p.next + 1);
        p.inflight = {{p.next - 1 + static_cast<index_t>(n), now}};
        sent = true;
      }
    } else {
      bool const batch_ready = s.cfg.batch_ms == 0 || p.last_data < nanoseconds(0) ||
                               now - p.last_data >= milliseconds(s.cfg.batch_ms);
      while (batch_ready && p.next <= s.log.last_index() && p.inflight.size() < s.cfg.max_inflight) {
        auto const n = std::min<std::size_t>(s.cfg.max_batch, s.log.last_index() - p.next + 1);
        send_append(s, to, p, p.next - 1, n, now);
        p.next += static_cast<index_t>(n);
        p.inflight.push_back({p.next - 1, now});
        sent = true;
      }
      if (!sent && beat_due) {
        // A heartbeat checks only what is known stored, so it never races the pipeline.
        send_append(s, to, p, std::max(p.match, s.log.snapshot_index()), 0, now);
      }
    }
  }
  s.round_wanted = false;
}

// The leader commits the highest index a majority stores, if it is of its own term (§5.4.2).
inline void advance_commit(raft_state& s) {
  if (s.role != raft_role::leader) return;
  index_t const n = s.quorum_value([](progress const& p) { return p.match; }, s.log.last_index());
  if (n > s.commit && s.log.term_at(n) == s.term) s.commit = n;
}

// A follower's own commit rule: an entry of this term that the leader, this node and enough
// peers (by their copied answers) store matching the leader's log is on a majority, hence
// committed (§5.4.2), whether or not the leader has said so yet.
inline void follower_commit(raft_state& s) {
  if (s.role != raft_role::follower || s.match_term != s.term || s.leader.empty()) return;
  std::vector<index_t> v{s.leader_match, s.leader_match};  // the leader stores all this node got
  for (auto const& p : s.peers)
    if (p != s.leader) v.push_back(s.peer_match.count(p) ? s.peer_match.at(p) : 0);
  std::sort(v.begin(), v.end(), std::greater<>());
  index_t const n = std::min(v[s.quorum() - 1], s.leader_match);
  if (n > s.commit && s.log.term_at(n) == s.term) s.commit = n;
}

inline void note_match(raft_state& s, std::string const& who, index_t m) {
  if (s.match_term != s.term) s.match_term = s.term, s.leader_match = 0, s.peer_match.clear();
  auto& slot = who == s.self ? s.leader_match : s.peer_match[who];
  slot = std::max(slot, m);
}

// A message from a leader of term >= ours: follow it.
inline void heard_leader(raft_state& s, std::string const& from, term_t t, nanoseconds now) {
  if (t > s.term || s.role != raft_role::follower || s.leader != from) s.become_follower(t, from, now);
  s.last_heard_leader = now;
  s.arm_election(now);
}

inline void on_append(raft_state& s, std::string const& from, json::object const& b, nanoseconds now) {
  term_t const t = int_of(b, "term");
  auto const seq = int_of(b, "seq");
  index_t prev = int_of(b, "prev_index");
  json::object reply{{"type", "raft_append_ok"}, {"seq", seq}, {"prev_index", prev}};
  if (t < s.term) {
    reply["term"] = s.term;
    reply["success"] = false;
    return s.send(from, std::move(reply));
  }
  heard_leader(s, from, t, now);
  reply["term"] = s.term;
  auto const& list = b.at("entries").as_array();
  std::size_t skip = 0;
  if (prev < s.log.snapshot_index()) {
    // The start is already compacted (committed, hence identical here): skip over it.
    skip = static_cast<std::size_t>(std::min<index_t>(s.log.snapshot_index() - prev, static_cast<index_t>(list.size())));
    prev += static_cast<index_t>(skip);
    if (prev < s.log.snapshot_index()) {
      reply["success"] = true;
      reply["match"] = prev;
      return s.send(from, std::move(reply));
    }
  }
  auto const have = s.log.term_at(prev);
  if (!have || *have != int_of(b, "prev_term")) {
    reply["success"] = false;
    if (!have) {
      reply["conflict_index"] = s.log.last_index() + 1;
    } else {
      reply["conflict_term"] = *have;
      reply["conflict_index"] = s.log.first_of_term(*have, prev);
    }
    return s.send(from, std::move(reply));
  }
  index_t i = prev;
  for (std::size_t k = skip; k < list.size(); ++k) {
    auto const& e = list[k].as_array();
    raft_entry en{e.at(0).to_number<term_t>(), e.at(1)};
    ++i;
    if (auto ti = s.log.term_at(i)) {
      if (*ti == en.term) continue;
      if (i <= s.commit) {  // a committed entry never changes: this "leader" is forged; refused
        reply["success"] = false;
        return s.send(from, std::move(reply));
      }
      s.log.truncate_after(i - 1);  // a conflict: this entry and all after it were never committed
    }
    s.log.append(std::move(en));
    s.dirty = true;
  }
  index_t const match = prev + static_cast<index_t>(list.size() - skip);
  s.commit = std::max(s.commit, std::min<index_t>(int_of(b, "commit"), match));
  reply["success"] = true;
  reply["match"] = match;
  note_match(s, s.self, match);
  follower_commit(s);
  if (auto const* notify = b.if_contains("notify"); notify && notify->is_array()) {
    for (auto const& o : notify->get_array())
      if (o.is_string() && o.get_string() != s.self) s.send(std::string(o.get_string()), reply);
  }
  s.send(from, std::move(reply));
}

inline void on_snapshot(raft_state& s, std::string const& from, json::object const& b, nanoseconds now) {
  term_t const t = int_of(b, "term");
  json::object reply{{"type", "raft_snapshot_ok"}, {"seq", int_of(b, "seq")}};
  if (t < s.term) {
    reply["term"] = s.term;
    reply["match"] = 0;
    return s.send(from, std::move(reply));
  }
  heard_leader(s, from, t, now);
  index_t const idx = int_of(b, "index");
  if (idx > s.commit) {
    s.log.install(raft_snapshot{idx, int_of(b, "snap_term"), b.at("state")});
    s.commit = idx;
    s.dirty = true;
    if (s.applied < idx) {
      s.applied = idx;
      s.restore_pending = true;
    }
  }
  reply["term"] = s.term;
  reply["match"] = idx;
  s.send(from, std::move(reply));
}

// Bookkeeping every current-term answer shares: the peer still follows us (check-quorum, reads).
inline progress* answered(raft_state& s, std::string const& from, json::object const& b, nanoseconds now) {
  term_t const t = int_of(b, "term");
  if (t > s.term) {
    s.become_follower(t, {}, now);
    return nullptr;
  }
  if (s.role != raft_role::leader || t != s.term) return nullptr;
  auto it = s.prog.find(from);
  if (it == s.prog.end()) return nullptr;
  auto& p = it->second;
  p.active = true;
  p.last_reply = now;
  p.acked_seq = std::max<std::uint64_t>(p.acked_seq, static_cast<std::uint64_t>(int_of(b, "seq")));
  return &p;
}

inline void matched(progress& p, index_t m) {
  p.match = std::max(p.match, m);
  if (p.probing) {
    p.probing = false;
    p.inflight.clear();
    p.next = p.match + 1;
  }
  p.next = std::max(p.next, p.match + 1);
  while (!p.inflight.empty() && p.inflight.front().last <= p.match) p.inflight.pop_front();
}

inline void on_append_ok(raft_state& s, std::string const& from, json::object const& b, nanoseconds now) {
  if (s.role == raft_role::follower && int_of(b, "term") == s.term && bool_of(b, "success")) {
    // A peer's copy of its answer to this term's leader: what it stores of the leader's log.
    if (from != s.leader && from != s.self) note_match(s, from, int_of(b, "match"));
    return follower_commit(s);
  }
  auto* p = answered(s, from, b, now);
  if (!p) return;
  if (bool_of(b, "success")) return matched(*p, int_of(b, "match"));
  index_t const rejected = int_of(b, "prev_index");
  if (rejected < p->match) return;  // stale: we already know more is stored there
  // Fast back-off: skip the follower's whole conflicting term, or to the end of its log.
  index_t next = int_of(b, "conflict_index", rejected);
  if (auto const* ct = b.if_contains("conflict_term")) {
    if (auto last = s.log.last_of_term(ct->to_number<term_t>())) next = *last + 1;
  }
  if (next <= p->match) p->match = next - 1;  // the follower lost what it had (amnesia)
  p->next = std::max<index_t>(1, std::min(next, rejected));
  p->probing = true;
  p->inflight.clear();
  p->last_sent = nanoseconds(-1);  // probe again at once
  p->last_data = nanoseconds(-1);  // (or send the snapshot at once)
}

inline void on_snapshot_ok(raft_state& s, std::string const& from, json::object const& b, nanoseconds now) {
  if (auto* p = answered(s, from, b, now)) matched(*p, int_of(b, "match"));
}

}  // namespace glomers::consensus::detail
