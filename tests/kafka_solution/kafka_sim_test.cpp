// Seed sweeps: the kafka challenges on their Fly.io lines (5a: 1 node; 5b, 5c: 2 nodes,
// concurrency 2n, 20 s, rate 1000), healthy and with --nemesis partition, in the simulation host.
// Replay a failure with GLOMERS_SEED=<seed> (printed with it).
#include "challenges/kafka/designs.hpp"
#include "harness/sim_host.hpp"

#include <boost/test/unit_test.hpp>

#include "tests/support/seed.hpp"

using namespace glomers;

namespace {

harness::cli_options line(int nodes, bool partition) {
  auto o = harness::sim_options("kafka", nodes, 20, 1000, 0, partition);
  o.concurrency = "2n";
  return o;
}

double ok_fraction(json::object const& results) {
  return results.at("availability").at("ok-fraction").to_number<double>();
}

struct goals {
  double availability_min = 0;             // ok-fraction
  double servers_per_op_max = 1e9;         // healthy runs only
};

template <class Design>
void sweep(char const* name, int nodes, int seeds, bool partitions, goals g = {}) {
  auto const base = testing::base_seed();
  for (bool partition : {false, true}) {
    if (partition && !partitions) continue;
    for (int k = 0; k < testing::sweep_seeds(seeds); ++k) {
      auto const seed = base + static_cast<std::uint64_t>(k);
      BOOST_TEST_CONTEXT(name << (partition ? " with partitions" : " healthy") << ", GLOMERS_SEED=" << seed) {
        auto out = harness::simulate<kafka_with<Design>::template server>(line(nodes, partition), seed);
        BOOST_TEST_REQUIRE(!out.broke.has_value());
        BOOST_TEST(out.results.at("valid?") == true);
        BOOST_TEST(out.results.at("workload").at("valid?") == true);
        BOOST_TEST(ok_fraction(out.results) >= g.availability_min);
        if (!partition) BOOST_TEST(harness::servers_msgs_per_op(out.results) <= g.servers_per_op_max);
      }
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kafka_sim_test)

BOOST_AUTO_TEST_CASE(challenge_5a) { sweep<kafka_designs::residue_sync>("5a", 1, 2, false, {0.99, 0}); }
BOOST_AUTO_TEST_CASE(challenge_5b) { sweep<kafka_designs::owner_sha256>("5b", 2, 2, true); }
BOOST_AUTO_TEST_CASE(challenge_5c) { sweep<kafka_designs::residue_sync>("5c", 2, 3, true, {0.99, 0.2}); }
BOOST_AUTO_TEST_CASE(other_designs) {
  sweep<kafka_designs::original_lin_kv>("original_lin_kv", 2, 1, false);
  sweep<kafka_designs::single_leader>("single_leader", 2, 1, true);
  sweep<kafka_designs::owner_replicated>("owner_replicated", 2, 1, true);
  sweep<kafka_designs::residue_eager>("residue_eager", 3, 1, true, {0.99, 1});
}

BOOST_AUTO_TEST_SUITE_END()
