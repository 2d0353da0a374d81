// txn-list-append, totally available: every transaction is answered txn_ok from the local
// replica. A transaction's appends are committed as one write set (one clock stamp, each append
// versioned by its position), applied at once and replicated whole, like read_committed's
// registers; its reads see the replica's list plus its own earlier appends. Lists merge: an
// append is never lost (policies/detail/hlc.hpp orders them, txn/list_store.hpp keeps them).
// Across replicas this is read uncommitted's matching model (see list_store.hpp for why read
// committed's prefix rule cannot hold when any replica may append).
//
// Policies as the register server's: replication and repair, and settle_ms. Anti-entropy: a
// list_digest summarises, per key, the appends stamped before a cutoff (settle_ms ago at the
// sender); the receiver pushes its settled appends of every key whose summary differs and,
// unless the digest was a reply, asks back with its own summary for the same cutoff.
#pragma once

#include "challenges/txn/list_store.hpp"
#include "challenges/txn/messages.hpp"
#include "maelstrom/driver.hpp"
#include "maelstrom/node.hpp"
#include "policies/repair.hpp"
#include "policies/replication.hpp"

#include <algorithm>
#include <chrono>

namespace glomers {

template <runtime_policy Runtime, class Design>
class txn_list_server {
 public:
  using replication_t = typename Design::replication;
  using repair_t = typename Design::repair;
  static_assert(replication_policy<replication_t>);
  static_assert(repair_policy<repair_t>);
  static constexpr std::int64_t settle_ms = Design::settle_ms;

  explicit txn_list_server(node<Runtime>& n) : n_(n), driver_(n, [this](std::chrono::nanoseconds now) { return pump(now); }) {
    n.on_init([this] {
      auto const& ids = n_.node_ids();
      clock_.set_node(std::find(ids.begin(), ids.end(), n_.id()) - ids.begin());
      peers_ = n_.peers();
      driver_.kick();
    });
    n.on("txn", [this](message const& req) { on_txn(req); });
    n.template on<txn_msgs::replicate>([this](message const&, txn_msgs::replicate r) {
      std::vector<stamped_write> writes;
      writes.reserve(r.writes.size());
      for (auto const& e : r.writes) writes.push_back(txn_msgs::decode_write(e));  // all or nothing
      for (auto const& w : writes) {
        clock_.observe(w.version.at);
        store_.apply(w);
      }
    });
    n.template on<txn_msgs::list_digest>([this](message const& m, txn_msgs::list_digest d) { on_digest(m.src, d); });
  }

  txn::list_store const& store() const noexcept { return store_; }

 private:
  void on_txn(message const& req) {
    auto const txn = txn_msgs::parse_txn(req.body, "append");
    std::map<std::int64_t, std::vector<std::int64_t>> own;  // this transaction's appends per key
    std::vector<stamped_write> writes;
    json::array out;
    for (auto const& m : txn) {
      if (m.f == mop::kind::write) {
        own[m.key].push_back(*m.value);
        writes.push_back({m.key, *m.value, {}});
        out.push_back(json::array{"append", m.key, *m.value});
        continue;
      }
      auto list = store_.read(m.key);
      if (auto it = own.find(m.key); it != own.end()) {
        if (!list) list.emplace();
        list->insert(list->end(), it->second.begin(), it->second.end());
      }
      json::value v = nullptr;
      if (list) v = json::array(list->begin(), list->end());
      out.push_back(json::array{"r", m.key, v});
    }
    if (!writes.empty()) {
      auto const now = n_.runtime().now();
      auto const stamp = clock_.tick(ms(now));
      for (std::size_t i = 0; i < writes.size(); ++i) {
        writes[i].version = {stamp, std::int64_t(i)};
        store_.apply(writes[i]);
      }
      replication_.commit(writes, peers_, now);
    }
    n_.reply(req, json::object{{"type", "txn_ok"}, {"txn", std::move(out)}});
    if (!writes.empty()) driver_.kick();
  }

  void on_digest(std::string const& from, txn_msgs::list_digest const& d) {
    std::map<std::int64_t, txn::list_store::summary> theirs;
    for (auto const& e : d.keys) {
      if (e.size() != 3) txn_msgs::malformed("list_digest: a key is [key, count, hash]");
      theirs[e[0]] = {e[1], e[2]};
    }
    std::vector<stamped_write> give;  // settled appends of every key whose summary differs
    bool ask = false;                 // ... of which they hold some: they may have what we lack
    for (auto const& [k, list] : store_.lists()) {
      auto const mine = store_.summarise(list, d.cutoff_ms);
      auto it = theirs.find(k);
      auto const other = it == theirs.end() ? txn::list_store::summary{} : it->second;
      if (mine == other) continue;
      ask = ask || other.count > 0;
      for (auto const& [v, e] : list) {
        if (v.at.wall_ms < d.cutoff_ms) give.push_back({k, e, v});
      }
    }
    for (auto const& [k, s] : theirs) {
      if (s.count > 0 && !store_.lists().count(k)) ask = true;
    }
    if (!give.empty()) n_.send(from, txn_msgs::replicate_of(give));
    if (ask && !d.reply.value_or(false)) n_.send(from, digest_of(d.cutoff_ms, true));
  }

  txn_msgs::list_digest digest_of(std::int64_t cutoff_ms, bool reply) const {
    txn_msgs::list_digest d{cutoff_ms, {}, std::nullopt};
    for (auto const& [k, list] : store_.lists()) {
      auto const s = store_.summarise(list, cutoff_ms);
      if (s.count > 0) d.keys.push_back({k, s.count, s.hash});
    }
    if (reply) d.reply = true;
    return d;
  }

  deadline pump(std::chrono::nanoseconds now) {
    if (!n_.initialised()) return std::nullopt;
    for (auto& b : replication_.poll(now)) n_.send(b.to, txn_msgs::replicate_of(b.writes));
    for (auto const& peer : repair_.poll(now, peers_, peers_)) n_.send(peer, digest_of(ms(now) - settle_ms, false));
    return earliest(replication_.next_deadline(), repair_.next_deadline());
  }

  static std::int64_t ms(std::chrono::nanoseconds t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t).count();
  }

  node<Runtime>& n_;
  txn::list_store store_;
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
