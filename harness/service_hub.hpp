// Maelstrom's services (spec §5) on the network: seq-kv, lin-kv, lww-kv and lin-tso answer
// requests sent to their names, from the world's events. Both hosts use the same hub.
#pragma once

#include "harness/network.hpp"
#include "harness/services.hpp"
#include "harness/world.hpp"

#include <memory>
#include <string>
#include <vector>

namespace glomers::harness {

// Registers Maelstrom's services in the network; they answer from the world's events.
class service_hub {
 public:
  service_hub(world& w, network& net) : net_(net) {
    add("lin-kv", std::make_unique<lin_kv_service>());
    add("seq-kv", std::make_unique<seq_kv_service>(w));
    add("lww-kv", std::make_unique<lww_kv_service>(w));
    add("lin-tso", std::make_unique<lin_tso_service>());
  }

 private:
  void add(std::string const& name, std::unique_ptr<service> svc) {
    auto* raw = svc.get();
    services_.push_back(std::move(svc));
    net_.add(name, [this, name, raw](envelope const& e) {
      auto reply = raw->handle(e.msg);
      if (!reply) return;  // Maelstrom does not answer unknown request types
      auto const id = e.msg.msg_id();
      (*reply)["in_reply_to"] = id ? json::value(*id) : json::value(nullptr);
      net_.send(message{name, e.msg.src, std::move(*reply)});
    });
  }

  network& net_;
  std::vector<std::unique_ptr<service>> services_;
};

}  // namespace glomers::harness
