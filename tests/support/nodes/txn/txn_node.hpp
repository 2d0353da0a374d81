// Test nodes for txn-rw-register (leader, aborted_read and local also run txn-list-append's
// appends), each committing (at most) one anomaly on purpose:
//   leader:       every node forwards to the first node, which runs each txn atomically
//                 (strict serializable: correct);
//   aborted_read: as leader, but every third txn that writes applies its writes and then answers
//                 a definite error (G1a);
//   intermediate: as leader, but when a txn writes a key twice the store keeps the first write
//                 (its own later reads see the last one): others read intermediate values (G1b);
//   lost_update:  as leader, but reads happen at once and writes 20 ms later, unlocked
//                 (lost-update);
//   sharded:      each key lives on node key mod N, a txn's micro-ops run at once at their
//                 owners, unsynchronised: two txns writing the same two keys can be ordered
//                 differently on each (G0; blind writes hide it from Maelstrom, final reads show
//                 it when the two are the keys' last writers);
//   local:        every node runs txns on its own copy and never replicates (replicas diverge;
//                 only final reads show it under read-committed).
#pragma once

#include "maelstrom/node.hpp"

#include <chrono>
#include <map>
#include <memory>
#include <string>

namespace glomers::testing {

enum class txn_mode { leader, aborted_read, intermediate, lost_update, sharded, local };

template <class Runtime, txn_mode Mode>
class txn_node {
 public:
  explicit txn_node(node<Runtime>& n) : n_(n) {
    n.on("txn", [this](message const& m) { on_txn(m); });
    n.on("mop", [this](message const& m) {  // sharded: one micro-op at its owner
      auto mop = m.body.at("mop").as_array();
      apply(mop);
      n_.reply(m, json::object{{"type", "mop_ok"}, {"mop", mop}});
    });
  }

 private:
  using clock = std::chrono::milliseconds;
  std::string const& leader() const { return n_.node_ids().front(); }

  void on_txn(message const& m) {
    if constexpr (Mode == txn_mode::local) return n_.reply(m, ok(run(m.body.at("txn").as_array(), true)));
    if constexpr (Mode == txn_mode::sharded) return run_sharded(std::make_shared<message>(m));
    if (n_.id() != leader()) {
      // Forward; relay the answer. A lost forward may have run: indefinite.
      n_.rpc(leader(), json::object{{"type", "txn"}, {"txn", m.body.at("txn")}}, clock(2000), [this, m](result<message> r) {
        if (!r) return n_.reply_error(m, error(error_code::timeout, "forward timed out"));
        auto body = r->body;
        body.erase("msg_id");
        body.erase("in_reply_to");
        n_.reply(m, std::move(body));
      });
      return;
    }
    auto txn = m.body.at("txn").as_array();
    if constexpr (Mode == txn_mode::lost_update) {
      auto done = std::make_shared<json::array>(txn);
      std::map<std::string, json::value> own;
      for (auto& mop : *done) {
        auto& a = mop.as_array();
        if (a[0] == "w") own[key(a[1])] = a[2];
        else a[2] = own.count(key(a[1])) ? own[key(a[1])] : get(a[1]);
      }
      n_.after(clock(20), [this, m, done] {
        for (auto const& mop : *done) {
          if (mop.as_array()[0] == "w") store_[key(mop.as_array()[1])] = mop.as_array()[2];
        }
        n_.reply(m, ok(*done));
      });
      return;
    }
    bool const writes = std::any_of(txn.begin(), txn.end(), [](auto const& x) { return x.as_array()[0] != "r"; });
    auto done = run(txn, Mode != txn_mode::intermediate);
    if (Mode == txn_mode::aborted_read && writes && ++writing_ % 3 == 0) {
      return n_.reply_error(m, error(error_code::txn_conflict, "aborted (after writing: G1a on purpose)"));
    }
    n_.reply(m, ok(std::move(done)));
  }

  static json::object ok(json::array txn) { return json::object{{"type", "txn_ok"}, {"txn", std::move(txn)}}; }
  static std::string key(json::value const& k) { return boost::json::serialize(k); }
  json::value get(json::value const& k) const {
    auto it = store_.find(key(k));
    return it == store_.end() ? json::value(nullptr) : it->second;
  }

  // Runs a txn on this node's store at once. last_write_wins false: the store keeps each key's
  // first write of the txn, while the txn itself reads its latest.
  json::array run(json::array txn, bool last_write_wins) {
    std::map<std::string, json::value> own;
    for (auto& mop : txn) {
      auto& a = mop.as_array();
      auto const k = key(a[1]);
      if (a[0] == "r") {
        auto it = own.find(k);
        a[2] = it != own.end() ? it->second : get(a[1]);
      } else if (a[0] == "append") {
        auto list = own.count(k) ? own[k] : get(a[1]);
        if (!list.is_array()) list = json::array{};
        list.as_array().push_back(a[2]);
        store_[k] = own[k] = list;
      } else {
        if (last_write_wins || !own.count(k)) store_[k] = a[2];
        own[k] = a[2];
      }
    }
    return txn;
  }

  void apply(json::array& mop) {
    if (mop[0] == "r") mop[2] = get(mop[1]);
    else store_[key(mop[1])] = mop[2];
  }

  // All micro-ops at once, each at its key's owner; the reply waits for the last.
  void run_sharded(std::shared_ptr<message> m) {
    auto& txn = m->body.at("txn").as_array();
    auto pending = std::make_shared<std::size_t>(txn.size());
    auto failed = std::make_shared<bool>(false);
    auto const one_done = [this, m, pending, failed] {
      if (--*pending == 0 && !*failed) n_.reply(*m, ok(m->body.at("txn").as_array()));
    };
    if (txn.empty()) return n_.reply(*m, ok(txn));
    auto const& ids = n_.node_ids();
    for (std::size_t i = 0; i < txn.size(); ++i) {
      auto& mop = txn[i].as_array();
      auto const owner = ids[static_cast<std::size_t>(mop[1].to_number<std::int64_t>()) % ids.size()];
      if (owner == n_.id()) {
        apply(mop);
        one_done();
        continue;
      }
      n_.rpc(owner, json::object{{"type", "mop"}, {"mop", mop}}, clock(2000), [this, m, i, failed, one_done](result<message> r) {
        if (!r) {
          if (!*failed) n_.reply_error(*m, error(error_code::timeout, "owner did not answer"));
          *failed = true;
        } else {
          m->body.at("txn").as_array()[i] = r->body.at("mop");
        }
        one_done();
      });
    }
  }

  node<Runtime>& n_;
  std::map<std::string, json::value> store_;
  std::int64_t writing_ = 0;
};

}  // namespace glomers::testing
