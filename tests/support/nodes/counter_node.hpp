// Test nodes for g-counter and pn-counter.
//   local:      each node counts only its own adds (undercounts: broken);
//   blind:      read seq-kv, then write the sum back, no compare-and-set (loses updates: broken);
//   cas:        read then compare-and-set on seq-kv, retrying; reads first write a unique value
//               to a per-node key so seq-kv must show the newest state (correct).
#pragma once

#include "maelstrom/kv.hpp"

#include <functional>

namespace glomers::testing {

enum class counter_mode { local, blind, cas };

template <class Runtime, counter_mode Mode>
class counter_node {
 public:
  explicit counter_node(node<Runtime>& n) : n_(n), kv_(n, "seq-kv") {
    n.on("add", [this](message const& m) {
      auto const delta = m.body.at("delta").to_number<std::int64_t>();
      if constexpr (Mode == counter_mode::local) {
        local_ += delta;
        n_.reply(m, json::object{{"type", "add_ok"}});
      } else {
        add(m, delta);
      }
    });
    n.on("read", [this](message const& m) {
      if constexpr (Mode == counter_mode::local) {
        n_.reply(m, json::object{{"type", "read_ok"}, {"value", local_}});
      } else if constexpr (Mode == counter_mode::blind) {
        read_value([this, m](std::int64_t v) { n_.reply(m, json::object{{"type", "read_ok"}, {"value", v}}); });
      } else {
        kv_.write("sync-" + n_.id(), ++sync_, [this, m](status s) {
          if (!s) return n_.reply_error(m, s.err());
          read_value([this, m](std::int64_t v) { n_.reply(m, json::object{{"type", "read_ok"}, {"value", v}}); });
        });
      }
    });
  }

 private:
  void read_value(std::function<void(std::int64_t)> done) {
    kv_.read("counter", [done = std::move(done)](result<json::value> r) {
      done(r ? r->to_number<std::int64_t>() : 0);
    });
  }

  void add(message const& m, std::int64_t delta) {
    read_value([this, m, delta](std::int64_t v) {
      auto const ack = [this, m, delta](status s) {
        if (s) return n_.reply(m, json::object{{"type", "add_ok"}});
        if (s.failed_with(error_code::precondition_failed)) return add(m, delta);
        n_.reply_error(m, s.err());
      };
      if constexpr (Mode == counter_mode::blind) {
        kv_.write("counter", v + delta, ack);
      } else {
        kv_.cas("counter", v, v + delta, true, ack);
      }
    });
  }

  node<Runtime>& n_;
  kv_client<Runtime> kv_;
  std::int64_t local_ = 0;
  std::int64_t sync_ = 0;
};

}  // namespace glomers::testing
