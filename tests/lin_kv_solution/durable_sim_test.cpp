// Seed sweeps in the simulation host with the faults a durable Raft must survive: the durable
// design with partitions, kills (the simulator keeps each node's store across its kills) and
// pauses; the default design on the tutorial's partition line. Replay a failure with
// GLOMERS_SEED=<seed>. CI runs a couple of short seeds; the manual _large target runs the issue's
// sweep: GLOMERS_SWEEP=100 seeds of the full 60 s lines (GLOMERS_TIME_LIMIT), sharded.
#include "challenges/lin_kv/designs.hpp"
#include "harness/sim_host.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdlib>

#include "tests/support/seed.hpp"
#include "tests/lin_kv_solution/sim_valid.hpp"

using namespace glomers;
namespace d = glomers::lin_kv_designs;

namespace {

std::int64_t time_limit(std::int64_t ci_default) {
  if (char const* s = std::getenv("GLOMERS_TIME_LIMIT")) return std::stoll(s);
  return ci_default;
}

// The tutorial's partition line on 3 nodes: --concurrency 4n --rate 30 --nemesis-interval 10.
harness::cli_options tutorial_line(std::int64_t seconds, bool kill_and_pause) {
  auto o = harness::sim_options("lin-kv", 3, seconds, 30, 0, true);
  o.concurrency = "4n";
  o.nemesis_interval_s = 10;
  o.kill = o.pause = kill_and_pause;
  return o;
}


template <class Design>
void sweep(harness::cli_options const& o, int ci_seeds, std::string_view faults_needed) {
  auto const base = testing::base_seed();
  int const seeds = testing::sweep_seeds(ci_seeds);
  int ran = 0, invalid = 0;
  std::size_t faults = 0, snapshots = 0;
  for (int k = 0; k < seeds; ++k) {
    if (!testing::in_this_shard(k)) continue;
    BOOST_TEST_CONTEXT("GLOMERS_SEED=" << base + static_cast<std::uint64_t>(k)) {
      auto out = harness::simulate<lin_kv_with<Design>::template server>(o, base + static_cast<std::uint64_t>(k));
      BOOST_TEST_REQUIRE(!out.broke.has_value(), *out.broke);
      ++ran;
      bool const ok = testing::valid_but_stats(out.results);
      BOOST_TEST(ok);
      invalid += ok ? 0 : 1;
      for (auto const& f : out.faults) faults += f.spec.starts_with(faults_needed) ? 1 : 0;
      for (auto const& e : out.journal) snapshots += e.kind == harness::journal_entry::send && e.type == "raft_snapshot";
    }
  }
  BOOST_TEST_MESSAGE(ran << " seeds from GLOMERS_SEED=" << base << ": " << invalid << " invalid, " << faults << " "
                         << (faults_needed.empty() ? "" : faults_needed) << " faults, " << snapshots
                         << " InstallSnapshot messages");
  if (ran > 0) BOOST_TEST(faults > 0u, "no " << faults_needed << " fault happened: the sweep tested nothing of it");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(durable_sim_test)

BOOST_AUTO_TEST_CASE(durable_design_survives_kills_pauses_and_partitions) {
  auto o = tutorial_line(time_limit(20), true);
  if (!std::getenv("GLOMERS_TIME_LIMIT")) o.nemesis_interval_s = 2;  // short CI runs: faults often
  sweep<d::raft_durable>(o, 2, "kill");
}

BOOST_AUTO_TEST_CASE(default_design_on_the_tutorial_partition_line) {
  sweep<d::raft_lease_hold>(tutorial_line(time_limit(20), false), 1, "");  // any partition
}

BOOST_AUTO_TEST_SUITE_END()
