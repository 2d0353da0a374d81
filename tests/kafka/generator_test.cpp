// The kafka generator: the op mix, keys and values of Elle's wr-txns, inserted assigns, crash
// pacing, and the final phase's crash / assign / polls until the thread caught up.
#include "harness/workloads/kafka/generator.hpp"

#include <boost/test/unit_test.hpp>

#include <map>
#include <set>

using namespace std::chrono_literals;
using namespace glomers::harness;
namespace json = glomers::json;

namespace {

op completion(std::int64_t process, std::string f, json::value v, bool final = false) {
  op o;
  o.type = op_type::ok;
  o.f = std::move(f);
  o.value = std::move(v);
  o.process = process;
  o.final = final;
  return o;
}

json::value sent(std::string const& k, std::int64_t offset, std::int64_t msg) {
  return json::array{json::array{"send", json::value(k), json::array{offset, msg}}};
}
json::value polled(std::string const& k, std::int64_t from, std::int64_t to) {
  json::array pairs;
  for (auto o = from; o <= to; ++o) pairs.push_back(json::array{o, o + 1});
  return json::array{json::array{"poll", json::object{{k, pairs}}}};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kafka_generator_test)

BOOST_AUTO_TEST_CASE(main_phase_mix_keys_values_assigns_and_crashes) {
  world w(7);
  kafka::generator g(w, {.concurrency = 5, .key_count = 10, .max_writes_per_key = 16});
  std::map<std::string, int> fs;
  std::map<std::string, std::vector<std::int64_t>> values;  // key -> values sent, in order
  std::map<std::string, int> key_hits;
  std::vector<sim_time> crashes;
  int const n = 60000;
  for (int i = 0; i < n; ++i) {
    w.run_until(sim_time(i * 1ms));  // one op per ms: 60 s
    auto op = g.next();
    ++fs[op.f];
    if (op.f == "crash") crashes.push_back(w.now());
    if (op.f == "send") {
      auto const& mop = op.value.as_array()[0].as_array();
      BOOST_TEST(mop[1].is_string());
      values[std::string(mop[1].as_string())].push_back(mop[2].as_int64());
      ++key_hits[std::string(mop[1].as_string())];
    }
    if (op.f == "poll") BOOST_TEST(boost::json::serialize(op.value) == R"([["poll"]])");
    if (op.f == "assign") {
      BOOST_TEST(op.value.as_array().size() == 1u);  // nothing sent was acknowledged: just the key
      BOOST_TEST(op.value.as_array()[0].is_string());
    }
  }
  BOOST_TEST(fs["send"] > 0.45 * n);
  BOOST_TEST(std::abs(fs["send"] - fs["poll"]) < 0.03 * n);
  BOOST_TEST(fs["assign"] > n / 64 * 0.8);
  BOOST_TEST(fs["assign"] < n / 64 * 1.2);
  // crashes every 30/5 = 6 s on average, the first at once
  BOOST_TEST(crashes.front() == sim_time(0));
  BOOST_TEST(crashes.size() >= 6u);
  BOOST_TEST(crashes.size() <= 16u);
  // values per key are 1, 2, ... 16; retired keys are replaced by fresh ones
  for (auto const& [k, vs] : values) {
    BOOST_TEST(vs.size() <= 16u);
    for (std::size_t i = 0; i < vs.size(); ++i) BOOST_TEST(vs[i] == static_cast<std::int64_t>(i + 1));
  }
  BOOST_TEST(values.size() > 1500u);  // ~30k sends / 16
  BOOST_TEST(values.count("0") == 1u);
}

BOOST_AUTO_TEST_CASE(the_last_pool_slot_is_the_hottest) {
  world w(3);
  kafka::generator g(w, {.concurrency = 1, .key_count = 3, .max_writes_per_key = 1000000});
  std::map<std::string, int> hits;
  w.run_until(1s);
  g.next();  // the crash at time 0
  for (int i = 0; i < 20000; ++i) {
    auto op = g.next();
    if (op.f == "send") ++hits[std::string(op.value.as_array()[0].as_array()[1].as_string())];
  }
  // P(slot i) = 2^(i+1) / 14: 1/7, 2/7, 4/7
  double const total = hits["0"] + hits["1"] + hits["2"];
  BOOST_TEST(std::abs(hits["2"] / total - 4.0 / 7) < 0.02);
  BOOST_TEST(std::abs(hits["0"] / total - 1.0 / 7) < 0.02);
}

BOOST_AUTO_TEST_CASE(assigns_catch_up_with_unpolled_keys) {
  world w(11);
  kafka::generator g(w, {.concurrency = 1});
  w.run_until(1s);
  g.next();
  g.observe(completion(0, "send", sent("77", 3, 1)));
  g.observe(completion(0, "send", sent("8", 0, 1)));
  g.observe(completion(0, "poll", polled("8", 0, 0)));  // "8" caught up, "77" did not
  int extended = 0, assigns = 0;
  for (int i = 0; i < 20000; ++i) {
    auto op = g.next();
    if (op.f != "assign") continue;
    ++assigns;
    auto const& ks = op.value.as_array();
    if (ks[0] == "77") {
      ++extended;
      BOOST_TEST(ks.size() <= 2u);
    } else {
      BOOST_TEST(ks.size() == 1u);
    }
  }
  BOOST_TEST(extended > assigns / 5);
  BOOST_TEST(extended < assigns / 2);
}

BOOST_AUTO_TEST_CASE(final_phase_polls_until_each_thread_caught_up) {
  world w(5);
  kafka::generator g(w, {.concurrency = 2});
  g.observe(completion(0, "send", sent("3", 4, 5)));
  g.observe(completion(1, "poll", polled("9", 0, 2)));
  g.observe(completion(1, "send", sent("9", 6, 7)));
  auto c = g.final_op(0);
  BOOST_TEST(c->f == "crash");
  BOOST_TEST(g.final_gap(0) == sim_time(0));
  g.observe(completion(0, "crash", nullptr, true));
  auto a = g.final_op(0);
  BOOST_TEST(a->f == "assign");
  BOOST_TEST(a->seek_to_beginning);
  BOOST_TEST(boost::json::serialize(a->value) == R"(["3","9"])");
  BOOST_TEST(g.final_gap(0) == sim_time(0));
  BOOST_TEST(g.final_op(0)->f == "poll");
  auto const gap = g.final_gap(0);
  BOOST_TEST(gap >= sim_time(0));
  BOOST_TEST(gap < sim_time(400ms));
  g.observe(completion(2, "poll", polled("3", 0, 4), true));  // thread 0 under its new process
  BOOST_TEST(g.final_op(0)->f == "poll");  // "9" still short of offset 6
  g.observe(completion(2, "poll", polled("9", 5, 6), true));
  BOOST_TEST(!g.final_op(0));
  BOOST_TEST(g.final_op(1)->f == "crash");  // thread 1 has its own targets
}

BOOST_AUTO_TEST_CASE(no_final_ops_when_nothing_was_seen) {
  world w(5);
  kafka::generator g(w, {.concurrency = 2});
  BOOST_TEST(!g.final_op(0));
}

BOOST_AUTO_TEST_SUITE_END()
