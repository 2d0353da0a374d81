// Maelstrom's clients (spec §1.5, §1.9): network endpoints named c0, c1, ... that send one request
// at a time and wait for its reply or its timeout. The test run opens one per worker (and one per
// init and setup); a closed client's id is removed from the network.
#pragma once

#include "harness/network.hpp"
#include "harness/workload.hpp"
#include "harness/world.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace glomers::harness {

class client_pool {
 public:
  using reply_fn = std::function<void(std::optional<message>)>;

  client_pool(world& w, network& net) : world_(w), net_(net) {}

  // A new client c<k>, registered in the network, with the workload's state for it (if any).
  std::string open(std::unique_ptr<workload::client_state> state = nullptr) {
    auto id = "c" + std::to_string(next_++);
    clients_[id].state = std::move(state);
    net_.add(id, [this, id](envelope const& e) { receive(id, e.msg); });
    return id;
  }

  void close(std::string const& id) {
    net_.remove(id);
    if (auto it = clients_.find(id); it != clients_.end()) {
      if (it->second.outstanding) world_.cancel(it->second.timeout);
      clients_.erase(it);
    }
  }

  workload::client_state* state(std::string const& id) {
    auto it = clients_.find(id);
    return it == clients_.end() ? nullptr : it->second.state.get();
  }

  // One request from client id; done gets the reply, or nullopt after the timeout. Any other
  // message to the client (a late reply to an earlier request) is discarded.
  void rpc(std::string const& id, std::string const& dest, json::object body, sim_time timeout, reply_fn done) {
    auto& c = clients_.at(id);
    auto const msg_id = c.next_msg_id++;
    body["msg_id"] = msg_id;
    c.outstanding = msg_id;
    c.done = std::move(done);
    c.timeout = world_.after(timeout, [this, id] {
      auto it = clients_.find(id);
      if (it == clients_.end() || !it->second.outstanding) return;
      it->second.outstanding.reset();
      auto cb = std::move(it->second.done);
      cb(std::nullopt);
    });
    net_.send(message{id, dest, std::move(body)});
  }

 private:
  struct client {
    std::int64_t next_msg_id = 1;
    std::optional<std::int64_t> outstanding;
    event_id timeout = 0;
    reply_fn done;
    std::unique_ptr<workload::client_state> state;
  };

  void receive(std::string const& id, message const& m) {
    auto it = clients_.find(id);
    if (it == clients_.end()) return;
    auto& c = it->second;
    if (!c.outstanding || m.in_reply_to() != c.outstanding) return;
    c.outstanding.reset();
    world_.cancel(c.timeout);
    auto cb = std::move(c.done);
    cb(m);
  }

  world& world_;
  network& net_;
  std::map<std::string, client> clients_;
  std::int64_t next_ = 0;
};

// Completes `done` for a request that timed out (no reply) or was answered with an error, by the
// workload's client error mapping (spec §1.8).
inline void map_failure(op& done, workload const& wl, std::optional<message> const& reply) {
  bool const idempotent = wl.idempotent(done.f);
  if (!reply) {
    done.type = wl.with_errors() && idempotent ? op_type::fail : op_type::info;
    done.error = wl.with_errors() ? "net-timeout" : "indeterminate: client RPC request timed out";
    return;
  }
  auto const* code = reply->body.if_contains("code");
  std::int64_t const c = code && code->is_int64() ? code->get_int64() : static_cast<std::int64_t>(error_code::crash);
  auto const* text = reply->body.if_contains("text");
  std::string const t = text && text->is_string() ? std::string(text->get_string()) : "";
  if (wl.with_errors()) {
    done.type = is_definite(c) || idempotent ? op_type::fail : op_type::info;
    done.error = std::string(error_name(c)) + ": " + t;
  } else {
    done.type = op_type::info;
    done.error = "indeterminate: error " + std::to_string(c) + " " + t;
  }
}

}  // namespace glomers::harness
