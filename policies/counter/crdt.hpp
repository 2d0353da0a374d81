// counter::crdt<GossipMs, PersistMs>: a PN-counter CRDT (pn_state). An add changes only this
// node's share and is acknowledged at once; every GossipMs the node sends its whole state to
// every peer (a few integers per node), and every PersistMs, when its share changed, writes the
// share to seq-kv under "pn-<node>", whence a restarted node recovers it at init. Reads answer
// from the merged state: exact once gossip has flowed after the last add (partitions only delay
// it), and no seq-kv read is ever needed, so seq-kv's staleness cannot bite.
// Cost: n·(n-1) messages per GossipMs, plus a write per PersistMs while adds arrive.
// An add acknowledged less than PersistMs before the node's process dies is lost with it.
#pragma once

#include "maelstrom/kv.hpp"
#include "policies/counter.hpp"
#include "policies/counter/pn_state.hpp"

#include <chrono>

namespace glomers::counter {

template <std::int64_t GossipMs, std::int64_t PersistMs>
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
        n_.every(std::chrono::milliseconds(PersistMs), [this] { persist(); });
      });
    }

    template <class F>
    void add(std::int64_t delta, F done) {
      state_.add(n_.id(), delta);
      done(status(ok_t{}));
    }

    template <class F>
    void read(F done) {
      done(result<std::int64_t>(state_.value()));
    }

    pn_state const& state() const noexcept { return state_; }

   private:
    std::string key() const { return "pn-" + n_.id(); }

    // A restarted node takes back its share (seq-kv shows a caller its own writes).
    void recover() {
      kv_.read(key(), [this](result<json::value> r) {
        if (!r) return;  // 20: never written; anything else: the next persist still stands
        auto const& a = r.value();
        if (a.is_array() && a.as_array().size() == 2) {
          state_.set_share(n_.id(), a.as_array()[0].to_number<std::int64_t>(), a.as_array()[1].to_number<std::int64_t>());
        }
      });
    }

    void gossip() {
      json::object body{{"type", "counter_state"}, {"state", state_.to_json()}};
      for (auto const& peer : n_.peers()) n_.send(peer, body);
    }

    void persist() {
      auto const share = state_.share(n_.id());
      if (share == persisted_ || writing_) return;
      writing_ = true;
      kv_.write(key(), json::array{share.first, share.second}, [this, share](status s) {
        writing_ = false;
        if (s) persisted_ = share;
      });
    }

    node<Runtime>& n_;
    kv_client<Runtime> kv_;
    pn_state state_;
    std::pair<std::int64_t, std::int64_t> persisted_{0, 0};
    bool writing_ = false;
  };
};

}  // namespace glomers::counter
