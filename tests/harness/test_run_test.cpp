// The test run with in-process nodes on the virtual clock: no processes, no wall clock. This is
// what the architecture promises: the same network, workloads and checkers, another host.
#include "harness/analysis.hpp"
#include "harness/test_run.hpp"
#include "harness/workloads/registry.hpp"

#include <boost/test/unit_test.hpp>

#include <map>
#include <set>

using namespace std::chrono_literals;
using namespace glomers::harness;
using glomers::message;
namespace json = glomers::json;

namespace {

// Runs a workload against in-process nodes whose behaviour is respond(node, request) -> reply
// body (or nullopt: no answer), to completion.
struct sim {
  world w;
  network net;
  std::unique_ptr<workload> wl;
  std::unique_ptr<test_run> run;
  std::set<std::string> clients_seen;

  template <class Respond>
  sim(std::string const& name, test_config cfg, std::uint64_t seed, Respond respond, std::int64_t latency_ms = 0)
      : w(seed), net(w, latency_config{latency_ms, latency_dist::constant}) {
    wl = make_workload(name, workload_context{cfg.nodes, cfg.concurrency, latency_ms, "grid", &w});
    for (auto const& id : cfg.nodes) {
      net.add(id, [this, id, respond](envelope const& e) {
        clients_seen.insert(e.msg.src);
        if (e.msg.type() == "init") return reply(id, e.msg, json::object{{"type", "init_ok"}});
        if (auto body = respond(id, e.msg)) reply(id, e.msg, std::move(*body));
      });
    }
    run = std::make_unique<test_run>(cfg, w, net, *wl);
    run->start();
    while (!run->finished()) {
      auto next = w.next_event();
      BOOST_TEST_REQUIRE(next.has_value());
      w.run_until(*next);
    }
  }
  void reply(std::string const& id, message const& req, json::object body) {
    body["in_reply_to"] = *req.msg_id();
    net.send(message{id, req.src, std::move(body)});
  }
  std::size_t count(op_type t, std::string const& f = "") const {
    return static_cast<std::size_t>(std::count_if(run->ops().begin(), run->ops().end(), [&](op const& o) {
      return o.is_client_op() && o.type == t && (f.empty() || o.f == f);
    }));
  }
};

test_config config(int nodes, int concurrency, int seconds, double rate, bool partition = false) {
  test_config c;
  for (int i = 0; i < nodes; ++i) c.nodes.push_back("n" + std::to_string(i));
  c.concurrency = concurrency;
  c.time_limit = std::chrono::seconds(seconds);
  c.rate = rate;
  c.partition = partition;
  return c;
}

std::optional<json::object> echo(std::string const&, message const& m) {
  return json::object{{"type", "echo_ok"}, {"echo", m.body.at("echo")}};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(test_run_test)

BOOST_AUTO_TEST_CASE(rate_and_time_limit) {
  sim s("echo", config(1, 1, 10, 5), 1, echo);
  BOOST_TEST(!s.run->aborted().has_value());
  auto const ops = s.count(op_type::invoke);
  BOOST_TEST(ops >= 35u);  // 10 s at 5/s: about 50
  BOOST_TEST(ops <= 65u);
  BOOST_TEST(s.count(op_type::ok) == ops);
  BOOST_TEST(s.run->ops().back().time < 10s);
  BOOST_TEST(check_echo(s.run->ops()).at("valid?") == true);
  // c0 was the init client, c1 the setup client, c2 the worker's.
  BOOST_TEST(s.clients_seen == (std::set<std::string>{"c0", "c2"}));
}

BOOST_AUTO_TEST_CASE(same_seed_same_history) {
  auto run = [](std::uint64_t seed) {
    sim s("echo", config(2, 4, 5, 50), seed, echo, 5);
    std::string text;
    for (auto const& o : s.run->ops()) text += boost::json::serialize(to_json(o)) + "\n";
    return text;
  };
  BOOST_TEST(run(9) == run(9));
  BOOST_TEST(run(9) != run(10));
}

BOOST_AUTO_TEST_CASE(timeouts_are_info_and_replace_the_client) {
  int n = 0;
  auto flaky = [&n](std::string const& node, message const& m) -> std::optional<json::object> {
    if (++n % 3 == 0) return std::nullopt;  // every third request is never answered
    return echo(node, m);
  };
  sim s("echo", config(1, 2, 20, 5), 3, flaky);
  BOOST_TEST(s.count(op_type::info) > 5u);
  // Each info moves its thread to a new process (+ concurrency) with a new client: a thread's
  // next invocation after an info carries process + 2, after anything else the same process.
  std::map<std::int64_t, std::pair<std::int64_t, op_type>> last_by_thread;  // thread -> (process, outcome)
  std::set<std::int64_t> processes;
  for (auto const& o : s.run->ops()) {
    auto const thread = o.process % 2;
    if (o.type == op_type::invoke) {
      processes.insert(o.process);
      if (auto it = last_by_thread.find(thread); it != last_by_thread.end()) {
        auto const [p, outcome] = it->second;
        BOOST_TEST(o.process == (outcome == op_type::info ? p + 2 : p));
      }
    } else {
      last_by_thread[thread] = {o.process, o.type};
    }
  }
  BOOST_TEST(s.clients_seen.size() == 1u + processes.size());  // the init client + one per process
  // A timed-out op completes 5 s after its invocation.
  for (auto const& o : s.run->ops()) {
    if (o.type == op_type::info) BOOST_TEST((o.time - s.run->ops()[o.invocation].time) == 5s);
  }
}

BOOST_AUTO_TEST_CASE(broadcast_final_phase_after_heal_and_recovery) {
  std::map<std::string, std::set<std::int64_t>> state;
  auto node = [&state](std::string const& id, message const& m) -> std::optional<json::object> {
    auto const t = m.type();
    if (t == "topology") return json::object{{"type", "topology_ok"}};
    if (t == "broadcast") {
      for (auto& [n, s] : state) s.insert(m.body.at("message").as_int64());  // instant, global
      state[id].insert(m.body.at("message").as_int64());
      return json::object{{"type", "broadcast_ok"}};
    }
    json::array msgs;
    for (auto v : state[id]) msgs.push_back(v);
    return json::object{{"type", "read_ok"}, {"messages", msgs}};
  };
  sim s("broadcast", config(5, 5, 10, 10, true), 4, node);
  auto const& h = s.run->ops();
  auto heal = std::find_if(h.rbegin(), h.rend(), [](op const& o) { return o.f == "stop-partition"; });
  BOOST_TEST_REQUIRE((heal != h.rend()));
  std::size_t finals = 0;
  for (auto const& o : h) {
    if (!o.final || o.type != op_type::invoke) continue;
    ++finals;
    BOOST_TEST(o.f == "read");
    BOOST_TEST(o.time >= heal->time + 10s);  // the recovery period
  }
  BOOST_TEST(finals == 5u);  // one per worker
  std::size_t starts = 0;
  for (auto const& o : h) starts += o.f == "start-partition" && o.value.is_string();
  BOOST_TEST(starts >= 1u);
  std::int64_t next_value = 0;  // broadcasts carry 0, 1, 2, ... in order
  for (auto const& o : h) {
    if (o.f == "broadcast" && o.type == op_type::invoke) BOOST_TEST(o.value.as_int64() == next_value++);
  }
  BOOST_TEST(next_value > 10);
  BOOST_TEST(check_set_full(h, "broadcast").at("valid?") == true);
}

BOOST_AUTO_TEST_CASE(kill_and_pause_call_the_host_and_reinit_restarted_nodes) {
  world w(5);
  network net(w, latency_config{});
  std::map<std::string, int> inits;
  for (auto id : {"n0", "n1", "n2"}) {
    std::string const me = id;
    net.add(me, [&, me](envelope const& e) {
      json::object body;
      if (e.msg.type() == "init") {
        ++inits[me];
        body = {{"type", "init_ok"}};
      } else {
        body = {{"type", "echo_ok"}, {"echo", e.msg.body.at("echo")}};
      }
      body["in_reply_to"] = *e.msg.msg_id();
      net.send(message{me, e.msg.src, std::move(body)});
    });
  }
  auto wl = make_workload("echo", workload_context{{"n0", "n1", "n2"}, 3, 0, "grid", &w});
  auto cfg = config(3, 3, 30, 5);
  cfg.kill = cfg.pause = true;
  cfg.nemesis_interval_s = 2;
  test_run run(cfg, w, net, *wl);
  std::vector<std::string> calls;
  auto record = [&](std::string what) { return [&calls, what](std::string const& id) { calls.push_back(what + " " + id); }; };
  run.set_fault_hooks(fault_hooks{record("kill"), record("restart"), record("pause"), record("resume")});
  run.start();
  while (!run.finished()) w.run_until(*w.next_event());
  BOOST_TEST(!run.aborted().has_value());
  int kills = 0, restarts = 0, pauses = 0, resumes = 0;
  for (auto const& c : calls) {
    kills += c.rfind("kill", 0) == 0;
    restarts += c.rfind("restart", 0) == 0;
    pauses += c.rfind("pause", 0) == 0;
    resumes += c.rfind("resume", 0) == 0;
  }
  BOOST_TEST(kills > 0);
  BOOST_TEST(pauses > 0);
  BOOST_TEST(restarts == kills);  // every killed node came back
  BOOST_TEST(resumes == pauses);  // every paused node resumed (at the latest at the end)
  int total_inits = 0;
  for (auto const& [id, n] : inits) total_inits += n;
  BOOST_TEST(total_inits == 3 + restarts);  // a fresh init per restart
  BOOST_TEST(run.faults().size() >= 2u);  // fault windows, for the plot
}

BOOST_AUTO_TEST_CASE(faults_the_host_cannot_do_abort_the_test) {
  world w(1);
  network net(w, latency_config{});
  auto wl = make_workload("echo", workload_context{{"n0"}, 1, 0, "grid", &w});
  auto cfg = config(1, 1, 5, 5);
  cfg.pause = true;
  test_run run(cfg, w, net, *wl);
  run.start();
  BOOST_TEST_REQUIRE(run.aborted().has_value());
  BOOST_TEST(*run.aborted() == "this host cannot pause nodes");
}

BOOST_AUTO_TEST_CASE(init_timeout_aborts) {
  world w(1);
  network net(w, latency_config{});
  net.add("n0", [](envelope const&) {});  // never answers
  auto wl = make_workload("echo", workload_context{{"n0"}, 1, 0, "grid", &w});
  test_run run(config(1, 1, 5, 5), w, net, *wl);
  run.start();
  while (!run.finished()) w.run_until(*w.next_event());
  BOOST_TEST_REQUIRE(run.aborted().has_value());
  BOOST_TEST(*run.aborted() == "Expected node n0 to respond to an init message");
  BOOST_TEST(w.now() == 10s);
}

// Echo with a 1 s timeout that notes, at each info completion, whether its client is still in
// the network (Jepsen replaces a client at the worker's next invocation, not at the info).
struct noting_echo final : workload {
  network* net = nullptr;
  std::vector<bool> client_present_at_info;
  std::optional<op_spec> next(worker_view const&) override { return op_spec{"echo", "hi"}; }
  sim_time timeout() const override { return 1s; }
  json::object request(op const& inv) override { return {{"type", "echo"}, {"echo", inv.value}}; }
  json::value ok_value(op const&, json::object const& reply) override { return reply; }
  void observe(op const& done) override {
    if (done.type == op_type::info) client_present_at_info.push_back(net->has("c2"));
  }
  json::object check(history const&) override { return {{"valid?", true}}; }
};

BOOST_AUTO_TEST_CASE(late_reply_to_a_replaced_client_mutes_the_node) {
  // n0 answers its first request after 1.5 s (the client gave up at 1 s), the rest at once, as
  // a process would: through send_from.
  world w(2);
  network net(w, latency_config{});
  std::vector<std::string> muted;
  net.on_muted = [&](std::string const& node, std::string const&) { muted.push_back(node); };
  int requests = 0;
  net.add("n0", [&](envelope const& e) {
    json::object body{{"type", e.msg.type() == "init" ? "init_ok" : "echo_ok"}, {"in_reply_to", *e.msg.msg_id()}};
    if (e.msg.type() == "echo") body["echo"] = e.msg.body.at("echo");
    message reply{"n0", e.msg.src, std::move(body)};
    if (e.msg.type() == "echo" && ++requests == 1) {
      w.after(1500ms, [&net, reply] { net.send_from("n0", reply); });
    } else {
      net.send_from("n0", std::move(reply));
    }
  });
  noting_echo wl;
  wl.net = &net;
  test_run run(config(1, 1, 4, 20), w, net, wl);
  run.start();
  while (!run.finished()) w.run_until(*w.next_event());
  BOOST_TEST_REQUIRE(!wl.client_present_at_info.empty());
  BOOST_TEST(wl.client_present_at_info.front() == true);  // not closed at the info
  BOOST_TEST(muted == (std::vector<std::string>{"n0"}));  // its late reply went to a closed client
  std::size_t ok_before = 0, ok_after = 0, info_after = 0;
  for (auto const& o : run.ops()) {
    if (o.type == op_type::invoke) continue;
    auto const invoked = run.ops()[static_cast<std::size_t>(o.invocation)].time;
    if (o.type == op_type::ok) (invoked < 1500ms ? ok_before : ok_after) += 1;
    if (o.type == op_type::info && invoked > 1500ms) ++info_after;
  }
  BOOST_TEST(ok_before > 0u);    // replaced at ~1 s, the new client was answered until 1.5 s
  BOOST_TEST(ok_after == 0u);    // then n0 was muted: nothing it sent was delivered
  BOOST_TEST(info_after > 0u);
}

BOOST_AUTO_TEST_CASE(no_op_is_invoked_at_or_after_the_time_limit) {
  // One worker, every reply 300 ms late: the worker frees at 0.3, 0.6, 0.9 and 1.2 s; the op it
  // would take at 1.2 s is past the 1 s limit and is not invoked.
  world w(3);
  network net(w, latency_config{});
  net.add("n0", [&](envelope const& e) {
    json::object body{{"type", e.msg.type() == "init" ? "init_ok" : "echo_ok"}, {"in_reply_to", *e.msg.msg_id()}};
    if (e.msg.type() == "echo") body["echo"] = e.msg.body.at("echo");
    w.after(e.msg.type() == "init" ? 0ms : 300ms, [&net, m = message{"n0", e.msg.src, std::move(body)}] { net.send(m); });
  });
  auto wl = make_workload("echo", workload_context{{"n0"}, 1, 0, "grid", &w});
  test_run run(config(1, 1, 1, 100), w, net, *wl);
  run.start();
  while (!run.finished()) w.run_until(*w.next_event());
  std::size_t invokes = 0;
  for (auto const& o : run.ops()) {
    if (o.type != op_type::invoke) continue;
    ++invokes;
    BOOST_TEST(o.time < 1s);
  }
  BOOST_TEST(invokes == 4u);  // at 0, 0.3, 0.6 and 0.9 s
}

BOOST_AUTO_TEST_SUITE_END()
