// Challenges 6a-6c, totally-available transactions (txn-rw-register): every transaction is
// answered txn_ok from the local replica, never aborted, under partitions too.
//
// The server is assembled from three policies, given as a bundle over txn_defaults
// (challenges/txn/designs.hpp):
//   isolation    what a transaction sees, which write sets it commits   (policies/isolation.hpp)
//   replication  when committed write sets travel to the other replicas (policies/replication.hpp)
//   repair       when to send an anti-entropy digest, and to whom       (policies/repair.hpp)
// and settle_ms, how old a version must be before anti-entropy counts on the peer having it.
//
// Conflicts: every write set is stamped by a hybrid logical clock (policies/detail/hlc.hpp), each
// write versioned by that stamp and its position in the set, and each key keeps its largest
// version (last writer wins, ties between nodes broken by node), so
// replicas that have seen the same writes hold the same values, whatever the order of arrival.
//
// Anti-entropy (repair): a digest carries the version of every key the sender holds. The receiver
// pushes, as one replicate message, every key it holds newer, when at least one of them is
// settled (older than settle_ms: not just in flight); and when the sender holds a settled
// version newer than its own, it answers with its own digest (reply: true, never answered by a
// digest). A healthy cluster thus repairs nothing; after a partition heals, one round trip
// merges the two stores. A push holds every key where the sender is newer, so the receiver's
// store becomes the merge of both, which shows each transaction's writes whole.
#pragma once

#include "challenges/txn/messages.hpp"
#include "challenges/txn/replica.hpp"
#include "challenges/txn/store.hpp"
#include "maelstrom/detail/pieces.hpp"
#include "maelstrom/driver.hpp"
#include "maelstrom/node.hpp"
#include "policies/isolation.hpp"
#include "policies/repair.hpp"
#include "policies/replication.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <map>

namespace glomers {

template <runtime_policy Runtime, class Design>
class txn_server {
 public:
  using isolation_t = typename Design::isolation;
  using replication_t = typename Design::replication;
  using repair_t = typename Design::repair;
  static_assert(isolation_policy<isolation_t>);
  static_assert(replication_policy<replication_t>);
  static_assert(repair_policy<repair_t>);
  static constexpr std::int64_t settle_ms = Design::settle_ms;

  explicit txn_server(node<Runtime>& n) : n_(n), driver_(n, [this](std::chrono::nanoseconds now) { return pump(now); }) {
    n.on_init([this] {
      clock_.set_node(txn::node_index(n_.node_ids(), n_.id()));
      peers_ = n_.peers();
      driver_.kick();
    });
    n.on("txn", [this](message const& req) { on_txn(req); });
    n.template on<txn_msgs::replicate>([this](message const&, txn_msgs::replicate r) {
      for (auto const& w : txn_msgs::decode_writes(r.writes)) {
        clock_.observe(w.version.at);
        store_.apply(w);
      }
    });
    n.template on<txn_msgs::digest>([this](message const& m, txn_msgs::digest d) { on_digest(m.src, d); });
  }

  txn::lww_store const& store() const noexcept { return store_; }
  replication_t const& replication() const noexcept { return replication_; }

 private:
  void on_txn(message const& req) {
    auto const txn = txn_msgs::parse_txn(req.body);
    auto ex = isolation_t::execute(txn, [this](std::int64_t k) { return store_.read(k); });
    auto const now = n_.runtime().now();
    for (auto const& ws : ex.commits) {
      auto const stamp = clock_.tick(txn::ms(now));  // one stamp per write set: see hlc.hpp
      std::vector<stamped_write> writes;
      writes.reserve(ws.size());
      for (auto const& [k, v] : ws) writes.push_back({k, v, {stamp, std::int64_t(writes.size())}});
      for (auto const& w : writes) store_.apply(w);
      replication_.commit(writes, peers_, now);
    }
    n_.reply(req, txn_msgs::txn_ok(ex.results));
    if (!ex.commits.empty()) driver_.kick();
  }

