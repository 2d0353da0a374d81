// Test nodes for the lin-kv workload (read, write, cas on integer keys).
//   proxy:        every request goes to Maelstrom's lin-kv service (linearizable: correct);
//   local:        each node keeps its own map, no replication (not linearizable with 2+ nodes);
//   stale_cache:  writes and cas go through lin-kv, reads come from a local cache that only this
//                 node's own writes update (reads miss other nodes' writes: broken).
#pragma once

#include "maelstrom/kv.hpp"

#include <map>
#include <string>

namespace glomers::testing {

enum class kv_mode { proxy, local, stale_cache };

template <class Runtime, kv_mode Mode>
class kv_node {
 public:
  explicit kv_node(node<Runtime>& n) : n_(n), kv_(n, "lin-kv") {
    n.on("read", [this](message const& m) { read(m); });
    n.on("write", [this](message const& m) {
      auto const key = text(m.body.at("key"));
      json::value const value = m.body.at("value");
      if constexpr (Mode == kv_mode::local) {
        local_[key] = value;
        return n_.reply(m, json::object{{"type", "write_ok"}});
      } else {
        kv_.write(m.body.at("key"), value, [this, m, key, value](status s) {
          if (!s) return n_.reply_error(m, s.err());
          if constexpr (Mode == kv_mode::stale_cache) local_[key] = value;
          n_.reply(m, json::object{{"type", "write_ok"}});
        });
      }
    });
    n.on("cas", [this](message const& m) {
      auto const key = text(m.body.at("key"));
      json::value const from = m.body.at("from"), to = m.body.at("to");
      if constexpr (Mode == kv_mode::local) {
        auto it = local_.find(key);
        if (it == local_.end()) return n_.reply_error(m, error(error_code::key_does_not_exist, "not found"));
        if (it->second != from) return n_.reply_error(m, error(error_code::precondition_failed, "mismatch"));
        it->second = to;
        return n_.reply(m, json::object{{"type", "cas_ok"}});
      } else {
        kv_.cas(m.body.at("key"), from, to, false, [this, m, key, to](status s) {
          if (!s) return n_.reply_error(m, s.err());
          if constexpr (Mode == kv_mode::stale_cache) local_[key] = to;
          n_.reply(m, json::object{{"type", "cas_ok"}});
        });
      }
    });
  }

 private:
  static std::string text(json::value const& v) { return boost::json::serialize(v); }

  void read(message const& m) {
    auto const key = text(m.body.at("key"));
    if constexpr (Mode != kv_mode::proxy) {
      if (auto it = local_.find(key); it != local_.end()) {
        return n_.reply(m, json::object{{"type", "read_ok"}, {"value", it->second}});
      }
      if constexpr (Mode == kv_mode::local) {
        return n_.reply_error(m, error(error_code::key_does_not_exist, "not found"));
      }
    }
    kv_.read(m.body.at("key"), [this, m](result<json::value> r) {
      if (!r) return n_.reply_error(m, r.err());
      n_.reply(m, json::object{{"type", "read_ok"}, {"value", *r}});
    });
  }

  node<Runtime>& n_;
  kv_client<Runtime> kv_;
  std::map<std::string, json::value> local_;
};

}  // namespace glomers::testing
