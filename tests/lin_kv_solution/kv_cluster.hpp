// A cluster of lin-kv servers on hand-driven runtimes, wired by a tiny network (constant latency,
// directed cuts), with a client "c1" that sends requests and collects the replies. Each node's
// store outlives its kill, as on the harness's hosts.
#pragma once

#include "challenges/lin_kv/designs.hpp"
#include "maelstrom/runtime/manual.hpp"

#include <boost/test/unit_test.hpp>

#include <functional>
#include <map>
#include <memory>
#include <set>

namespace glomers::testing {

using namespace std::chrono_literals;

template <class Design>
struct kv_cluster {
  using server_t = lin_kv_server<runtime::manual, Design>;
  struct member {
    member(std::uint64_t seed, std::shared_ptr<node_store> store) : rt(seed) {
      rt.store = std::move(store);
      s = std::make_unique<server_t>(n);  // loads from the store
    }
    runtime::manual rt;
    node<runtime::manual> n{rt};
    std::unique_ptr<server_t> s;
  };

  explicit kv_cluster(int count, std::uint64_t seed = 1) {
    for (int i = 1; i <= count; ++i) ids.push_back("n" + std::to_string(i));
    for (std::size_t i = 0; i < ids.size(); ++i) boot(ids[i], seed * 1000 + i);
  }

  // Starts (or restarts: kill() first) node id on the store it had, if any.
  void boot(std::string const& id, std::uint64_t seed, std::optional<raft_hard_state> saved = {}) {
    auto& store = stores[id];
    if (!store) store = std::make_shared<memory_store>();
    auto m = std::make_unique<member>(seed, store);
    m->rt.advance(now);
    if (saved) m->s->recover_from(*saved);
    json::array a;
    for (auto const& i : ids) a.emplace_back(i);
    m->n.receive(message{"c0", id, json::object{{"type", "init"}, {"msg_id", 1}, {"node_id", id}, {"node_ids", a}}});
    m->rt.take_sent();  // init_ok
    members[id] = std::move(m);
  }

  server_t& server(std::string const& id) { return *members.at(id)->s; }
  // The process is gone; its store stays (stores[id]) for a boot() to start from.
  void kill(std::string const& id) { members.erase(id); }

  void isolate(std::string const& id) {
    for (auto const& o : ids)
      if (o != id) cut.insert({id, o}), cut.insert({o, id});
  }

  void run_for(std::chrono::nanoseconds d) {
    for (auto until = now + d; now < until;) {
      now += 1ms;
      for (auto& [id, m] : members) {
        m->rt.advance(1ms);
        auto batch = m->rt.take_sent();
        if (on_sent) on_sent(id, batch);
        for (auto& msg : batch) {
          ++sent;
          if (msg.dest.starts_with("c")) replies[*msg.in_reply_to()] = msg;
          else if (!cut.count({msg.src, msg.dest})) wire.emplace(now + latency, std::move(msg));
        }
      }
      while (!wire.empty() && wire.begin()->first <= now) {
        auto msg = wire.extract(wire.begin()).mapped();
        if (auto it = members.find(msg.dest); it != members.end()) it->second->n.receive(msg);
      }
    }
  }

  std::string leader() {
    for (int i = 0; i < 500; ++i) {
      for (auto& [id, m] : members)
        if (m->s->core() && m->s->core()->role() == raft_role::leader) return id;
      run_for(10ms);
    }
    BOOST_FAIL("no leader");
    return {};
  }

  // Sends a request from c1 to `to`; the reply once it comes (within `within`), else none.
  std::optional<message> call(std::string const& to, json::object body, std::chrono::nanoseconds within = 2s) {
    auto const id = ++last_msg_id;
    body["msg_id"] = id;
    members.at(to)->n.receive(message{"c1", to, std::move(body)});
    for (auto t = 0ns; t < within && !replies.count(id); t += 1ms) run_for(1ms);
    if (!replies.count(id)) return std::nullopt;
    return replies.at(id);
  }

  std::vector<std::string> ids;
  std::map<std::string, std::unique_ptr<member>> members;
  std::map<std::string, std::shared_ptr<node_store>> stores;  // outlive kills; a test may preset one
  // Sees what each node sent since the last look, in order, before the network carries it.
  std::function<void(std::string const&, std::vector<message> const&)> on_sent;
  std::multimap<std::chrono::nanoseconds, message> wire;
  std::set<std::pair<std::string, std::string>> cut;
  std::map<std::int64_t, message> replies;
  std::chrono::nanoseconds now{0};
  std::chrono::nanoseconds latency = 5ms;
  std::int64_t last_msg_id = 100;
  std::size_t sent = 0;
};

inline json::object kv_read(int k) { return {{"type", "read"}, {"key", k}}; }
inline json::object kv_write(int k, int v) { return {{"type", "write"}, {"key", k}, {"value", v}}; }
inline json::object kv_cas(int k, int from, int to) { return {{"type", "cas"}, {"key", k}, {"from", from}, {"to", to}}; }

}  // namespace glomers::testing