  // Bounded: a digest covers a window of at most max_digest keys (the next window in the next
  // period, round and round) and an answer gives at most max_give writes, the lowest keys first.
  void on_digest(std::string const& from, txn_msgs::digest const& d) {
    auto const lo = d.lo.value_or(min_key), hi = d.hi.value_or(max_key);
    if (lo > hi) txn_msgs::malformed("digest: the window is [lo, hi], lo <= hi");
    std::map<std::int64_t, detail::version_stamp> theirs;
    for (auto const& v : d.versions) theirs.insert(txn_msgs::decode_digest_entry(v));
    auto const now = txn::ms(n_.runtime().now());
    auto const settled = [now](detail::version_stamp const& v) { return v.at.wall_ms + settle_ms <= now; };
    auto const& mine = store_.versions();
    std::vector<stamped_write> give;  // every key in the window held newer here
    bool gap = false;                 // ... of which one is settled: a real gap, not in flight
    for (auto it = mine.lower_bound(lo); it != mine.end() && it->first <= hi && give.size() < max_give; ++it) {
      auto const& [k, ver] = *it;
      auto t = theirs.find(k);
      if (t != theirs.end() && !detail::lww_replaces(ver.version, t->second)) continue;
      give.push_back({k, ver.value, ver.version});
      gap = gap || settled(ver.version);
    }
    if (gap) send_writes(from, give);
    if (d.reply.value_or(false)) return;
    for (auto const& [k, v] : theirs) {
      auto it = mine.find(k);
      if (k >= lo && k <= hi && settled(v) && (it == mine.end() || detail::lww_replaces(v, it->second.version))) {
        n_.send(from, digest_of(true, lo, hi));
        return;
      }
    }
  }

  // What is held with keys from lo, up to limit and at most max_digest keys.
  txn_msgs::digest digest_of(bool reply, std::int64_t lo, std::int64_t limit) const {
    txn_msgs::digest d;
    auto const& mine = store_.versions();
    auto hi = limit;
    for (auto it = mine.lower_bound(lo); it != mine.end() && it->first <= limit; ++it) {
      if (d.versions.size() == max_digest) {
        hi = d.versions.back()[0];
        break;
      }
      d.versions.push_back(txn_msgs::digest_entry(it->first, it->second.version));
    }
    if (reply) d.reply = true;
    if (lo != min_key || hi != max_key) d.lo = lo, d.hi = hi;
    return d;
  }

  // The next window's digest.
  txn_msgs::digest opening() {
    auto d = digest_of(false, cursor_, max_key);
    cursor_ = d.hi && *d.hi != max_key ? *d.hi + 1 : min_key;
    return d;
  }

  // Sends what replication and repair want sent now; the driver arms one timer for the rest.
  deadline pump(std::chrono::nanoseconds now) {
    if (!n_.initialised()) return std::nullopt;
    for (auto& b : replication_.poll(now)) send_writes(b.to, b.writes);
    for (auto const& peer : repair_.poll(now, peers_, peers_)) n_.send(peer, opening());
    return earliest(replication_.next_deadline(), repair_.next_deadline());
  }

  // In messages of at most max_writes writes (~250 KB, well under the 1 MiB a peer reads); each
  // write carries its own stamp, so a write set split in two still applies as one.
  static constexpr std::size_t max_writes = 2048;
  static constexpr std::size_t max_digest = 8192;  // keys per digest (~40 bytes each)
  static constexpr std::size_t max_give = 16384;   // writes per answer to a digest
  static constexpr std::int64_t min_key = std::numeric_limits<std::int64_t>::min();
  static constexpr std::int64_t max_key = std::numeric_limits<std::int64_t>::max();
  void send_writes(std::string const& to, std::vector<stamped_write> const& writes) {
    detail::for_each_piece(writes, max_writes, [&](std::vector<stamped_write> part) {
      n_.send(to, txn_msgs::replicate_of(std::move(part)));
    });
  }

  node<Runtime>& n_;
  txn::lww_store store_;
  detail::hlc clock_;
  replication_t replication_;
  repair_t repair_;
  std::vector<std::string> peers_;
  std::int64_t cursor_ = min_key;  // where the next digest's window starts
  driver<Runtime> driver_;
};

// The server of a design as a template over the runtime alone: txn_with<design>::server.
template <class Design>
struct txn_with {
  template <class Runtime>
  using server = txn_server<Runtime, Design>;
};

}  // namespace glomers
