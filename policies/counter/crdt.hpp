// counter::crdt<GossipMs, PersistMs, Durable = false>: a PN-counter CRDT (pn_state). An add
// changes only this node's share; every GossipMs the node sends its whole state to every peer (a
// few integers per node); its share is written to seq-kv under "pn-<node>", whence a restarted
// node recovers it at init (adds that arrive before recovery wait for it, so they land on top
// of the recovered share). Reads answer from the merged state: exact once gossip has flowed after
// the last add (partitions only delay it), and no seq-kv read is ever needed, so seq-kv's
// staleness cannot bite.
//   Durable = false: an add is acknowledged at once; the share is written every PersistMs when
//     it changed. Cheapest; an add acknowledged less than PersistMs before its node dies is lost.
//   Durable = true: an add is acknowledged once a write of a share that includes it succeeded
//     (group commit: one write in flight at a time, at most one per PersistMs; adds arriving
//     meanwhile ride on the next). Nothing acknowledged is lost to a kill; an add waits up to
//     PersistMs plus a round trip for its acknowledgement.
// Cost: n·(n-1) messages per GossipMs, plus the writes above.
#pragma once

#include "maelstrom/kv.hpp"
#include "policies/counter.hpp"
#include "policies/counter/pn_state.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <vector>

namespace glomers::counter {

template <std::int64_t GossipMs, std::int64_t PersistMs, bool Durable = false>
struct crdt {
  template <runtime_policy Runtime>
  class model {
   public:
    using policy_role = role;

    explicit model(node<Runtime>& n) : n_(n), kv_(n, "seq-kv") {
      n.on("counter_state", [this](message const& m) {
        auto const* state = m.body.if_contains("state");
        if (!state) throw json::decode_error("body: missing field 'state'");
        state_.merge(pn_state::from_json(*state));
      });
      n.on_init([this] {
        recover();
        n_.every(std::chrono::milliseconds(GossipMs), [this] { gossip(); });
        if constexpr (!Durable) n_.every(std::chrono::milliseconds(PersistMs), [this] { persist(); });
      });
    }

    template <class F>
    void add(std::int64_t delta, F done) {
      if constexpr (!Durable) done(status(ok_t{}));
      if (!recovered_) {
        early_.push_back({delta, Durable ? std::function<void(status)>(std::move(done)) : nullptr});
        return;
      }
      apply(delta, std::move(done));
    }

    template <class F>
    void read(F done) {
      done(result<std::int64_t>(state_.value()));
    }

    pn_state const& state() const noexcept { return state_; }

   private:
    std::string key() const { return "pn-" + n_.id(); }

    template <class F>
    void apply(std::int64_t delta, F done) {
      state_.add(n_.id(), delta);
      if constexpr (Durable) {
        waiting_.emplace_back(std::move(done));
        persist();
      }
    }

    // A restarted node takes back its share (seq-kv shows a caller its own writes), then applies
    // the adds that arrived meanwhile.
    void recover() {
      kv_.read(key(), [this](result<json::value> r) {
        if (!r && !r.failed_with(error_code::key_does_not_exist)) return recover();  // retry
        if (r && r->is_array() && r->as_array().size() == 2) {
          auto const& a = r->as_array();
          state_.set_share(n_.id(), a[0].to_number<std::int64_t>(), a[1].to_number<std::int64_t>());
          persisted_ = state_.share(n_.id());
        }
        recovered_ = true;
        for (auto& [delta, done] : std::exchange(early_, {})) {
          if constexpr (Durable) apply(delta, std::move(done));
          else state_.add(n_.id(), delta);
        }
        if constexpr (!Durable) persist();
      });
    }

    void gossip() {
      json::object body{{"type", "counter_state"}, {"state", state_.to_json()}};
      for (auto const& peer : n_.peers()) n_.send(peer, body);
    }

    // Writes the share when it changed, one write at a time. Durable: acknowledges the adds the
    // written share includes; a failed write leaves them waiting for the next one.
    void persist() {
      auto const share = state_.share(n_.id());
      if (writing_ || !recovered_) return;
      if (share == persisted_) {  // already durable (e.g. an add of 0)
        for (auto& done : std::exchange(waiting_, {})) done(status(ok_t{}));
        return;
      }
      if constexpr (Durable) {  // at most one write per PersistMs
        auto const due = last_write_ + std::chrono::milliseconds(PersistMs);
        if (wrote_once_ && n_.runtime().now() < due) {
          if (!commit_timer_) {
            commit_timer_ = n_.after(due - n_.runtime().now(), [this] {
              commit_timer_.reset();
              persist();
            });
          }
          return;
        }
        last_write_ = n_.runtime().now();
        wrote_once_ = true;
      }
      writing_ = true;
      auto batch = std::exchange(waiting_, {});
      kv_.write(key(), json::array{share.first, share.second}, [this, share, batch = std::move(batch)](status s) mutable {
        writing_ = false;
        if (s) {
          persisted_ = share;
          for (auto& done : batch) done(status(ok_t{}));
        } else {
          waiting_.insert(waiting_.begin(), std::make_move_iterator(batch.begin()), std::make_move_iterator(batch.end()));
        }
        if constexpr (Durable) persist();
      });
    }

    node<Runtime>& n_;
    kv_client<Runtime> kv_;
    pn_state state_;
    std::pair<std::int64_t, std::int64_t> persisted_{0, 0};
    bool writing_ = false;
    bool recovered_ = false;
    std::vector<std::pair<std::int64_t, std::function<void(status)>>> early_;  // adds before recovery
    std::vector<std::function<void(status)>> waiting_;                           // Durable: unacknowledged
    std::chrono::nanoseconds last_write_{0};
    bool wrote_once_ = false;
    std::optional<timer_id> commit_timer_;
  };
};

}  // namespace glomers::counter
