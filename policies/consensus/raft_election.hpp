// Raft elections over raft_state: pre-vote, the vote itself, the tally, becoming leader.
//
// Wire: raft_vote {term, last_log_index, last_log_term, pre_vote}
//       raft_vote_ok {term, granted, pre_vote}
// A pre-vote asks "would you vote for me at term+1?" without anyone changing term, so a node
// cut off from the majority does not inflate terms and unseat a healthy leader when it returns.
#pragma once

#include "policies/consensus/raft_state.hpp"

namespace glomers::consensus::detail {

inline void request_votes(raft_state& s, bool pre) {
  for (auto const& p : s.peers) {
    s.send(p, json::object{{"type", "raft_vote"},
                           {"term", pre ? s.term + 1 : s.term},
                           {"last_log_index", s.log.last_index()},
                           {"last_log_term", s.log.last_term()},
                           {"pre_vote", pre}});
  }
}

inline void become_leader(raft_state& s, nanoseconds now) {
  s.role = raft_role::leader;
  s.leader = s.self;
  s.votes.clear();
  s.prog.clear();
  s.sent_at.clear();
  for (auto const& p : s.peers) s.prog[p].next = s.log.last_index() + 1;
  s.next_quorum_check = now + milliseconds(s.cfg.election_min_ms);
  // A no-op of the new term: entries of older terms commit only under one of the current term.
  s.log.append(raft_entry{s.term, nullptr});
  s.dirty = true;
  if (s.peers.empty()) s.commit = s.log.last_index();
}

inline void become_candidate(raft_state& s, nanoseconds now) {
  s.role = raft_role::candidate;
  s.term += 1;
  s.voted_for = s.self;
  s.dirty = true;
  s.leader.clear();
  s.votes = {s.self};
  s.arm_election(now);
  if (s.votes.size() >= s.quorum()) return become_leader(s, now);
  request_votes(s, false);
}

inline void start_election(raft_state& s, nanoseconds now) {
  if (!s.cfg.pre_vote) return become_candidate(s, now);
  s.role = raft_role::pre_candidate;
  s.leader.clear();
  s.votes = {s.self};
  s.arm_election(now);
  if (s.votes.size() >= s.quorum()) return become_candidate(s, now);
  request_votes(s, true);
}

inline void on_vote(raft_state& s, std::string const& from, json::object const& b, nanoseconds now) {
  term_t const t = int_of(b, "term");
  bool const pre = bool_of(b, "pre_vote");
  auto reply = [&](bool granted, term_t term) {
    s.send(from, json::object{{"type", "raft_vote_ok"}, {"term", term}, {"granted", granted}, {"pre_vote", pre}});
  };
  bool const fresh = s.log_up_to_date(int_of(b, "last_log_term"), int_of(b, "last_log_index"));
  if (s.in_lease(now) && t > s.term) return reply(false, s.term);
  if (pre) {
    bool const grant = t > s.term && fresh;
    return reply(grant, grant ? t : s.term);
  }
  if (t < s.term) return reply(false, s.term);
  if (t > s.term) s.become_follower(t, {}, now);
  bool const grant = (s.voted_for.empty() || s.voted_for == from) && fresh;
  if (grant) {
    s.voted_for = from;
    s.dirty = true;
    s.arm_election(now);  // a granted vote counts as hearing from a would-be leader
  }
  reply(grant, s.term);
}

inline void on_vote_ok(raft_state& s, std::string const& from, json::object const& b, nanoseconds now) {
  term_t const t = int_of(b, "term");
  bool const granted = bool_of(b, "granted");
  if (bool_of(b, "pre_vote")) {
    if (granted) {
      if (s.role == raft_role::pre_candidate && t == s.term + 1) {
        s.votes.insert(from);
        if (s.votes.size() >= s.quorum()) become_candidate(s, now);
      }
    } else if (t > s.term) {
      s.become_follower(t, {}, now);
    }
    return;
  }
  if (t > s.term) return s.become_follower(t, {}, now);
  if (s.role != raft_role::candidate || t != s.term || !granted) return;
  s.votes.insert(from);
  if (s.votes.size() >= s.quorum()) become_leader(s, now);
}

// A leader that has not heard from a majority for an election timeout steps down, so that a
// leader cut off in a minority stops serving (and its lease reads stay sound).
inline void check_quorum(raft_state& s, nanoseconds now) {
  if (s.role != raft_role::leader || !s.cfg.check_quorum || now < s.next_quorum_check) return;
  std::size_t heard = 1;
  for (auto& [_, p] : s.prog) {
    heard += p.active ? 1 : 0;
    p.active = false;
  }
  s.next_quorum_check = now + milliseconds(s.cfg.election_min_ms);
  if (heard < s.quorum()) s.become_follower(s.term, {}, now);
}

}  // namespace glomers::consensus::detail
