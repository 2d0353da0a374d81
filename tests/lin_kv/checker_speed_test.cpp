// The checker's speed on the shape of a long lin-kv run: 60 s, 5 nodes, concurrency 20 (two
// groups of 2N = 10 threads, threads 0..4 only read), rate 1000/s, about 1 % of ops timing out,
// half of those taking effect. The history comes from a simulated linearizable register, so it
// must be valid; one read corrupted makes it invalid. Times are printed, not asserted.
#include "harness/workloads/lin_kv/checker.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <iostream>
#include <map>
#include <queue>
#include <random>
#include <set>

using namespace glomers::harness;
namespace json = glomers::json;
using std::chrono::milliseconds;

namespace {

struct synthetic {
  int nodes = 5, threads = 20, seconds = 60;
  double info_p = 0.01;
  double latency_ms = 5;  // to the linearization point, then again to the completion

  history run(std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    auto uni = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
    auto coin = [&](double p) { return uni(0, 1) < p; };
    int const group_size = 2 * nodes;
    struct pending {
      std::int64_t inv = -1;
      bool effect = true, info = false;
      json::value result;  // read: the value; cas: whether it applied
      std::int64_t key = 0;
    };
    std::vector<pending> cur(threads);
    std::vector<std::int64_t> process(threads);
    for (int t = 0; t < threads; ++t) process[t] = t;
    std::vector<std::int64_t> group_key(threads / group_size), group_procs(threads / group_size, group_size);
    std::int64_t next_key = 0;
    for (auto& k : group_key) k = next_key++;
    std::map<std::int64_t, json::value> reg;
    // events: (time ms, kind 0 invoke / 1 linearize / 2 complete, thread)
    using event = std::tuple<double, int, int>;
    std::priority_queue<event, std::vector<event>, std::greater<>> q;
    for (int t = 0; t < threads; ++t) q.emplace(uni(0, 20), 0, t);
    history h;
    auto emit = [&](op o) {
      o.index = static_cast<std::int64_t>(h.size());
      h.push_back(std::move(o));
      return h.back().index;
    };
    while (!q.empty()) {
      auto [time, kind, t] = q.top();
      q.pop();
      auto& p = cur[t];
      auto const g = t / group_size;
      if (kind == 0) {
        if (time > seconds * 1000.0) continue;
        if (group_procs[g] > 20) group_key[g] = next_key++, group_procs[g] = group_size;
        p.key = group_key[g];
        op o;
        o.type = op_type::invoke;
        o.process = process[t];
        o.time = milliseconds(static_cast<std::int64_t>(time));
        auto const v = [&] { return static_cast<std::int64_t>(rng() % 5); };
        if (t < nodes) {
          o.f = "read", o.value = json::array{p.key, nullptr};
        } else if (coin(1.0 / 3)) {
          o.f = "write", o.value = json::array{p.key, v()};
        } else {
          o.f = "cas", o.value = json::array{p.key, json::array{v(), v()}};
        }
        p.inv = emit(o);
        p.info = coin(info_p);
        p.effect = !p.info || coin(0.5);
        double const lin = time + uni(0, latency_ms);
        if (p.effect) q.emplace(lin, 1, t);
        q.emplace(p.info ? time + 1000 : lin + uni(0, latency_ms), 2, t);
      } else if (kind == 1) {
        auto const& inv = h[static_cast<std::size_t>(p.inv)];
        auto& state = reg[p.key];
        auto const& arg = inv.value.as_array()[1];
        if (inv.f == "read") p.result = state;
        if (inv.f == "write") state = arg;
        if (inv.f == "cas") {
          bool const applies = state == arg.as_array()[0];
          if (applies) state = arg.as_array()[1];
          p.result = applies;
        }
      } else {
        op o = h[static_cast<std::size_t>(p.inv)];
        o.invocation = p.inv;
        o.time = milliseconds(static_cast<std::int64_t>(time));
        o.type = op_type::ok;
        if (p.info) {
          o.type = op_type::info;
        } else if (o.f == "read") {
          o.value = json::array{p.key, p.result};
        } else if (o.f == "cas" && !p.result.as_bool()) {
          o.type = op_type::fail;
        }
        emit(o);
        if (p.info) {
          process[t] += threads;
          ++group_procs[g];
        }
        q.emplace(time + uni(0, 10), 0, t);
      }
    }
    return h;
  }
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(checker_speed_test)

BOOST_AUTO_TEST_CASE(sixty_seconds_five_nodes_twenty_threads_rate_1000) {
  auto h = synthetic{}.run(42);
  std::int64_t invokes = 0, infos = 0, reads = 0;
  for (auto const& o : h) {
    invokes += o.type == op_type::invoke;
    infos += o.type == op_type::info;
  }
  auto t0 = std::chrono::steady_clock::now();
  auto const r = linearizable::check(h);
  auto const valid_s = seconds_since(t0);
  std::int64_t states = 0;
  for (auto const& [k, res] : r.at("results").as_object()) states += res.at("linearizable").at("states").as_int64();
  std::cout << "lin-kv checker: " << invokes << " ops (" << infos << " info), "
            << r.at("results").as_object().size() << " keys, valid history checked in " << valid_s << " s, "
            << states << " states\n";
  BOOST_TEST(r.at("valid?") == true);
  BOOST_TEST(invokes > 50000);
  BOOST_TEST(infos > 100);

  // One read in the middle returns a value nobody wrote: the search must rule out every order.
  for (auto& o : h) {
    if (o.type == op_type::ok && o.f == "read" && o.index > static_cast<std::int64_t>(h.size() / 2)) {
      o.value.as_array()[1] = 99;
      ++reads;
      break;
    }
  }
  t0 = std::chrono::steady_clock::now();
  auto const bad = linearizable::check(h);
  std::cout << "lin-kv checker: the history with one corrupted read checked in " << seconds_since(t0)
            << " s: " << bad.at("failures") << "\n";
  std::cout << "  " << bad.at("results").at(boost::json::serialize(bad.at("failures").at(0))).at("linearizable").at("reason").as_string() << "\n";
  BOOST_TEST(reads == 1);
  BOOST_TEST(bad.at("valid?") == false);
  BOOST_TEST(bad.at("failures").as_array().size() == 1u);
}

// Five times as many timeouts (half of them taking effect): keys change far more often.
BOOST_AUTO_TEST_CASE(many_info_ops) {
  synthetic shape;
  shape.info_p = 0.05;
  auto const h = shape.run(7);
  std::int64_t infos = 0;
  for (auto const& o : h) infos += o.type == op_type::info;
  auto const t0 = std::chrono::steady_clock::now();
  auto const r = linearizable::check(h);
  std::cout << "lin-kv checker: " << h.size() << " history entries with " << infos << " info ops, "
            << r.at("results").as_object().size() << " keys, checked in " << seconds_since(t0) << " s\n";
  BOOST_TEST(r.at("valid?") == true);
  // the last read of every key returns 99: each search must rule out every subset of its info ops
  auto bad_h = h;
  std::map<std::string, op*> last;
  for (auto& o : bad_h) {
    if (o.type == op_type::ok && o.f == "read") last[boost::json::serialize(o.value.as_array()[0])] = &o;
  }
  for (auto& [k, o] : last) o->value.as_array()[1] = 99;
  auto const& corrupted = last;
  auto const t1 = std::chrono::steady_clock::now();
  auto const bad = linearizable::check(bad_h);
  std::int64_t states = 0;
  for (auto const& [k, res] : bad.at("results").as_object()) states += res.at("linearizable").at("states").as_int64();
  std::cout << "lin-kv checker: the same with a read of 99 on each of " << corrupted.size() << " keys: "
            << bad.at("failures").as_array().size() << " failures in " << seconds_since(t1) << " s, " << states
            << " states\n";
  BOOST_TEST(bad.at("valid?") == false);
}

// Slow ops (up to 100 ms): every thread of a group overlaps every other; five times as long.
BOOST_AUTO_TEST_CASE(slow_overlapping_ops) {
  synthetic shape;
  shape.latency_ms = 50;
  shape.seconds = 300;
  auto h = shape.run(11);
  auto t0 = std::chrono::steady_clock::now();
  auto const r = linearizable::check(h);
  std::cout << "lin-kv checker: " << h.size() << " history entries, ops up to 100 ms, checked in " << seconds_since(t0)
            << " s\n";
  BOOST_TEST(r.at("valid?") == true);
  for (auto& o : h) {
    if (o.type == op_type::ok && o.f == "read" && o.index > static_cast<std::int64_t>(h.size() / 2)) {
      o.value.as_array()[1] = 99;
      break;
    }
  }
  t0 = std::chrono::steady_clock::now();
  auto const bad = linearizable::check(h);
  std::cout << "lin-kv checker: the same with one read of 99 in " << seconds_since(t0) << " s\n";
  BOOST_TEST(bad.at("valid?") == false);
}

// A read that returns the value before the latest write (when no order explains it): found and
// timed on several seeds; the verdict of each corrupted history is printed.
BOOST_AUTO_TEST_CASE(stale_reads_are_found_fast) {
  for (std::uint64_t seed : {1, 2, 3}) {
    auto h = synthetic{}.run(seed);
    // the middle ok read that saw a non-nil value: make it return the previous value read on its key
    std::map<std::string, json::value> last_read;
    json::value* target = nullptr;
    for (auto& o : h) {
      if (o.type != op_type::ok || o.f != "read") continue;
      auto& v = o.value.as_array();
      auto const key = boost::json::serialize(v[0]);
      auto it = last_read.find(key);
      if (o.index > static_cast<std::int64_t>(h.size() / 2) && it != last_read.end() && !it->second.is_null() &&
          it->second != v[1] && !v[1].is_null()) {
        target = &v[1];
        *target = it->second;
        break;
      }
      last_read[key] = v[1];
    }
    BOOST_TEST_REQUIRE(target != nullptr);
    auto const t0 = std::chrono::steady_clock::now();
    auto const r = linearizable::check(h);
    std::cout << "lin-kv checker: seed " << seed << ", one stale read: " << r.at("valid?") << " in " << seconds_since(t0)
              << " s, failures " << r.at("failures") << "\n";
    BOOST_TEST(r.at("valid?") != "unknown");
  }
}

BOOST_AUTO_TEST_SUITE_END()
