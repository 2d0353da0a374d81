// The lin-kv workload's generator and client, driven by hand (spec §6.6, §4.3).
#include "harness/workloads/lin_kv/workload.hpp"

#include <boost/test/unit_test.hpp>

#include <map>

using namespace glomers::harness;
namespace json = glomers::json;

namespace {

struct fixture {
  world w{7};
  workload_context ctx(int nodes, int concurrency, std::int64_t latency_ms = 0) {
    workload_context c;
    for (int i = 0; i < nodes; ++i) c.nodes.push_back("n" + std::to_string(i));
    c.concurrency = concurrency;
    c.latency_ms = latency_ms;
    c.w = &w;
    return c;
  }
};

std::int64_t key_of(op_spec const& s) { return s.value.as_array()[0].as_int64(); }

op completion(std::int64_t process, op_type type) {
  op o;
  o.type = type;
  o.process = process;
  o.f = "write";
  o.value = json::array{0, 1};
  return o;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(workload_test, fixture)

BOOST_AUTO_TEST_CASE(first_n_threads_read_the_others_write_or_cas) {
  lin_kv_workload wl(ctx(3, 12));  // two groups of six threads
  std::map<std::string, int> fs;
  for (int round = 0; round < 300; ++round) {
    for (int t = 0; t < 12; ++t) {
      auto const s = wl.next({t, t});
      BOOST_TEST_REQUIRE(s.has_value());
      BOOST_TEST(key_of(*s) == (t < 6 ? 0 : 1));  // each group on its own key
      if (t < 3) {
        BOOST_TEST(s->f == "read");
        BOOST_TEST(s->value.as_array()[1].is_null());
        continue;
      }
      BOOST_TEST(s->f != "read");
      ++fs[s->f];
      auto const& v = s->value.as_array()[1];
      for (auto const& x : s->f == "cas" ? v.as_array() : json::array{v}) {
        BOOST_TEST(x.as_int64() >= 0);
        BOOST_TEST(x.as_int64() <= 4);
      }
    }
  }
  // 9 writing threads x 300 ops, 1/3 writes
  BOOST_TEST(fs["write"] > 800);
  BOOST_TEST(fs["write"] < 1000);
  BOOST_TEST(fs["cas"] == 2700 - fs["write"]);
}

BOOST_AUTO_TEST_CASE(a_group_moves_to_the_next_unused_key_after_twenty_processes) {
  lin_kv_workload wl(ctx(3, 12));
  std::vector<std::int64_t> process{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  for (int t = 0; t < 12; ++t) BOOST_TEST(key_of(*wl.next({t, t})) == t / 6);
  // group 0 starts with 6 processes; each info adds one: the 15th makes 21
  for (int info = 1; info <= 15; ++info) {
    auto const t = info % 6;
    wl.observe(completion(process[t], op_type::info));
    process[t] += 12;
    auto const s = wl.next({t, process[t]});
    BOOST_TEST(key_of(*s) == (info < 15 ? 0 : 2), "after " << info << " info completions");
    BOOST_TEST(key_of(*wl.next({6, process[6]})) == 1);  // the other group stays on its key
  }
  // the new key counts afresh: the group's six current processes
  for (int t = 0; t < 6; ++t) BOOST_TEST(key_of(*wl.next({t, process[t]})) == 2);
  // ok and fail completions do not end a process
  wl.observe(completion(process[0], op_type::ok));
  wl.observe(completion(process[0], op_type::fail));
  BOOST_TEST(key_of(*wl.next({0, process[0]})) == 2);
}

// As Jepsen's concurrent-generator: the workload is made, and its first op fails the assertion
// (Maelstrom has started and initialised the nodes by then; the run ends with exit 255).
BOOST_AUTO_TEST_CASE(concurrency_must_be_a_positive_multiple_of_twice_the_node_count) {
  BOOST_CHECK_NO_THROW(lin_kv_workload(ctx(3, 6)).next({0, 0}));
  BOOST_CHECK_NO_THROW(lin_kv_workload(ctx(1, 4)).next({3, 3}));
  auto asserts = [this](int nodes, int concurrency, std::string const& text) {
    lin_kv_workload wl(ctx(nodes, concurrency));
    BOOST_CHECK_EXCEPTION(wl.next({0, 0}), generator_assertion, [&](auto const& e) {
      std::string const what = e.what();
      return what.starts_with("Assert failed: ") && what.find(text) != std::string::npos;
    });
  };
  asserts(3, 9, "to a multiple of 6.\n(= thread-count (* group-size group-count))");
  asserts(3, 3, "at least 6.\n(<= group-size thread-count)");
}

BOOST_AUTO_TEST_CASE(client_requests_timeouts_and_error_mapping) {
  lin_kv_workload wl(ctx(2, 4));
  BOOST_TEST(wl.reusable_client());
  BOOST_TEST(wl.with_errors());
  BOOST_TEST(wl.idempotent("read"));
  BOOST_TEST(!wl.idempotent("write"));
  BOOST_TEST(!wl.idempotent("cas"));
  BOOST_TEST(!wl.has_final_phase());
  BOOST_TEST(wl.timeout().count() == std::chrono::nanoseconds(std::chrono::seconds(1)).count());
  BOOST_TEST(lin_kv_workload(ctx(2, 4, 250)).timeout().count() ==
             std::chrono::nanoseconds(std::chrono::milliseconds(2500)).count());

  op read;
  read.f = "read";
  read.value = json::array{3, nullptr};
  op write = read;
  write.f = "write";
  write.value = json::array{3, 4};
  op cas = read;
  cas.f = "cas";
  cas.value = json::array{3, json::array{1, 2}};
  BOOST_TEST(wl.request(read) == (json::object{{"type", "read"}, {"key", 3}}));
  BOOST_TEST(wl.request(write) == (json::object{{"type", "write"}, {"key", 3}, {"value", 4}}));
  BOOST_TEST(wl.request(cas) == (json::object{{"type", "cas"}, {"key", 3}, {"from", 1}, {"to", 2}}));

  auto reply = [](json::object b) {
    b["in_reply_to"] = 1;
    return b;
  };
  BOOST_TEST(wl.ok_value(read, reply({{"type", "read_ok"}, {"value", 4}})) == (json::array{3, 4}));
  BOOST_TEST(wl.ok_value(read, reply({{"type", "read_ok"}, {"value", "x"}})) == (json::array{3, "x"}));
  BOOST_TEST(wl.ok_value(write, reply({{"type", "write_ok"}})) == (json::array{3, 4}));
  BOOST_TEST(wl.ok_value(cas, reply({{"type", "cas_ok"}, {"msg_id", 9}})) == cas.value);
  BOOST_CHECK_THROW(wl.ok_value(read, reply({{"type", "read_ok"}})), schema_error);
  BOOST_CHECK_THROW(wl.ok_value(read, reply({{"type", "read_ok"}, {"value", 1}, {"key", 3}})), schema_error);
  BOOST_CHECK_THROW(wl.ok_value(write, reply({{"type", "write_ok"}, {"value", 4}})), schema_error);
  BOOST_CHECK_THROW(wl.ok_value(cas, reply({{"type", "write_ok"}})), schema_error);
}

BOOST_AUTO_TEST_SUITE_END()
