// Test nodes for the broadcast and g-set workloads: a set of values spread by flooding, either
// with acknowledgements and retries (correct under partitions) or fire-and-forget (loses values
// when a partition drops the only copy sent).
#pragma once

#include "maelstrom/node.hpp"

#include <chrono>
#include <set>
#include <string>

namespace glomers::testing {

template <class Runtime, bool Retry, bool GSet = false>
class flood_set_node {
 public:
  explicit flood_set_node(node<Runtime>& n) : n_(n) {
    n.on("topology", [&n](message const& m) { n.reply(m, json::object{{"type", "topology_ok"}}); });
    n.on(GSet ? "add" : "broadcast", [this](message const& m) {
      add(m.body.at(GSet ? "element" : "message"), m.src);
      n_.reply(m, json::object{{"type", GSet ? "add_ok" : "broadcast_ok"}});
    });
    n.on("read", [this](message const& m) {
      json::array values(seen_.size());
      std::size_t i = 0;
      for (auto const& v : seen_) values[i++] = boost::json::parse(v);
      n_.reply(m, json::object{{"type", "read_ok"}, {GSet ? "value" : "messages", values}});
    });
    n.on("gossip", [this](message const& m) {
      add(m.body.at("value"), m.src);
      if (m.msg_id()) n_.reply(m, json::object{{"type", "gossip_ok"}});
    });
  }

 private:
  void add(json::value const& v, std::string const& from) {
    if (!seen_.insert(boost::json::serialize(v)).second) return;
    for (auto const& peer : n_.peers()) {
      if (peer != from) forward(peer, v);
    }
  }

  void forward(std::string const& peer, json::value const& v) {
    json::object body{{"type", "gossip"}, {"value", v}};
    if (!Retry) return n_.send(peer, std::move(body));
    n_.rpc(peer, std::move(body), std::chrono::milliseconds(1000), [this, peer, v](result<message> r) {
      if (!r) forward(peer, v);
    });
  }

  node<Runtime>& n_;
  std::set<std::string> seen_;
};

}  // namespace glomers::testing
