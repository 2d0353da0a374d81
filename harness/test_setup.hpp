// The start of a test (spec §1.6): init to every node through a client of its own, then the
// workload's setup requests (broadcast's topology) through one setup client per node. Also
// re-inits a node the nemesis restarted. Any missing or wrong answer aborts the test, as does a
// setup reply outside its closed schema (Maelstrom's setup! throws there).
#pragma once

#include "harness/clients.hpp"
#include "harness/workload.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace glomers::harness {

class test_setup {
 public:
  static constexpr sim_time init_timeout = std::chrono::seconds(10);
  static constexpr sim_time setup_timeout = std::chrono::seconds(5);

  test_setup(std::vector<std::string> nodes, client_pool& clients, workload& wl, std::function<void(std::string)> abort)
      : nodes_(std::move(nodes)), clients_(clients), wl_(wl), abort_(std::move(abort)) {}

  // Inits every node, then sends the setup requests; ready() once all are answered.
  void start(std::function<void()> ready) {
    ready_ = std::move(ready);
    pending_ = nodes_.size();
    for (auto const& node : nodes_) {
      init(node, [this] {
        if (--pending_ == 0) setup();
      });
    }
  }

  // Sends init to node through a fresh client, which is closed once init_ok arrives.
  void init(std::string const& node, std::function<void()> then) {
    auto const id = clients_.open();
    pending_init_[node] = id;
    clients_.rpc(id, node, {{"type", "init"}, {"node_id", node}, {"node_ids", json::array(nodes_.begin(), nodes_.end())}},
                 init_timeout, [this, id, node, then = std::move(then)](std::optional<message> reply) {
                   if (!reply) return abort_("Expected node " + node + " to respond to an init message");
                   if (reply->type() != "init_ok") {
                     return abort_("Expected node " + node + " to respond to init with init_ok, got " + serialize(*reply));
                   }
                   clients_.close(id);
                   pending_init_.erase(node);
                   then();
                 });
  }

  // The nemesis killed node: an init still waiting for its answer is moot.
  void forget_init(std::string const& node) {
    if (auto it = pending_init_.find(node); it != pending_init_.end()) {
      clients_.close(it->second);
      pending_init_.erase(it);
    }
  }

 private:
  void setup() {
    std::map<std::string, std::string> setup_client;
    for (auto const& node : nodes_) setup_client[node] = clients_.open();
    auto requests = wl_.setup();
    pending_ = requests.size();
    if (requests.empty()) return ready_();
    for (auto& r : requests) {
      auto const node = r.node;
      auto const expected = r.expected_reply;
      clients_.rpc(setup_client.at(node), node, std::move(r.body), setup_timeout,
                   [this, node, expected](std::optional<message> reply) {
                     if (!reply) return abort_("Expected node " + node + " to respond to " + expected + " setup");
                     if (reply->type() != expected) return abort_("Node " + node + " answered setup with " + serialize(*reply));
                     try {  // the reply's closed schema (topology_ok: nothing but in_reply_to, msg_id)
                       check_reply_schema(reply->body, expected, {});
                     } catch (schema_error const& e) {
                       return abort_("Node " + node + " answered setup with a malformed reply. " + e.what());
                     }
                     if (--pending_ == 0) ready_();
                   });
    }
  }

  std::vector<std::string> nodes_;
  client_pool& clients_;
  workload& wl_;
  std::function<void(std::string)> abort_;
  std::function<void()> ready_;
  std::size_t pending_ = 0;
  std::map<std::string, std::string> pending_init_;  // node -> client awaiting its init_ok
};

}  // namespace glomers::harness
