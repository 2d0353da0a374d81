// node<Runtime>: a Maelstrom node's protocol machinery, written once for every runtime.
//
// It answers init, dispatches requests to handlers keyed by body type, correlates RPC replies,
// runs timers, and turns every kind of bad input into Maelstrom's error replies:
//   * a line that is not a valid envelope (bad JSON, a number that cannot be sent back exactly,
//     a line over limits().max_line_bytes): logged, and answered with 12 when it names a src
//     and an integer msg_id;
//   * a type nobody handles: 10;  a request before init: 11;  a second init that would change
//     the node's identity: 22 (the identity stays);
//   * a handler that throws glomers::error: that error;  json::decode_error (a missing or
//     ill-typed field): 12;  any other exception: 13.
// Error replies are only ever sent to requests (messages with a msg_id) and never in answer to
// an error, so two nodes cannot bounce errors at each other forever. A reply completes a
// pending RPC only when it comes from the node the request went to; a message that completes
// nothing but carries a msg_id is handled as a request. No input can escape as an exception:
// RPC callbacks, timers and init callbacks that throw are logged, and nothing that would not
// serialise as valid JSON (Infinity, non-UTF-8 strings) is ever sent.
#pragma once

#include "maelstrom/detail/guarded.hpp"
#include "maelstrom/detail/node_timers.hpp"
#include "maelstrom/errors.hpp"
#include "maelstrom/message.hpp"
#include "maelstrom/result.hpp"
#include "maelstrom/runtime.hpp"

#include <boost/describe/class.hpp>

#include <algorithm>
#include <exception>
#include <stdexcept>
#include <chrono>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace glomers {

struct init_msg {
  static constexpr std::string_view type = "init";
  std::string node_id;
  std::vector<std::string> node_ids;
};
BOOST_DESCRIBE_STRUCT(init_msg, (), (node_id, node_ids))

struct init_ok {
  static constexpr std::string_view type = "init_ok";
};
BOOST_DESCRIBE_STRUCT(init_ok, (), ())

template <runtime_policy Runtime>
class node {
 public:
  using handler = std::function<void(message const&)>;
  using rpc_callback = std::function<void(result<message>)>;
  using duration = std::chrono::nanoseconds;

  // Bounds on what one input may cost.
  struct input_limits {
    std::size_t max_line_bytes = std::size_t{1} << 20;  // a longer line is answered with 12
    std::size_t max_depth = 64;                         // nesting of arrays and objects
    std::size_t max_node_ids = 1024;                    // in init
  };

  explicit node(Runtime& rt) : rt_(rt) {}
  node(node const&) = delete;
  node& operator=(node const&) = delete;

  input_limits& limits() noexcept { return limits_; }
  input_limits const& limits() const noexcept { return limits_; }

  // --- handlers -------------------------------------------------------------------------------

  // Handles every request of the given body type. A type has one handler: registering it twice
  // (or registering init, which the node answers) is a start-up error, std::logic_error.
  void on(std::string type, handler h) {
    if (type == init_msg::type) throw std::logic_error("glomers: 'init' is handled by the node itself");
    if (handlers_.contains(type)) {
      throw std::logic_error("glomers: a second handler for message type '" + type + "'");
    }
    handlers_.emplace(std::move(type), std::move(h));
  }

  // Typed form: f(message const&, Body) with the body decoded tolerantly.
  template <typed_body Body, class F>
    requires std::invocable<F&, message const&, Body>
  void on(F f) {
    on(std::string(Body::type), [f = std::move(f)](message const& m) mutable { f(m, m.as<Body>()); });
  }

  // Runs once this node knows its id (after init). Registered callbacks run in order.
  void on_init(std::function<void()> f) { init_callbacks_.push_back(std::move(f)); }

  // --- identity -------------------------------------------------------------------------------

  bool initialised() const noexcept { return !id_.empty(); }
  std::string const& id() const noexcept { return id_; }
  std::vector<std::string> const& node_ids() const noexcept { return node_ids_; }
  // Every node but this one, in test order.
  std::vector<std::string> peers() const {
    std::vector<std::string> out;
    std::copy_if(node_ids_.begin(), node_ids_.end(), std::back_inserter(out),
                 [this](auto const& n) { return n != id_; });
    return out;
  }

