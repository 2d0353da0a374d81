// lin-kv on Raft: a linearizable key-value store replicated by a consensus core.
//
// The leader orders writes and cas as log entries and answers each when it applies; reads take
// the design's read path (through the log, ReadIndex, a lease). A follower routes clients to the
// leader (design's routing). The core is sans-IO, run by maelstrom/driver.hpp; its term, vote and
// log go to the persistence role before any message of the same event leaves (a vote grant, an
// append acknowledgement, a leader's appends), and a node is built from what it loaded.
//
//   struct design : lin_kv_defaults { using read_path = glomers::read_path::read_index; };
//   template <class R> using node = glomers::lin_kv_server<R, design>;
#pragma once

#include "challenges/lin_kv/kv_state.hpp"
#include "challenges/lin_kv/routing.hpp"
#include "maelstrom/driver.hpp"
#include "maelstrom/node.hpp"
#include "policies/consensus.hpp"
#include "policies/consensus/persistence.hpp"
#include "policies/read_path.hpp"

#include <algorithm>
#include <exception>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace glomers {

template <runtime_policy Runtime, class Design>
class lin_kv_server {
 public:
  using core_t = typename Design::consensus;
  using read_path_t = typename Design::read_path;
  using persistence_t = typename Design::persistence;
  using routing_t = typename Design::routing;
  static_assert(consensus_policy<core_t>);
  static_assert(read_path_policy<read_path_t, core_t>);
  static_assert(raft_persistence_policy<persistence_t>);

  explicit lin_kv_server(node<Runtime>& n) : n_(n), driver_(n, [this](auto now) { return pump(now); }) {
    for (auto type : core_t::message_types) {
      n.on(std::string(type), [this](message const& m) {
        n_.require_peer(m);  // a client posing as a peer must not vote, lead or append
        if (!core_) return;
        core_->on_message(m.src, m.body, n_.runtime().now());
        driver_.kick();
      });
    }
    for (auto type : {"read", "write", "cas"}) n.on(type, [this](message const& m) { on_client(m); });
    n.on_init([this] { start(); });
    // Before init, so that a node whose stored state cannot be read refuses to start (it
    // throws here, and run() ends the process) rather than voting or acknowledging with amnesia.
    persistence_.emplace(n.runtime().storage());
    recovered_ = persistence_->load();
  }

  core_t const* core() const noexcept { return core_ ? &*core_ : nullptr; }
  persistence_t* persistence() noexcept { return persistence_ ? &*persistence_ : nullptr; }
  raft_kv::kv_state const& state() const noexcept { return kv_; }
  // Before init, a test may hand the node a state to start from instead of what it loaded.
  void recover_from(raft_hard_state hs) { recovered_ = std::move(hs); }

 private:
  struct pending_op {
    message request;
    raft_term term;
  };
  struct held_request {
    message request;
    std::chrono::nanoseconds until;
  };
  struct pending_read {
    message request;
    raft_index index;
    std::uint64_t round;
    raft_term term;
  };

  void start() {
    core_.emplace(n_.id(), n_.node_ids(), Design::raft, n_.runtime().random());
    nonce_ = n_.runtime().random();  // tags of an earlier incarnation never match this one's
    if (recovered_) {
      auto const& l = recovered_->log;
      n_.runtime().log("glomers: recovered term " + std::to_string(recovered_->term) + ", vote '" + recovered_->voted_for +
                       "', log to " + std::to_string(l.last_index()) + " (snapshot at " + std::to_string(l.snapshot_index()) + ")");
    }
    if (recovered_) core_->recover(recovered_->term, recovered_->voted_for, std::move(recovered_->log));
    recovered_.reset();
    driver_.kick();
  }

  void on_client(message const& m) {
    if (!core_) throw error(error_code::temporarily_unavailable, "not initialised");
    raft_kv::kv_state::check(m.body);  // malformed: 12 here, whichever node it reached
    if (!route(m)) {
      if (routing_t::hold_ms == 0 || m.body.contains("forwarded")) throw error(routing_t::unknown_leader_code, "no leader known here");
      held_.push_back({m, n_.runtime().now() + std::chrono::milliseconds(routing_t::hold_ms)});
      driver_.kick();
    }
  }

