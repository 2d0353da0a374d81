// Builds kafka histories by hand, in the shape the client records them (Jepsen's values):
// send [["send", k, msg]] -> [["send", k, [offset, msg]]], poll [["poll"]] -> [["poll", {k: pairs}]].
#pragma once

#include "harness/history.hpp"

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace glomers::harness::kafka_test {

using pairs = std::vector<std::pair<std::int64_t, std::int64_t>>;  // (offset, msg)

class kafka_history {
 public:
  history h;

  // Opens an op of process p; returns its invocation index. Time advances 1 ms per event.
  std::int64_t invoke(std::int64_t p, std::string f, json::value v) {
    op o;
    o.index = static_cast<std::int64_t>(h.size());
    o.type = op_type::invoke;
    o.f = std::move(f);
    o.value = std::move(v);
    o.process = p;
    o.time = tick();
    h.push_back(std::move(o));
    return h.back().index;
  }
  void complete(std::int64_t inv, op_type t, json::value v = nullptr, std::string error = {}) {
    op o = h[static_cast<std::size_t>(inv)];
    o.index = static_cast<std::int64_t>(h.size());
    o.type = t;
    if (!v.is_null()) o.value = std::move(v);
    o.time = tick();
    o.invocation = inv;
    o.error = std::move(error);
    h.push_back(std::move(o));
  }

  std::int64_t send_invoke(std::int64_t p, std::string const& k, std::int64_t msg) {
    return invoke(p, "send", json::array{json::array{"send", json::value(k), msg}});
  }
  void send_ok(std::int64_t inv, std::int64_t offset) {
    auto const& mop = h[static_cast<std::size_t>(inv)].value.get_array()[0].get_array();
    complete(inv, op_type::ok, json::array{json::array{"send", mop[1], json::array{offset, mop[2]}}});
  }
  // A whole send: ok with an offset, or fail / info (value as invoked).
  void send(std::int64_t p, std::string const& k, std::int64_t msg, std::int64_t offset) {
    send_ok(send_invoke(p, k, msg), offset);
  }
  void send_failed(std::int64_t p, std::string const& k, std::int64_t msg, op_type t = op_type::fail) {
    complete(send_invoke(p, k, msg), t, nullptr, t == op_type::info ? "net-timeout" : "");
  }

  std::int64_t poll_invoke(std::int64_t p) { return invoke(p, "poll", json::array{json::array{"poll"}}); }
  static json::value poll_value(std::vector<std::pair<std::string, pairs>> const& msgs) {
    json::object m;
    for (auto const& [k, ps] : msgs) {
      json::array a;
      for (auto const& [o, v] : ps) a.push_back(json::array{o, v});
      m[k] = std::move(a);
    }
    return json::array{json::array{"poll", std::move(m)}};
  }
  void poll_ok(std::int64_t inv, std::vector<std::pair<std::string, pairs>> const& msgs) {
    complete(inv, op_type::ok, poll_value(msgs));
  }
  void poll(std::int64_t p, std::vector<std::pair<std::string, pairs>> const& msgs, op_type t = op_type::ok) {
    auto inv = poll_invoke(p);
    if (t == op_type::ok) {
      poll_ok(inv, msgs);
    } else {
      complete(inv, t, poll_value(msgs));
    }
  }

  void assign(std::int64_t p, std::vector<std::string> const& keys, op_type t = op_type::ok) {
    json::array ks;
    for (auto const& k : keys) ks.push_back(json::value(k));
    complete(invoke(p, "assign", ks), t);
  }
  void crash(std::int64_t p) { complete(invoke(p, "crash", nullptr), op_type::info); }

 private:
  sim_time tick() { return now_ += std::chrono::milliseconds(1); }
  sim_time now_{0};
};

}  // namespace glomers::harness::kafka_test