  // True when src is another node of this cluster (not a client, a service or this node).
  bool is_peer(std::string_view src) const {
    return src != id_ && std::find(node_ids_.begin(), node_ids_.end(), src) != node_ids_.end();
  }
  // For node-to-node message types: throws error 10 when m comes from anyone but a peer, so a
  // client cannot inject what only nodes may say.
  void require_peer(message const& m) const {
    if (!is_peer(m.src)) {
      throw error(error_code::not_supported, "'" + std::string(m.type()) + "' is only taken from the cluster's other nodes");
    }
  }

  // --- sending --------------------------------------------------------------------------------

  // Throws glomers::error (13) instead of sending what would not be valid JSON.
  void send(std::string dest, json::object body) {
    message m{id_, std::move(dest), std::move(body)};
    if (auto why = unwritable(m)) throw error(error_code::crash, "refusing to send " + *why);
    rt_.send(std::move(m));
  }
  template <typed_body Body>
  void send(std::string dest, Body const& b) {
    send(std::move(dest), body_of(b));
  }

  // Answers req; in_reply_to is set when req carried a msg_id. Without one, only a peer node is
  // answered (it may dispatch the answer by type); a client could not correlate it: dropped.
  void reply(message const& req, json::object body) {
    if (auto id = req.msg_id()) {
      body["in_reply_to"] = *id;
    } else if (std::find(node_ids_.begin(), node_ids_.end(), req.src) == node_ids_.end()) {
      log("glomers: not answering " + req.src + "'s " + std::string(req.type()) + ": it carries no msg_id");
      return;
    }
    send(req.src, std::move(body));
  }
  template <typed_body Body>
  void reply(message const& req, Body const& b) {
    reply(req, body_of(b));
  }
  void reply_error(message const& req, error const& e) {
    if (!req.msg_id() || req.type() == "error") return;
    reply(req, error_body(e.code(), e.what()));
  }

  // Sends a request and calls done exactly once, from the run loop: with the reply, with the
  // error the peer answered, or with error 0 (timeout) when no reply came within timeout. After a
  // timeout the continuation is gone; a late reply is logged and dropped.
  void rpc(std::string dest, json::object body, duration timeout, rpc_callback done) {
    auto const msg_id = ++last_msg_id_;
    body["msg_id"] = msg_id;
    auto const timer = rt_.after(timeout, [this, msg_id] {
      auto it = pending_.find(msg_id);
      if (it == pending_.end()) return;
      auto cb = std::move(it->second.done);
      pending_.erase(it);
      guarded("an RPC timeout callback", [&] { cb(error(error_code::timeout, "RPC timed out")); });
    });
    pending_.emplace(msg_id, pending_rpc{std::move(done), timer, dest});
    try {
      send(std::move(dest), std::move(body));
    } catch (...) {
      rt_.cancel(timer);
      pending_.erase(msg_id);
      throw;
    }
  }
  template <typed_body Body>
  void rpc(std::string dest, Body const& b, duration timeout, rpc_callback done) {
    rpc(std::move(dest), body_of(b), timeout, std::move(done));
  }

  std::size_t pending_rpcs() const noexcept { return pending_.size(); }

  // --- timers ---------------------------------------------------------------------------------

  timer_id after(duration d, std::function<void()> fn) { return timers_.after(d, std::move(fn)); }
  // Runs fn every period, first one period from now, until cancelled.
  timer_id every(duration period, std::function<void()> fn) { return timers_.every(period, std::move(fn)); }
  bool cancel(timer_id t) { return timers_.cancel(t); }

  Runtime& runtime() noexcept { return rt_; }
  void log(std::string_view text) { rt_.log(text); }

  // --- input (called by the runtime's loop) ---------------------------------------------------

  // One input line. Never throws: whatever goes wrong is logged or answered.
  void receive_line(std::string_view line) {
    guarded("an input line", [&] {
      try {
        receive(parse_message(line, limits_.max_line_bytes, limits_.max_depth));
      } catch (malformed_message const& e) {
        log("glomers: malformed input line (" + std::string(e.what()) + "): " + detail::sanitize_utf8(line.substr(0, 200)));
        if (!e.src || !e.msg_id) return;
        json::object body = error_body(static_cast<std::int64_t>(error_code::malformed_request),
                                       std::string("malformed message: ") + e.what());
        body["in_reply_to"] = *e.msg_id;
        send(*e.src, std::move(body));
      }
    });
  }

