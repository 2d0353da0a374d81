// The workload interface's richer parts, on a workload made for the test: clients of several
// requests per op with their own state, ops completed without a request, observe(), extra op
// keys, and a final phase of several ops per worker with gaps and a time cap.
#include "harness/test_run.hpp"

#include <boost/test/unit_test.hpp>

using namespace std::chrono_literals;
using namespace glomers::harness;
using glomers::message;
namespace json = glomers::json;

namespace {

// "pair" ops take two requests (first, then second carrying the first's answer); "skip" ops
// complete at once as info; the final phase polls every 300 ms until 2 s have passed.
struct two_step_workload final : workload {
  struct counter_state final : client_state {
    int requests = 0;
  };
  int opened = 0;
  std::vector<op> observed;

  std::optional<op_spec> next(worker_view const& w) override {
    if (w.process >= 1) return op_spec{"pair", w.process, {{"tag", "x"}}};
    return op_spec{"skip", nullptr};
  }
  bool has_final_phase() const override { return true; }
  std::optional<op_spec> final_op(worker_view const&) override { return op_spec{"poll", nullptr}; }
  sim_time final_gap(worker_view const&) override { return 300ms; }
  std::optional<sim_time> final_time_limit() const override { return 2s; }
  void observe(op const& completion) override { observed.push_back(completion); }

  std::unique_ptr<client_state> open_client() override {
    ++opened;
    return std::make_unique<counter_state>();
  }
  step begin(op const& inv, client_state* st) override {
    if (inv.f == "skip") return step::indeterminate("crashed on purpose");
    ++static_cast<counter_state*>(st)->requests;
    return step::request({{"type", "first"}});
  }
  step resume(op const& inv, client_state* st, json::object const& reply) override {
    auto& s = *static_cast<counter_state*>(st);
    if (reply.at("type") == "first_ok") {
      ++s.requests;
      return step::request({{"type", "second"}, {"got", reply.at("n")}});
    }
    if (inv.f == "poll") return step::done(s.requests);
    return step::done(json::array{reply.at("n"), s.requests});
  }
  json::object check(history const&) override { return {{"valid?", true}}; }
};

}  // namespace

BOOST_AUTO_TEST_CASE(multi_request_ops_client_state_observe_and_a_capped_final_phase) {
  world w(3);
  network net(w, latency_config{});
  std::vector<std::string> kinds;
  net.add("n0", [&](envelope const& e) {
    json::object body;
    auto const type = std::string(e.msg.type());
    kinds.push_back(type);
    if (type == "init") body = {{"type", "init_ok"}};
    if (type == "first") body = {{"type", "first_ok"}, {"n", 7}};
    if (type == "second") body = {{"type", "second_ok"}, {"n", e.msg.body.at("got").as_int64() + 1}};
    body["in_reply_to"] = *e.msg.msg_id();
    net.send(message{"n0", e.msg.src, std::move(body)});
  });
  two_step_workload wl;
  test_config cfg;
  cfg.nodes = {"n0"};
  cfg.time_limit = 3s;
  cfg.rate = 5;
  test_run run(cfg, w, net, wl);
  run.start();
  while (!run.finished()) w.run_until(*w.next_event());
  BOOST_TEST_REQUIRE(!run.aborted().has_value());

  auto const& h = run.ops();
  // The first op (process 0) completed info without a request; then a new client, process 1.
  BOOST_TEST_REQUIRE(h.size() >= 4u);
  BOOST_TEST(h[0].f == "skip");
  BOOST_TEST((h[1].type == op_type::info && h[1].error == "crashed on purpose"));
  BOOST_TEST(h[2].process == 1);
  BOOST_TEST(h[2].extra.at("tag") == "x");
  BOOST_TEST(to_json(h[2]).at("tag") == "x");
  BOOST_TEST((h[3].type == op_type::ok));
  BOOST_TEST(h[3].value == (json::array{8, 2}));  // two requests, the second saw the first's answer
  BOOST_TEST(wl.opened == 2);                     // one client per process: state is per client
  // observe() saw every completion, in order.
  std::size_t completions = 0;
  for (auto const& o : h) completions += o.type != op_type::invoke;
  BOOST_TEST(wl.observed.size() == completions);
  // Final polls every 300 ms (plus their round trip), none invoked 2 s or more after the first.
  std::vector<sim_time> polls;
  for (auto const& o : h) {
    if (o.f == "poll" && o.type == op_type::invoke) {
      BOOST_TEST(o.final);
      polls.push_back(o.time);
    }
  }
  BOOST_TEST_REQUIRE(polls.size() >= 6u);
  BOOST_TEST(polls.size() <= 7u);
  for (std::size_t i = 1; i < polls.size(); ++i) BOOST_TEST((polls[i] - polls[i - 1] >= 300ms));
  BOOST_TEST((polls.back() - polls.front() < 2s));
  auto const last = h.back();
  BOOST_TEST((last.type == op_type::ok && last.f == "poll"));
  BOOST_TEST(last.value.as_int64() > 2);  // the client kept counting its requests across polls
}
