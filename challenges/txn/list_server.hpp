// txn-list-append, totally available: every transaction is answered txn_ok from the local
// replica. A transaction's appends are committed as one write set (one clock stamp), applied at
// once and replicated whole.
//
// Reads show a stable prefix. Elle orders a key's appends by the longest read and puts appends
// no read saw after all seen ones, so an append that arrives late and sorts before one already
// read becomes a ww edge against its stamp order: G0. So a replica reads as of a frontier: the
// appends stamped at or below the latest stamp below which it holds every other node's appends.
// Each append carries its origin's append index; a replica counts each origin's appends held
// without a gap, and each origin promises (count, clock): "my first count appends are all I have
// stamped at or below clock". Every replica then shows the same list for the same frontier, and
// lists only grow at the end: one version order, stamp order, on every replica. The price: an
// append shows outside its own transaction only once every peer's promise has passed it (a
// replication interval when healthy; after the heal when partitioned). A transaction's reads do
// not show its own appends either: showing them right after the prefix would skip appends of
// other nodes stamped earlier but not yet held, and a read that skips an append is, to Elle,
// a version order (G0 again). Elle calls that :internal, which read uncommitted and read
// committed allow.
//
// Policies as the register server's: replication (appends with the promise), repair (when to
// send an append_digest: the origin resends what a peer lacks once settle_ms old), settle_ms.
#pragma once

#include "challenges/txn/list_store.hpp"
#include "challenges/txn/messages.hpp"
#include "challenges/txn/replica.hpp"
#include "maelstrom/detail/pieces.hpp"
#include "maelstrom/driver.hpp"
#include "maelstrom/node.hpp"
#include "policies/repair.hpp"
#include "policies/replication.hpp"

#include <algorithm>
#include <chrono>
#include <limits>

namespace glomers {

template <runtime_policy Runtime, class Design>
class txn_list_server {
 public:
  using replication_t = typename Design::replication;
  using repair_t = typename Design::repair;
  static_assert(replication_policy<replication_t>);
  static_assert(repair_policy<repair_t>);
  static constexpr std::int64_t settle_ms = Design::settle_ms;
  static constexpr std::size_t resend_max = 4096;  // appends per repair message

  explicit txn_list_server(node<Runtime>& n) : n_(n), driver_(n, [this](std::chrono::nanoseconds now) { return pump(now); }) {
    n.on_init([this] {
      self_ = txn::node_index(n_.node_ids(), n_.id());
      clock_.set_node(self_);
      peers_ = n_.peers();
      for (auto const& p : peers_) origins_[index_of(p)];
      driver_.kick();
    });
    n.on("txn", [this](message const& req) { on_txn(req); });
    n.template on<txn_msgs::appends>([this](message const& m, txn_msgs::appends a) {
      auto const writes = txn_msgs::decode_writes(a.writes);
      auto& o = origin_of(m.src);
      for (auto const& w : writes) {
        clock_.observe(w.version.at);
        store_.apply(w);
        if (w.version.seq >= o.held) o.ahead.emplace(w.version.seq, w.version.at);
      }
      promise(o, a.count, a.clock);
    });
    n.template on<txn_msgs::append_digest>([this](message const& m, txn_msgs::append_digest d) {
      promise(origin_of(m.src), d.count, d.clock);
      for (auto const& h : d.have) {
        if (h.size() != 2) txn_msgs::malformed("append_digest: have is [origin, count]");
        if (h[0] == self_) resend(m.src, h[1]);
      }
    });
  }

  txn::list_store const& store() const noexcept { return store_; }

  // Appends stamped at or below this are held from every node: reads show exactly those.
  detail::hlc_stamp frontier() const {
    detail::hlc_stamp f{std::numeric_limits<std::int64_t>::max(), 0, 0};
    for (auto const& [i, o] : origins_) f = std::min(f, o.frontier);
    return f;
  }

 private:
  struct origin {
    std::int64_t held = 0;                              // its appends 0..held-1 are here
    std::map<std::int64_t, detail::hlc_stamp> ahead;   // received beyond a gap
    detail::hlc_stamp last{-1, 0, 0};                   // the stamp of append held-1
    std::int64_t promised_count = -1;
    detail::hlc_stamp promised_clock{-1, 0, 0};
    detail::hlc_stamp frontier{-1, 0, 0};
  };