  // One parsed message. Never throws.
  void receive(message const& m) {
    guarded("a message", [&] { receive_unguarded(m); });
  }

 private:
  void receive_unguarded(message const& m) {
    if (auto reply_to = m.in_reply_to()) {
      if (complete_rpc(*reply_to, m) || !m.msg_id() || m.type() == "error") return;
      // Not a reply to anything of ours, but a request: answered below like any other.
    }
    if (m.type() == "error") {
      log("glomers: dropping an error that answers no request: " + serialize(m));
      return;
    }
    if (m.type() == init_msg::type) {
      dispatch(m, [this](message const& req) { handle_init(req); });
      return;
    }
    if (!initialised()) {
      // Our id is not known yet, but the request names it: answer from there. (A message from
      // src "" is one Maelstrom cannot route, and it stops reading the node's output for good.)
      if (m.msg_id() && m.type() != "error") {
        auto body = error_body(static_cast<std::int64_t>(error_code::temporarily_unavailable), "node not initialised yet");
        body["in_reply_to"] = *m.msg_id();
        rt_.send(message{m.dest, m.src, std::move(body)});
      }
      return;
    }
    auto it = handlers_.find(std::string(m.type()));
    if (it == handlers_.end()) {
      reply_error(m, error(error_code::not_supported,
                           "unsupported message type '" + std::string(m.type()) + "'"));
      return;
    }
    dispatch(m, it->second);
  }

  struct pending_rpc {
    rpc_callback done;
    timer_id timeout;
    std::string dest;  // only a reply from there completes it
  };

  // Runs f; an exception escaping it is logged, never thrown into the run loop.
  template <class F>
  void guarded(char const* what, F&& f) noexcept {
    detail::guarded(rt_, what, std::forward<F>(f));
  }

  template <class H>
  void dispatch(message const& m, H const& h) {
    try {
      h(m);
    } catch (error const& e) {
      reply_error(m, e);
    } catch (json::decode_error const& e) {
      reply_error(m, error(error_code::malformed_request, e.what()));
    } catch (std::exception const& e) {
      log("glomers: handler for '" + std::string(m.type()) + "' failed: " + e.what());
      reply_error(m, error(error_code::crash, e.what()));
    }
  }

  // The first init sets the identity; a repeat of it is answered again, any other is refused.
  void handle_init(message const& m) {
    auto req = m.as<init_msg>();
    if (req.node_id.empty()) throw error(error_code::malformed_request, "init: empty node_id");
    if (req.node_ids.size() > limits_.max_node_ids) {
      throw error(error_code::malformed_request,
                  "init: more than " + std::to_string(limits_.max_node_ids) + " node_ids");
    }
    if (initialised()) {
      if (req.node_id != id_ || req.node_ids != node_ids_) {
        throw error(error_code::precondition_failed, "already initialised as " + id_ + "; the identity stays");
      }
      reply(m, init_ok{});
      return;
    }
    id_ = std::move(req.node_id);
    node_ids_ = std::move(req.node_ids);
    reply(m, init_ok{});
    for (auto& f : init_callbacks_) guarded("an init callback", f);
  }

  // True when reply completed a pending RPC (and came from where the request went).
  bool complete_rpc(std::int64_t msg_id, message const& reply) {
    auto it = pending_.find(msg_id);
    if (it == pending_.end() || it->second.dest != reply.src) {
      log(std::string("glomers: dropping a reply to ") +
          (it == pending_.end() ? "no pending request (late after a timeout?): "
                                : "a request sent elsewhere (forged?): ") +
          serialize(reply).substr(0, 200));
      return false;
    }
    rt_.cancel(it->second.timeout);
    auto cb = std::move(it->second.done);
    pending_.erase(it);
    guarded("an RPC callback", [&] { reply.type() == "error" ? cb(error_of(reply)) : cb(reply); });
    return true;
  }

  Runtime& rt_;
  input_limits limits_;
  std::string id_;
  std::vector<std::string> node_ids_;
  std::unordered_map<std::string, handler> handlers_;
  std::vector<std::function<void()>> init_callbacks_;
  std::unordered_map<std::int64_t, pending_rpc> pending_;
  std::int64_t last_msg_id_ = 0;
  detail::node_timers<Runtime> timers_{rt_};
};

}  // namespace glomers
