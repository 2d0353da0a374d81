// Checkers and statistics on hand-made histories whose answers were worked out by hand.
#include "harness/analysis.hpp"
#include "harness/workloads/broadcast.hpp"
#include "harness/workloads/counter.hpp"
#include "harness/workloads/echo.hpp"
#include "harness/workloads/unique_ids.hpp"

#include <boost/test/unit_test.hpp>

using namespace std::chrono_literals;
using namespace glomers::harness;
namespace json = glomers::json;

namespace {

// Builds a history; complete() links a completion to its invocation.
struct builder {
  history h;
  std::int64_t invoke(std::int64_t process, std::string f, json::value v, sim_time t, bool final = false) {
    op o;
    o.index = static_cast<std::int64_t>(h.size());
    o.type = op_type::invoke;
    o.f = std::move(f);
    o.value = std::move(v);
    o.process = process;
    o.time = t;
    o.final = final;
    h.push_back(o);
    return o.index;
  }
  void complete(std::int64_t inv, op_type type, json::value v, sim_time t) {
    op o = h[static_cast<std::size_t>(inv)];
    o.index = static_cast<std::int64_t>(h.size());
    o.type = type;
    o.value = std::move(v);
    o.time = t;
    o.invocation = inv;
    h.push_back(o);
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(checkers_test)

BOOST_AUTO_TEST_CASE(set_full_stable_lost_never_read_and_latency) {
  builder b;
  auto a0 = b.invoke(0, "broadcast", 0, 1000ms);
  b.complete(a0, op_type::ok, 0, 1010ms);                    // 0 known at 1010 ms
  auto a1 = b.invoke(1, "broadcast", 1, 1100ms);
  b.complete(a1, op_type::ok, 1, 1110ms);                    // 1 known at 1110 ms
  auto a2 = b.invoke(2, "broadcast", 2, 1200ms);
  b.complete(a2, op_type::info, nullptr, 6200ms);            // 2 never acknowledged, never read
  auto r1 = b.invoke(1, "read", nullptr, 1500ms);            // misses 0, sees 1
  b.complete(r1, op_type::ok, json::array{1}, 1501ms);
  auto r2 = b.invoke(0, "read", nullptr, 2000ms);            // sees 0 and 1
  b.complete(r2, op_type::ok, json::array{0, 1, 77}, 2001ms);  // 77 was never added: ignored
  auto r3 = b.invoke(1, "read", nullptr, 3000ms);            // sees 0, misses 1: 1 is lost
  b.complete(r3, op_type::ok, json::array{0}, 3001ms);
  auto r4 = b.invoke(2, "read", nullptr, 3500ms);            // a failed read counts for nothing
  b.complete(r4, op_type::fail, nullptr, 3600ms);

  auto r = check_set_full(b.h, "broadcast");
  BOOST_TEST(r.at("valid?") == false);
  BOOST_TEST(r.at("attempt-count") == 3);
  BOOST_TEST(r.at("stable-count") == 1);
  BOOST_TEST(r.at("lost") == (json::array{1}));
  BOOST_TEST(r.at("never-read") == (json::array{2}));
  // 0: last absent at the read invoked at 1500 ms; latency = 1500 ms + 1 ns - 1010 ms = 490 ms.
  BOOST_TEST(r.at("stable-latencies").at("0") == 490);
  BOOST_TEST(r.at("stable-latencies").at("1") == 490);
  BOOST_TEST(r.at("stale") == (json::array{0}));
  // 1: last present at the read invoked at 2000 ms: lost latency 2000 - 1110 = 890 ms.
  BOOST_TEST(r.at("lost-latencies").at("0.5") == 890);
}

BOOST_AUTO_TEST_CASE(set_full_valid_and_unknown) {
  builder b;
  auto a = b.invoke(0, "add", "x", 0ms);
  b.complete(a, op_type::ok, "x", 1ms);
  auto r = check_set_full(b.h, "add");
  BOOST_TEST(r.at("valid?") == "unknown");  // nothing stable: never read
  auto rd = b.invoke(1, "read", nullptr, 5ms);
  b.complete(rd, op_type::ok, json::array{"x"}, 6ms);
  r = check_set_full(b.h, "add");
  BOOST_TEST(r.at("valid?") == true);
  BOOST_TEST(r.at("stable-latencies").at("0.5") == 0);
  BOOST_TEST(r.at("stale-count") == 0);
}

BOOST_AUTO_TEST_CASE(quantiles_use_jepsen_indexing) {
  auto q = quantiles({50, 10, 40, 20, 30});  // sorted 10 20 30 40 50
  BOOST_TEST(q.at("0") == 10);
  BOOST_TEST(q.at("0.5") == 30);   // floor(5 * 0.5) = 2
  BOOST_TEST(q.at("0.95") == 50);  // floor(4.75) = 4
  BOOST_TEST(q.at("1") == 50);     // min(4, 5)
  BOOST_TEST(quantiles({}).empty());
}

BOOST_AUTO_TEST_CASE(counter_acceptable_ranges) {
  builder b;
  auto a1 = b.invoke(0, "add", 1, 0ms);
  b.complete(a1, op_type::ok, 1, 1ms);
  auto a2 = b.invoke(1, "add", 2, 0ms);
  b.complete(a2, op_type::ok, 2, 1ms);
  auto a3 = b.invoke(2, "add", 3, 0ms);
  b.complete(a3, op_type::info, nullptr, 5s);  // may or may not have happened: {3, 6}
  auto mid = b.invoke(0, "read", nullptr, 2ms);
  b.complete(mid, op_type::ok, 100, 3ms);  // not final: ignored
  auto f1 = b.invoke(0, "read", nullptr, 20s, true);
  b.complete(f1, op_type::ok, 6, 20s);
  auto f2 = b.invoke(1, "read", nullptr, 20s, true);
  b.complete(f2, op_type::ok, 3, 20s);
  auto r = check_counter(b.h);
  BOOST_TEST(r.at("valid?") == true);
  BOOST_TEST(r.at("acceptable") == (json::array{json::array{3, 3}, json::array{6, 6}}));
  auto f3 = b.invoke(2, "read", nullptr, 20s, true);
  b.complete(f3, op_type::ok, 4, 20s);
  r = check_counter(b.h);
  BOOST_TEST(r.at("valid?") == false);
  BOOST_TEST(r.at("errors").as_array().size() == 1u);
}

BOOST_AUTO_TEST_CASE(counter_ranges_merge) {
  builder b;
  for (int d : {1, 1, 2}) {
    auto a = b.invoke(0, "add", d, 0ms);
    b.complete(a, op_type::info, nullptr, 1ms);
  }
  // {0} -> {0,1} -> {0,1,2} -> {0..4}
  BOOST_TEST(check_counter(b.h).at("acceptable") == (json::array{json::array{0, 4}}));
}

BOOST_AUTO_TEST_CASE(echo_checker) {
  builder b;
  auto ok = b.invoke(0, "echo", "Please echo 1", 0ms);
  b.complete(ok, op_type::ok, json::object{{"type", "echo_ok"}, {"echo", "Please echo 1"}}, 1ms);
  auto timeout = b.invoke(0, "echo", "Please echo 2", 0ms);
  b.complete(timeout, op_type::info, nullptr, 5s);  // skipped
  BOOST_TEST(check_echo(b.h).at("valid?") == true);
  auto wrong = b.invoke(0, "echo", "Please echo 3", 0ms);
  b.complete(wrong, op_type::ok, json::object{{"echo", "Please echo 4"}}, 1ms);
  auto failed = b.invoke(0, "echo", "Please echo 5", 0ms);
  b.complete(failed, op_type::fail, nullptr, 1ms);
  auto r = check_echo(b.h);
  BOOST_TEST(r.at("valid?") == false);
  BOOST_TEST(r.at("errors").as_array().size() == 2u);
}

BOOST_AUTO_TEST_CASE(unique_ids_checker) {
  builder b;
  for (auto id : {json::value("a"), json::value("b"), json::value("a")}) {
    auto g = b.invoke(0, "generate", nullptr, 0ms);
    b.complete(g, op_type::ok, id, 1ms);
  }
  auto lost = b.invoke(0, "generate", nullptr, 0ms);
  b.complete(lost, op_type::info, nullptr, 1ms);
  auto r = check_unique_ids(b.h);
  BOOST_TEST(r.at("valid?") == false);
  BOOST_TEST(r.at("attempted-count") == 4);
  BOOST_TEST(r.at("acknowledged-count") == 3);
  BOOST_TEST(r.at("duplicated-count") == 1);
  BOOST_TEST(r.at("duplicated").at("a") == 2);  // the id itself, not its JSON text
  BOOST_TEST(r.at("range") == (json::array{"a", "b"}));
  auto mixed = b.invoke(0, "generate", nullptr, 0ms);
  b.complete(mixed, op_type::ok, 5, 1ms);
  BOOST_TEST(check_unique_ids(b.h).at("valid?") == "unknown");
}

BOOST_AUTO_TEST_CASE(stats_availability_and_net_by_hand) {
  builder b;
  auto a = b.invoke(0, "add", 1, 0ms);
  b.complete(a, op_type::ok, 1, 1ms);
  auto r1 = b.invoke(1, "read", nullptr, 0ms);
  b.complete(r1, op_type::fail, nullptr, 1ms);
  op nemesis;
  nemesis.index = static_cast<std::int64_t>(b.h.size());
  nemesis.type = op_type::info;
  nemesis.f = "start-partition";
  nemesis.process = nemesis_process;
  b.h.push_back(nemesis);
  auto s = stats_result(b.h);
  BOOST_TEST(s.at("valid?") == false);  // read never succeeded
  BOOST_TEST(s.at("count") == 2);
  BOOST_TEST(s.at("by-f").at("read").at("fail-count") == 1);
  auto r2 = b.invoke(1, "read", nullptr, 2ms);
  b.complete(r2, op_type::ok, 1, 3ms);
  BOOST_TEST(stats_result(b.h).at("valid?") == true);

  // 3 invocations, 2 ok: ok-fraction 2/3; the nemesis op does not count.
  auto av = availability_result(b.h, availability_goal{});
  BOOST_TEST(av.at("ok-fraction").as_double() == 0.6666667);  // (float 2/3), printed as a float
  BOOST_TEST(av.at("valid?") == true);
  BOOST_TEST(availability_result(b.h, availability_goal{true, {}}).at("valid?") == false);
  BOOST_TEST(availability_result(b.h, availability_goal{false, 0.6}).at("valid?") == true);

  // 6 client messages and 3 server messages over 3 client ops: 3.0 and 1.0 msgs-per-op.
  journal j;
  for (std::int64_t id = 0; id < 6; ++id) j.push_back({journal_entry::send, 0ms, id, "c1", "n1", "x"});
  for (std::int64_t id = 6; id < 9; ++id) j.push_back({journal_entry::send, 0ms, id, "n1", "n2", "x"});
  auto net = net_result(j, client_op_count(b.h));
  BOOST_TEST(net.at("all").at("msgs-per-op").as_double() == 3.0);
  BOOST_TEST(net.at("servers").at("msgs-per-op").as_double() == 1.0);
  BOOST_TEST(!net.at("clients").as_object().contains("msgs-per-op"));
}

BOOST_AUTO_TEST_CASE(validity_merge) {
  BOOST_TEST(merge_valid(true, "unknown") == "unknown");
  BOOST_TEST(merge_valid("unknown", false) == false);
  BOOST_TEST(merge_valid(false, true) == false);
  BOOST_TEST(merge_valid(true, true) == true);
}

BOOST_AUTO_TEST_SUITE_END()