  // Serves or forwards m if this node knows where; false when it does not.
  bool route(message const& m) {
    if (core_->role() == raft_role::leader) return serve(m), true;
    if (routing_t::forwards && !core_->leader().empty() && !m.body.contains("forwarded")) return forward(m), true;
    return false;
  }

  // Held requests: routed once a leader is known, refused when their hold ends.
  deadline release_held(std::chrono::nanoseconds now) {
    deadline next;
    std::vector<held_request> keep;
    for (auto& h : std::exchange(held_, {})) {
      if (route(h.request)) continue;
      if (now >= h.until) n_.reply_error(h.request, error(routing_t::unknown_leader_code, "no leader known here"));
      else next = earliest(next, h.until), keep.push_back(std::move(h));
    }
    held_.insert(held_.end(), std::make_move_iterator(keep.begin()), std::make_move_iterator(keep.end()));
    return next;
  }

  void forward(message const& m) {
    json::object body = m.body;
    body.erase("msg_id");
    body.erase("in_reply_to");  // the client's, if it sent one: the leader must not read a reply
    body["forwarded"] = true;  // a leader that lost office answers 11 instead of forwarding on
    std::string tag;
    if constexpr (routing_t::answers_at_origin) {
      if (m.type() != "read") {  // lease reads never enter the log: the leader answers them
        tag = std::to_string(nonce_) + "-" + std::to_string(++tags_);
        body["origin"] = n_.id();
        body["tag"] = tag;
        at_origin_.emplace(tag, m);
      }
    }
    n_.rpc(core_->leader(), std::move(body), std::chrono::milliseconds(routing_t::timeout_ms),
           [this, m, tag](result<message> r) {
             if (!tag.empty() && at_origin_.erase(tag) == 0) return;  // answered here on apply
             if (!r) return n_.reply_error(m, r.err());
             json::object b = r->body;
             b.erase("msg_id");
             b.erase("in_reply_to");
             n_.reply(m, std::move(b));
           });
  }

  void serve(message const& m) {
    auto const now = n_.runtime().now();
    if (m.type() == "read") {
      auto const plan = read_path_t::plan(*core_, now);
      switch (plan.kind) {
        case read_plan::now: return answer(m, kv_.read(m.body.at("key")));
        case read_plan::at_index: waiting_.emplace(plan.index, m); break;
        case read_plan::after_round: rounds_.push_back({m, plan.index, plan.round, core_->term()}); break;
        case read_plan::via_log: return propose(m);
      }
      driver_.kick();
      return;
    }
    propose(m);
  }

  void propose(message const& m) {
    json::object body = m.body;
    // Only the forwarding node itself names itself the origin (peers will send it messages).
    auto const* origin = body.if_contains("origin");
    auto const* tag = body.if_contains("tag");
    if (!origin || !tag || !tag->is_string() || *origin != json::value(m.src) || m.src == n_.id() ||
        std::find(n_.node_ids().begin(), n_.node_ids().end(), m.src) == n_.node_ids().end()) {
      body.erase("origin");
      body.erase("tag");
    }
    auto const i = core_->propose(raft_kv::kv_state::command_of(body), n_.runtime().now());
    if (!i) throw error(error_code::temporarily_unavailable, "not the leader");
    pending_[*i] = {m, core_->term()};
    driver_.kick();
  }

  void answer(message const& m, raft_kv::kv_reply const& r) {
    if (r.err) n_.reply_error(m, *r.err);
    else n_.reply(m, r.body);
  }