  void on_txn(message const& req) {
    auto const txn = txn_msgs::parse_txn(req.body, "append");
    auto const f = frontier();
    std::vector<stamped_write> writes;
    json::array out;
    for (auto const& m : txn) {
      if (m.f == mop::kind::write) {
        writes.push_back({m.key, *m.value, {}});
        out.push_back(json::array{"append", m.key, *m.value});
        continue;
      }
      auto const list = store_.read(m.key, f);  // not this transaction's own appends: see above
      json::value v = nullptr;
      if (list) v = json::array(list->begin(), list->end());
      out.push_back(json::array{"r", m.key, v});
    }
    if (!writes.empty()) {
      auto const now = n_.runtime().now();
      auto const stamp = clock_.tick(txn::ms(now));
      for (auto& w : writes) {
        w.version = {stamp, std::int64_t(log_.size())};
        log_.push_back(w);
        store_.apply(w);
      }
      replication_.commit(writes, peers_, now);
    }
    n_.reply(req, json::object{{"type", "txn_ok"}, {"txn", std::move(out)}});
    if (!writes.empty()) driver_.kick();
  }

  // An origin's promise: once its first count appends are all here, nothing else it has or
  // will have is stamped at or below clock.
  void promise(origin& o, std::int64_t count, std::vector<std::int64_t> const& clock) {
    if (clock.size() != 3) txn_msgs::malformed("clock is [wall_ms, logical, node]");
    detail::hlc_stamp const c{clock[0], clock[1], clock[2]};
    clock_.observe(c);
    if (count > o.promised_count || (count == o.promised_count && c > o.promised_clock)) {
      o.promised_count = count;
      o.promised_clock = c;
    }
    for (auto it = o.ahead.begin(); it != o.ahead.end() && it->first <= o.held; it = o.ahead.erase(it)) {
      if (it->first == o.held) {
        o.last = it->second;
        ++o.held;
      }
    }
    auto f = o.last;  // every append of this origin up to its append held-1 is here
    if (o.promised_count >= 0 && o.held >= o.promised_count) f = std::max(f, o.promised_clock);
    o.frontier = std::max(o.frontier, f);
  }

  // A peer holds `held` of our appends without a gap: resend what follows, once it is settled
  // (not merely in flight).
  void resend(std::string const& to, std::int64_t held) {
    if (held < 0 || held >= std::int64_t(log_.size())) return;
    auto const now = n_.runtime().now();
    if (log_[held].version.at.wall_ms + settle_ms > txn::ms(now)) return;
    auto const end = std::min(log_.size(), std::size_t(held) + resend_max);
    send_appends(to, std::vector<stamped_write>(log_.begin() + held, log_.begin() + end), now);
  }

  // In messages of at most resend_max appends (~500 KB): each names its versions, so they stand alone.
  void send_appends(std::string const& to, std::vector<stamped_write> const& writes, std::chrono::nanoseconds now) {
    auto const clock = clock_now(now);
    detail::for_each_piece(writes, resend_max, [&](std::vector<stamped_write> part) {
      auto m = txn_msgs::replicate_of(std::move(part));
      n_.send(to, txn_msgs::appends{std::move(m.writes), std::int64_t(log_.size()), clock});
    }, true);
  }

  std::vector<std::int64_t> clock_now(std::chrono::nanoseconds now) {
    auto const c = clock_.tick(txn::ms(now));  // later appends are stamped above it
    return {c.wall_ms, c.logical, c.node};
  }

  deadline pump(std::chrono::nanoseconds now) {
    if (!n_.initialised()) return std::nullopt;
    for (auto& b : replication_.poll(now)) send_appends(b.to, b.writes, now);
    for (auto const& peer : repair_.poll(now, peers_, peers_)) {
      txn_msgs::append_digest d{{}, std::int64_t(log_.size()), clock_now(now)};
      for (auto const& [i, o] : origins_) d.have.push_back({i, o.held});
      n_.send(peer, d);
    }
    return earliest(replication_.next_deadline(), repair_.next_deadline());
  }

  std::int64_t index_of(std::string const& id) const { return txn::node_index(n_.node_ids(), id); }
  origin& origin_of(std::string const& id) {
    auto it = origins_.find(index_of(id));
    if (it == origins_.end()) throw error(error_code::malformed_request, "appends from a node outside the test: " + id);
    return it->second;
  }

  node<Runtime>& n_;
  std::int64_t self_ = 0;
  txn::list_store store_;
  std::vector<stamped_write> log_;  // this node's appends, by index
  std::map<std::int64_t, origin> origins_;  // every peer, by node index
  detail::hlc clock_;
  replication_t replication_;
  repair_t repair_;
  std::vector<std::string> peers_;
  driver<Runtime> driver_;
};

template <class Design>
struct txn_list_with {
  template <class Runtime>
  using server = txn_list_server<Runtime, Design>;
};

}  // namespace glomers
