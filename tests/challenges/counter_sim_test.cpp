// Seed sweeps: both counting strategies on Fly.io line 4, g-counter and pn-counter, healthy and
// partitioned, in the simulation host. Replay a failure with GLOMERS_SEED=<seed>.
#include "challenges/counter/server.hpp"
#include "harness/sim_host.hpp"
#include "policies/counter/crdt.hpp"
#include "policies/counter/kv_cas.hpp"

#include <boost/mpl/list.hpp>
#include <boost/test/unit_test.hpp>

#include "tests/support/seed.hpp"

using namespace glomers;

namespace {

using strategies = boost::mpl::list<counter::crdt<500, 1000>, counter::kv_cas<500, 500>>;

}  // namespace

BOOST_AUTO_TEST_SUITE(counter_sim_test)

BOOST_AUTO_TEST_CASE_TEMPLATE(every_final_read_is_exact, Counter, strategies) {
  auto const base = testing::base_seed();
  for (std::string workload : {"g-counter", "pn-counter"}) {
    for (bool partition : {false, true}) {
      for (std::uint64_t k = 0; k < static_cast<std::uint64_t>(testing::sweep_seeds(3)); ++k) {
        if (!testing::in_this_shard(static_cast<int>(k))) continue;
        BOOST_TEST_CONTEXT(workload << (partition ? " with partitions" : " healthy") << ", GLOMERS_SEED=" << base + k) {
          auto out = harness::simulate<counter_with<Counter>::template server>(
              harness::sim_options(workload, 3, 20, 100, 0, partition), base + k);
          BOOST_TEST_REQUIRE(!out.broke.has_value());
          BOOST_TEST(out.results.at("valid?") == true);
          auto const& acceptable = out.results.at("workload").at("acceptable").as_array();
          BOOST_TEST(acceptable.size() == 1u);  // every add ok: one exact value
          BOOST_TEST(harness::servers_msgs_per_op(out.results) <= 1.0);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