  deadline pump(std::chrono::nanoseconds now) {
    if (!core_) return std::nullopt;
    core_->tick(now);
    if (core_->take_dirty()) {
      if constexpr (requires { persistence_t::stores_nothing; }) {
      } else {
        try {
          persistence_->save(raft_hard_state{core_->term(), core_->voted_for(), core_->log()});
        } catch (std::exception const& e) {
          // What was not stored must not be promised: stop taking part (fail-stop), sending
          // nothing of this event or any later one.
          n_.runtime().log(std::string("glomers: cannot store the Raft state, this node stops: ") + e.what());
          core_.reset();
          return std::nullopt;
        }
      }
    }
    for (auto& o : core_->take_outbox()) n_.send(std::move(o.to), std::move(o.body));
    apply();
    confirm_reads();
    auto const held = held_.empty() ? deadline() : release_held(now);
    return earliest(core_->next_deadline(), held);
  }

  void apply() {
    if (auto s = core_->take_restore()) {
      kv_.restore(s->state);
      // Whether these made it into the snapshot is unknown here: let their clients time out.
      pending_.erase(pending_.begin(), pending_.upper_bound(s->index));
    }
    for (auto& a : core_->take_committed()) {
      auto const r = kv_.apply(a.entry.command);
      if (!at_origin_.empty()) answer_at_origin(a.entry.command, r);
      auto it = pending_.find(a.index);
      if (it == pending_.end()) continue;
      if (it->second.term == a.entry.term) answer(it->second.request, r);
      else n_.reply_error(it->second.request, error(error_code::temporarily_unavailable, "superseded by a new leader"));
      pending_.erase(it);
    }
    auto const applied = core_->applied_index();
    if (core_->log().size() >= Design::raft.snapshot_every && applied > core_->log().snapshot_index())
      core_->compact(applied, kv_.snapshot());
    while (!waiting_.empty() && waiting_.begin()->first <= applied) {
      auto node = waiting_.extract(waiting_.begin());
      answer(node.mapped(), kv_.read(node.mapped().body.at("key")));
    }
  }

  // A command this node forwarded for its client has committed: answer from this node's state.
  void answer_at_origin(json::value const& command, raft_kv::kv_reply const& r) {
    auto const* c = command.if_object();
    auto const* tag = c ? c->if_contains("tag") : nullptr;
    auto const* origin = c ? c->if_contains("origin") : nullptr;
    if (!tag || !tag->is_string() || !origin || *origin != json::value(n_.id())) return;
    auto it = at_origin_.find(std::string(tag->get_string()));
    if (it == at_origin_.end()) return;
    answer(it->second, r);
    at_origin_.erase(it);
  }

  void confirm_reads() {
    if (rounds_.empty()) return;
    bool const leading = core_->role() == raft_role::leader;
    auto const confirmed = core_->confirmed_round();
    std::vector<pending_read> keep;
    bool moved = false;
    for (auto& r : rounds_) {
      if (!leading || core_->term() != r.term) {
        n_.reply_error(r.request, error(error_code::temporarily_unavailable, "leadership lost before the read"));
      } else if (confirmed >= r.round) {
        waiting_.emplace(r.index, std::move(r.request));
        moved = true;
      } else {
        keep.push_back(std::move(r));
      }
    }
    rounds_ = std::move(keep);
    if (moved) apply();
  }

  node<Runtime>& n_;
  driver<Runtime> driver_;
  std::optional<core_t> core_;
  std::optional<persistence_t> persistence_;
  std::optional<raft_hard_state> recovered_;
  raft_kv::kv_state kv_;
  std::map<raft_index, pending_op> pending_;      // proposals awaiting their entry's apply
  std::vector<pending_read> rounds_;              // ReadIndex reads awaiting their round
  std::multimap<raft_index, message> waiting_;    // confirmed reads awaiting apply
  std::vector<held_request> held_;                // client requests awaiting a known leader
  std::map<std::string, message> at_origin_;      // forwarded commands, by tag, answered on apply
  std::uint64_t nonce_ = 0, tags_ = 0;
};

// The server of a design as a template over the runtime alone: lin_kv_with<design>::server.
template <class Design>
struct lin_kv_with {
  template <class Runtime>
  using server = lin_kv_server<Runtime, Design>;
};

}  // namespace glomers
