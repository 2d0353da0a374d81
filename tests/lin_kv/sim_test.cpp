// The lin-kv workload in the simulator: the test nodes in-process, virtual time, one seed per run.
// The proxy is linearizable under partitions and lost replies; local maps and a stale read cache
// are not; a seed replays the same history.
#include "harness/sim_host.hpp"
#include "tests/support/nodes/lin_kv/kv_node.hpp"

#include <boost/test/unit_test.hpp>

#include "tests/support/seed.hpp"

using namespace glomers;
using testing::kv_mode;
using testing::kv_node;

namespace {

template <class R>
using proxy = kv_node<R, kv_mode::proxy>;
template <class R>
using lossy_proxy = kv_node<R, kv_mode::lossy_proxy>;
template <class R>
using local = kv_node<R, kv_mode::local>;
template <class R>
using stale_cache = kv_node<R, kv_mode::stale_cache>;

harness::cli_options options(int nodes, std::string concurrency, std::int64_t seconds, double rate,
                             std::int64_t latency_ms = 0, bool partition = false) {
  auto o = harness::sim_options("lin-kv", nodes, seconds, rate, latency_ms, partition);
  o.concurrency = std::move(concurrency);
  return o;
}

json::object const& workload_of(harness::sim_outcome const& out) {
  BOOST_TEST_REQUIRE(!out.broke.has_value(), out.broke.value_or(""));
  return out.results.at("workload").as_object();
}

std::int64_t unknown_ops(json::object const& wl) {
  std::int64_t n = 0;
  for (auto const& [k, r] : wl.at("results").as_object()) n += r.at("linearizable").at("unknown-count").as_int64();
  return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sim_test)

BOOST_AUTO_TEST_CASE(proxy_is_linearizable_under_partitions) {
  auto const base = testing::base_seed();
  for (std::uint64_t k = 0; k < 3; ++k) {
    BOOST_TEST_CONTEXT("GLOMERS_SEED=" << base + k) {
      auto const out = harness::simulate<proxy>(options(3, "4n", 20, 200, 10, true), base + k);
      auto const& wl = workload_of(out);
      BOOST_TEST(wl.at("valid?") == true);
      BOOST_TEST(wl.at("results").as_object().size() >= 2u);  // two groups, one key each at least
      BOOST_TEST(out.results.at("valid?") == true);
    }
  }
}

BOOST_AUTO_TEST_CASE(lost_requests_and_replies_give_info_ops_and_new_keys) {
  auto const seed = testing::base_seed();
  BOOST_TEST_CONTEXT("GLOMERS_SEED=" << seed) {
    auto const out = harness::simulate<lossy_proxy>(options(3, "2n", 30, 100, 5), seed);
    auto const& wl = workload_of(out);
    BOOST_TEST(wl.at("valid?") == true);
    BOOST_TEST(unknown_ops(wl) > 20);
    // one group of 6 threads: a new key after every 15 or so info completions
    BOOST_TEST(wl.at("results").as_object().size() >= 2u);
  }
}

BOOST_AUTO_TEST_CASE(local_maps_and_a_stale_read_cache_are_caught) {
  auto const base = testing::base_seed();
  for (std::uint64_t k = 0; k < 3; ++k) {
    BOOST_TEST_CONTEXT("GLOMERS_SEED=" << base + k) {
      auto const a = harness::simulate<local>(options(3, "2n", 5, 50), base + k);
      BOOST_TEST(workload_of(a).at("valid?") == false);
      auto const b = harness::simulate<stale_cache>(options(3, "2n", 5, 50, 5), base + k);
      BOOST_TEST(workload_of(b).at("valid?") == false);
      BOOST_TEST(workload_of(b).at("failures").as_array().size() >= 1u);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_seed_replays_the_same_history) {
  auto const seed = testing::base_seed();
  auto const text = [](harness::history const& h) {
    std::string s;
    for (auto const& o : h) s += boost::json::serialize(harness::to_json(o)) + "\n";
    return s;
  };
  BOOST_TEST_CONTEXT("GLOMERS_SEED=" << seed) {
    auto const o = options(2, "2n", 5, 100, 5);
    auto const a = harness::simulate<lossy_proxy>(o, seed);
    auto const b = harness::simulate<lossy_proxy>(o, seed);
    BOOST_TEST(text(a.ops) == text(b.ops));
    BOOST_TEST(a.results == b.results);
  }
}

BOOST_AUTO_TEST_SUITE_END()
