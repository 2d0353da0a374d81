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
// Input checks: counter_state is taken only from the other nodes of the cluster, naming only
// them (anything else: 10 / 12, state untouched); an add that would overflow a total or the value
// gets 12; a share read back from seq-kv that is not two non-negative int64s is ignored.
#pragma once

#include "maelstrom/kv.hpp"
#include "maelstrom/runtime/manual.hpp"
#include "policies/counter.hpp"
#include "policies/counter/pn_state.hpp"
#include "policies/detail/durable_key.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace glomers::counter {

template <std::int64_t GossipMs, std::int64_t PersistMs, bool Durable = false>
struct crdt {
  template <runtime_policy Runtime>
  class model {
   public:
    using policy_role = role;

    explicit model(node<Runtime>& n)
        : n_(n), share_(n, std::chrono::milliseconds(PersistMs), [this] {
            auto const [p, m] = state_.share(n_.id());
            return json::value(json::array{p, m});
          }) {
      n.on("counter_state", [this](message const& m) {
        n_.require_peer(m);
        auto const& ids = n_.node_ids();
        auto const member = [&](std::string const& id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); };
        auto const* state = m.body.if_contains("state");
        if (!state) throw json::decode_error("body: missing field 'state'");
        auto theirs = pn_state::from_json(*state);
        for (auto const& id : theirs.nodes()) {
          if (!member(id)) throw json::decode_error("state: " + id + " is not a node of this cluster");
        }
        state_.merge(theirs);
      });
      n.on_init([this] {
        recover();
        n_.every(std::chrono::milliseconds(GossipMs), [this] { gossip(); });
      });
    }

    template <class F>
    void add(std::int64_t delta, F done) {
      if (!state_.can_add(n_.id(), delta)) return done(status(overflow()));
      if constexpr (!Durable) done(status(ok_t{}));
      std::function<void(status)> ack;
      if constexpr (Durable) ack = std::move(done);
      if (!recovered_) {
        early_.emplace_back(delta, std::move(ack));
        return;
      }
      state_.add(n_.id(), delta);
      share_.changed(std::move(ack));
    }

    template <class F>
    void read(F done) {
      auto const v = state_.exact_value();
      if (!v) return done(result<std::int64_t>(error(error_code::crash, "the counter is outside the int64 range")));
      done(result<std::int64_t>(*v));
    }

    pn_state const& state() const noexcept { return state_; }

   private:
    // A restarted node takes back its share, then applies the adds that arrived meanwhile.
    void recover() {
      share_.recover("pn-" + n_.id(), [this](std::optional<json::value> v) {
        try {
          if (v) {
            auto const share = json::decode<std::vector<std::int64_t>>(*v);
            if (share.size() != 2 || share[0] < 0 || share[1] < 0) throw json::decode_error("expected [p, n] >= 0");
            state_.set_share(n_.id(), share[0], share[1]);
          }
        } catch (json::decode_error const& e) {
          n_.log(std::string("glomers: ignoring a malformed stored counter share: ") + e.what());
        }
        recovered_ = true;
        for (auto& [delta, ack] : std::exchange(early_, {})) {
          if (!state_.add(n_.id(), delta)) {  // on top of the recovered share it overflows
            if (ack) ack(status(overflow()));
            continue;
          }
          share_.changed(std::move(ack));
        }
      });
    }

    void gossip() {
      json::object body{{"type", "counter_state"}, {"state", state_.to_json()}};
      for (auto const& peer : n_.peers()) n_.send(peer, body);
    }

    static error overflow() { return error(error_code::malformed_request, "add: the counter would overflow int64"); }

    node<Runtime>& n_;
    pn_state state_;
    detail::durable_key<Runtime> share_;  // this node's {p, n} under "pn-<node>"
    bool recovered_ = false;
    std::vector<std::pair<std::int64_t, std::function<void(status)>>> early_;  // adds before recovery
  };
};

// Active models are checked on the hand-driven runtime.
static_assert(counter_policy<crdt<500, 1000>::model<runtime::manual>>);
static_assert(counter_policy<crdt<500, 100, true>::model<runtime::manual>>);

}  // namespace glomers::counter
