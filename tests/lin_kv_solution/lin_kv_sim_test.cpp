// Seed sweeps of lin-kv on Raft in the simulation host: the sound designs stay linearizable with
// partitions, the deliberately broken mini-etcd read path is caught. Replay a failure with
// GLOMERS_SEED=<seed>; GLOMERS_SWEEP=<n> widens the sweep (the manual _large target sets 20).
#include "challenges/lin_kv/designs.hpp"
#include "harness/sim_host.hpp"

#include <boost/mpl/list.hpp>
#include <boost/test/unit_test.hpp>

#include "tests/support/seed.hpp"

using namespace glomers;
namespace d = glomers::lin_kv_designs;

namespace {

harness::cli_options line(int nodes, std::string concurrency, double rate, std::int64_t seconds, bool partition,
                          double interval_s = 10) {
  auto o = harness::sim_options("lin-kv", nodes, seconds, rate, 0, partition);
  o.concurrency = std::move(concurrency);
  o.nemesis_interval_s = interval_s;
  return o;
}

double ok_fraction(json::object const& r) { return r.at("availability").at("ok-fraction").to_number<double>(); }

using sound = boost::mpl::list<d::raft_lease, d::raft_read_index, d::raft_log_reads>;

}  // namespace

BOOST_AUTO_TEST_SUITE(lin_kv_sim_test)

// mini-etcd's line: -w lin-kv --time-limit 10 --node-count 3 --concurrency 2n --rate 10
BOOST_AUTO_TEST_CASE_TEMPLATE(healthy_three_nodes_are_linearizable, D, sound) {
  auto const base = testing::base_seed();
  for (std::uint64_t k = 0; k < static_cast<std::uint64_t>(testing::sweep_seeds(2)); ++k) {
    BOOST_TEST_CONTEXT("GLOMERS_SEED=" << base + k) {
      auto out = harness::simulate<lin_kv_with<D>::template server>(line(3, "2n", 10, 10, false), base + k);
      BOOST_TEST_REQUIRE(!out.broke.has_value());
      BOOST_TEST(out.results.at("valid?") == true);
      BOOST_TEST(ok_fraction(out.results) >= 0.99);
    }
  }
}

// The tutorial's partition line, on 5 nodes: linearizable, and mostly available.
BOOST_AUTO_TEST_CASE_TEMPLATE(partitioned_five_nodes_stay_linearizable, D, sound) {
  auto const base = testing::base_seed();
  for (std::uint64_t k = 0; k < static_cast<std::uint64_t>(testing::sweep_seeds(3)); ++k) {
    BOOST_TEST_CONTEXT("GLOMERS_SEED=" << base + k) {
      auto out = harness::simulate<lin_kv_with<D>::template server>(line(5, "4n", 30, 60, true, 10), base + k);
      BOOST_TEST_REQUIRE(!out.broke.has_value());
      BOOST_TEST(out.results.at("valid?") == true);
      BOOST_TEST(ok_fraction(out.results) >= 0.6);
    }
  }
}

// The published baseline's read path answers from a leader that may have been deposed: the
// checker must see it. Partitions every 2 s give a cut-off leader plenty of chances.
BOOST_AUTO_TEST_CASE(mini_etcd_read_path_is_caught_under_partitions) {
  auto const base = testing::base_seed();
  int caught = 0;
  int const seeds = testing::sweep_seeds(3);
  for (std::uint64_t k = 0; k < static_cast<std::uint64_t>(seeds); ++k) {
    auto out = harness::simulate<lin_kv_with<d::mini_etcd>::server>(line(5, "4n", 30, 30, true, 2), base + k);
    BOOST_TEST_REQUIRE(!out.broke.has_value());
    caught += out.results.at("valid?") == false ? 1 : 0;
  }
  BOOST_TEST(caught == seeds, "mini-etcd rejected in " << caught << " of " << seeds << " runs from GLOMERS_SEED=" << base);
}

BOOST_AUTO_TEST_SUITE_END()
