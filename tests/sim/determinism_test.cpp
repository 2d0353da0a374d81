// The simulator's promise: one seed decides everything. Two runs of a seed give the same history
// and the same message journal; another seed gives a different run. Seed sweeps for the
// challenges without a sweep of their own (echo, unique ids) live here too.
#include "challenges/counter.hpp"
#include "challenges/designs.hpp"
#include "challenges/echo.hpp"
#include "challenges/unique_ids.hpp"
#include "harness/sim_host.hpp"
#include "policies/counter/crdt.hpp"

#include <boost/test/unit_test.hpp>

#include "tests/support/seed.hpp"

using namespace glomers;

namespace {

template <class Runtime>
using unique_ids = unique_ids_server<Runtime>;
template <class Runtime>
using broadcast_3d = broadcast_server<Runtime, designs::hub_batched>;
template <class Runtime>
using g_counter = counter_server<Runtime, counter::crdt<500, 1000>>;

// A digest of everything observable about a run: the history and the journal, in order.
std::size_t fingerprint(harness::sim_outcome const& out) {
  std::string text;
  for (auto const& o : out.ops) text += boost::json::serialize(harness::to_json(o)) + "\n";
  for (auto const& e : out.journal) {
    text += std::to_string(e.time.count()) + " " + std::to_string(e.id) + " " + e.src + " " + e.dest + " " + e.type + "\n";
  }
  return std::hash<std::string>{}(text);
}

template <template <class> class Server>
void same_seed_same_run(harness::cli_options const& o) {
  auto const seed = testing::base_seed();
  BOOST_TEST_CONTEXT(o.workload << ", GLOMERS_SEED=" << seed) {
    auto const a = fingerprint(harness::simulate<Server>(o, seed));
    auto const b = fingerprint(harness::simulate<Server>(o, seed));
    auto const c = fingerprint(harness::simulate<Server>(o, seed + 1));
    BOOST_TEST(a == b);
    BOOST_TEST(a != c);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(determinism_test)

BOOST_AUTO_TEST_CASE(every_challenge_replays_exactly) {
  same_seed_same_run<echo_server>(harness::sim_options("echo", 1, 10, 5));
  same_seed_same_run<unique_ids>(harness::sim_options("unique-ids", 3, 5, 1000, 0, true));
  same_seed_same_run<broadcast_3d>(harness::sim_options("broadcast", 25, 20, 100, 100, true));
  same_seed_same_run<g_counter>(harness::sim_options("g-counter", 3, 20, 100, 0, true));
}

BOOST_AUTO_TEST_CASE(echo_and_unique_ids_sweeps) {
  auto const base = testing::base_seed();
  for (std::uint64_t k = 0; k < 5; ++k) {
    BOOST_TEST_CONTEXT("GLOMERS_SEED=" << base + k) {
      auto echo = harness::simulate<echo_server>(harness::sim_options("echo", 1, 10, 5), base + k);
      BOOST_TEST(echo.results.at("valid?") == true);
      auto o = harness::sim_options("unique-ids", 3, 30, 1000, 0, true);
      o.availability.total = true;
      auto ids = harness::simulate<unique_ids>(o, base + k);
      BOOST_TEST(ids.results.at("valid?") == true);
      BOOST_TEST(ids.results.at("availability").at("ok-fraction") == 1.0);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
