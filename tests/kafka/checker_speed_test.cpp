// How long the kafka checker takes on the history of a 60 s run at rate 1000 (~60k ops, 10
// processes) against a correct log, plus the final polls that read every log from the start.
// Prints the time; asserts only the verdict (the synthetic system is correct).
#include "harness/workloads/kafka/checker.hpp"
#include "tests/kafka/kafka_history.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <iostream>
#include <map>
#include <random>

using namespace glomers::harness;
namespace json = glomers::json;

namespace {

struct synthetic_kafka {
  static constexpr int threads = 10;
  kafka_test::kafka_history b;
  std::mt19937_64 rng{42};
  std::map<std::string, std::vector<std::int64_t>> logs;
  std::map<std::string, std::int64_t> committed;
  std::vector<std::int64_t> active;  // pool of 10 key numbers
  std::map<std::int64_t, std::int64_t> writes;
  std::int64_t pairs_polled = 0;
  bool lossy = false;        // polls never return messages 10 (lost writes)
  int final_polls = 1;       // per thread; the later ones find nothing new
  bool empty_lists = false;  // polls list every assigned key, empty or not

  struct client {
    std::int64_t process;
    std::map<std::string, std::int64_t> offsets;  // assigned key -> next offset
  };
  std::vector<client> clients;

  synthetic_kafka() {
    for (int i = 0; i < 10; ++i) active.push_back(i);
    for (int t = 0; t < threads; ++t) clients.push_back({t, {}});
  }
  double uniform() { return std::uniform_real_distribution<double>(0, 1)(rng); }

  std::string pick_key() { return std::to_string(active[std::uniform_int_distribution<std::size_t>(0, 9)(rng)]); }

  void assign(client& c, std::vector<std::string> const& keys, bool seek) {
    std::map<std::string, std::int64_t> next;
    for (auto const& k : keys) {
      auto it = c.offsets.find(k);
      next[k] = seek ? 0 : it != c.offsets.end() ? it->second : committed[k];
    }
    c.offsets = std::move(next);
    b.assign(c.process, keys);
  }
  void send(client& c) {
    auto slot = std::uniform_int_distribution<std::size_t>(0, 9)(rng);
    auto key_n = active[slot];
    if (writes[key_n] == 16) {
      key_n = active[slot] = *std::max_element(active.begin(), active.end()) + 1;
    }
    auto const msg = ++writes[key_n];
    auto const k = std::to_string(key_n);
    auto& log = logs[k];
    log.push_back(msg);
    b.send(c.process, k, msg, static_cast<std::int64_t>(log.size()) - 1);
  }
  void poll(client& c) {
    std::vector<std::pair<std::string, kafka_test::pairs>> msgs;
    for (auto& [k, next] : c.offsets) {
      auto const& log = logs[k];
      kafka_test::pairs ps;
      for (auto o = next; o < static_cast<std::int64_t>(log.size()); ++o) {
        if (!lossy || log[static_cast<std::size_t>(o)] != 10) ps.emplace_back(o, log[static_cast<std::size_t>(o)]);
      }
      if (ps.empty()) {
        if (empty_lists) msgs.emplace_back(k, std::move(ps));
        continue;
      }
      next = ps.back().first + 1;
      committed[k] = std::max(committed[k], next);
      pairs_polled += static_cast<std::int64_t>(ps.size());
      msgs.emplace_back(k, std::move(ps));
    }
    b.poll(c.process, msgs);
  }

  void run(int ops) {
    for (int i = 0; i < ops; ++i) {
      auto& c = clients[static_cast<std::size_t>(i % threads)];
      if (i % 3000 == 2999) {  // a crash every 3 s of 1000 ops/s: each client every ~30 s
        b.crash(c.process);
        c = {c.process + threads, {}};
      } else if (uniform() < 1.0 / 64) {
        assign(c, {pick_key()}, false);
      } else if (uniform() < 0.5) {
        send(c);
      } else {
        poll(c);
      }
    }
    std::vector<std::string> all;
    for (auto const& [k, _] : logs) all.push_back(k);
    for (auto& c : clients) {
      b.crash(c.process);
      c = {c.process + threads, {}};
      assign(c, all, true);
      for (int i = 0; i < final_polls; ++i) poll(c);
    }
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(kafka_checker_speed_test)

BOOST_AUTO_TEST_CASE(sixty_thousand_ops) {
  synthetic_kafka s;
  s.run(60000);
  auto const start = std::chrono::steady_clock::now();
  auto r = kafka::check(s.b.h);
  auto const ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::cout << "kafka checker: " << s.b.h.size() << " history ops, " << s.logs.size() << " keys, "
            << s.pairs_polled << " polled pairs: " << ms << " ms\n";
  BOOST_TEST_INFO(boost::json::serialize(r).substr(0, 2000));
  BOOST_TEST(r.at("valid?") == true);
}

BOOST_AUTO_TEST_CASE(sixty_thousand_ops_losing_writes) {
  synthetic_kafka s;
  s.lossy = true;
  s.final_polls = 50;  // a thread that never catches up polls until the 10 s cap
  s.empty_lists = true;
  s.run(60000);
  auto const start = std::chrono::steady_clock::now();
  auto r = kafka::check(s.b.h);
  auto const ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  auto const lost = r.at("lost-write").as_object().at("count").as_int64();
  std::cout << "kafka checker, losing message 10 of every key, 50 final polls per thread: " << s.b.h.size() << " history ops, " << lost
            << " lost writes reported: " << ms << " ms\n";
  BOOST_TEST(r.at("valid?") == false);
  BOOST_TEST(lost > 1000);
}

BOOST_AUTO_TEST_CASE(offsets_far_apart_cost_nothing) {
  kafka_test::kafka_history b;
  std::int64_t const big = 1'000'000'000'000'000;
  b.send(0, "a", 1, 0);
  b.send(0, "a", 2, big);
  b.send(0, "a", 3, 2 * big);
  b.poll(1, {{"a", {{0, 1}, {big, 2}}}});
  b.poll(1, {{"a", {{2 * big, 3}}}});
  auto const start = std::chrono::steady_clock::now();
  auto r = kafka::check(b.h);
  BOOST_TEST((std::chrono::steady_clock::now() - start < std::chrono::seconds(1)));
  BOOST_TEST(r.at("valid?") == true);  // sparse offsets are fine: the dense index has no gaps
}

BOOST_AUTO_TEST_SUITE_END()
