// Test nodes for the lin-kv workload (read, write, cas on integer keys).
//   proxy:        every request goes to Maelstrom's lin-kv service (linearizable: correct);
//   lossy_proxy:  proxy, but every 7th request is performed and never answered and every 11th
//                 is dropped unperformed (clients time out: info ops, some of which took effect;
//                 still linearizable);
//   local:        each node keeps its own map, no replication (not linearizable with 2+ nodes);
//   stale_cache:  writes and cas go through lin-kv, reads come from a local cache that only this
//                 node's own writes update (reads miss other nodes' writes: broken).
#pragma once

#include "maelstrom/kv.hpp"

#include <cstdint>
#include <map>
#include <string>

namespace glomers::testing {

enum class kv_mode { proxy, lossy_proxy, local, stale_cache };

template <class Runtime, kv_mode Mode>
class kv_node {
 public:
  explicit kv_node(node<Runtime>& n) : n_(n), kv_(n, "lin-kv") {
    n.on("read", [this](message const& m) {
      if (auto const nth = ++requests_; !dropped(nth)) read(m, nth);
    });
    n.on("write", [this](message const& m) {
      auto const nth = ++requests_;
      if (dropped(nth)) return;
      auto const key = text(m.body.at("key"));
      json::value const value = m.body.at("value");
      if constexpr (Mode == kv_mode::local) {
        local_[key] = value;
        return n_.reply(m, json::object{{"type", "write_ok"}});
      } else {
        kv_.write(m.body.at("key"), value, [this, m, key, value, nth](status s) {
          if (!s) return n_.reply_error(m, s.err());
          if constexpr (Mode == kv_mode::stale_cache) local_[key] = value;
          answer(m, json::object{{"type", "write_ok"}}, nth);
        });
      }
    });
    n.on("cas", [this](message const& m) {
      auto const nth = ++requests_;
      if (dropped(nth)) return;
      auto const key = text(m.body.at("key"));
      json::value const from = m.body.at("from"), to = m.body.at("to");
      if constexpr (Mode == kv_mode::local) {
        auto it = local_.find(key);
        if (it == local_.end()) return n_.reply_error(m, error(error_code::key_does_not_exist, "not found"));
        if (it->second != from) return n_.reply_error(m, error(error_code::precondition_failed, "mismatch"));
        it->second = to;
        return n_.reply(m, json::object{{"type", "cas_ok"}});
      } else {
        kv_.cas(m.body.at("key"), from, to, false, [this, m, key, to, nth](status s) {
          if (!s) return n_.reply_error(m, s.err());
          if constexpr (Mode == kv_mode::stale_cache) local_[key] = to;
          answer(m, json::object{{"type", "cas_ok"}}, nth);
        });
      }
    });
  }

 private:
  static constexpr bool keeps_local = Mode == kv_mode::local || Mode == kv_mode::stale_cache;
  static constexpr bool lossy = Mode == kv_mode::lossy_proxy;

  // The nth request since start: lossy_proxy drops some before, and some replies after, lin-kv.
  static bool dropped(std::uint64_t nth) { return lossy && nth % 11 == 0; }
  void answer(message const& m, json::object body, std::uint64_t nth) {
    if (lossy && nth % 7 == 0) return;
    n_.reply(m, std::move(body));
  }

  static std::string text(json::value const& v) { return boost::json::serialize(v); }

  void read(message const& m, std::uint64_t nth) {
    auto const key = text(m.body.at("key"));
    if constexpr (keeps_local) {
      if (auto it = local_.find(key); it != local_.end()) {
        return n_.reply(m, json::object{{"type", "read_ok"}, {"value", it->second}});
      }
      if constexpr (Mode == kv_mode::local) {
        return n_.reply_error(m, error(error_code::key_does_not_exist, "not found"));
      }
    }
    kv_.read(m.body.at("key"), [this, m, nth](result<json::value> r) {
      if (!r) return n_.reply_error(m, r.err());
      answer(m, json::object{{"type", "read_ok"}, {"value", *r}}, nth);
    });
  }

  node<Runtime>& n_;
  kv_client<Runtime> kv_;
  std::map<std::string, json::value> local_;
  std::uint64_t requests_ = 0;
};

}  // namespace glomers::testing
