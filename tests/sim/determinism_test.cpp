// The simulator's promise: one seed decides everything. Two runs of a seed give the same history
// and the same message journal; another seed gives a different run. Seed sweeps for the
// challenges without a sweep of their own (echo, unique ids) live here too.
#include "challenges/counter/server.hpp"
#include "challenges/broadcast/designs.hpp"
#include "challenges/echo/server.hpp"
#include "challenges/unique_ids/server.hpp"
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
template <class Runtime>
using durable_broadcast = broadcast_server<Runtime, designs::hub_durable>;
template <class Runtime>
using durable_counter = counter_server<Runtime, counter::crdt<500, 100, true>>;

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

BOOST_AUTO_TEST_SUITE(faults_test)

// Kill and pause, beyond Maelstrom's partitions: a paused node holds its messages and timers, so
// broadcast with repair stays valid under pauses and partitions; a killed node restarts empty
// with a fresh init of its own, and unique ids never repeat across incarnations.
BOOST_AUTO_TEST_CASE(broadcast_survives_pause_and_ids_survive_kill) {
  auto const base = testing::base_seed();
  std::size_t restarts = 0;
  for (std::uint64_t k = 0; k < 3; ++k) {
    BOOST_TEST_CONTEXT("GLOMERS_SEED=" << base + k) {
      auto o = harness::sim_options("broadcast", 25, 20, 100, 100, true);
      o.pause = true;
      o.nemesis_interval_s = 2;
      auto b = harness::simulate<broadcast_3d>(o, base + k);
      BOOST_TEST_REQUIRE(!b.broke.has_value());
      BOOST_TEST(b.results.at("valid?") == true);
      auto ids_options = harness::sim_options("unique-ids", 3, 10, 500);
      ids_options.kill = ids_options.pause = true;
      ids_options.nemesis_interval_s = 1;
      auto ids = harness::simulate<unique_ids>(ids_options, base + k);
      BOOST_TEST(ids.results.at("workload").at("duplicated-count") == 0);
      std::size_t restarted = 0, inits = 0;
      for (auto const& o : ids.ops) {
        if (o.f == "start" && o.value.is_array() && o.value.as_array().at(0) != "started") restarted += o.value.as_array().size();
      }
      for (auto const& e : ids.journal) inits += e.kind == harness::journal_entry::send && e.type == "init";
      BOOST_TEST(inits == 3u + restarted);  // every restart got its own init
      restarts += restarted;
    }
  }
  BOOST_TEST_CONTEXT("GLOMERS_SEED=" << base) { BOOST_TEST(restarts > 0u); }
}

// The faults find real bugs: the CRDT counter acknowledges adds before persisting them, so a kill
// loses the adds of its last persist interval and some final read falls short. (broadcast_3d
// likewise acknowledges a value before it leaves the node: a kill within its batch interval
// loses it. Both are documented limits of those designs.)
BOOST_AUTO_TEST_CASE(kill_exposes_adds_acknowledged_before_they_were_durable) {
  auto const base = testing::base_seed();
  int invalid = 0;
  for (std::uint64_t k = 0; k < 3; ++k) {
    auto o = harness::sim_options("g-counter", 3, 20, 100);
    o.kill = true;
    o.nemesis_interval_s = 2;
    auto out = harness::simulate<g_counter>(o, base + k);
    invalid += out.results.at("valid?") == false;
  }
  BOOST_TEST_CONTEXT("GLOMERS_SEED=" << base) { BOOST_TEST(invalid > 0); }
}

// ... and the fixes: acknowledging only once a seq-kv write includes the add or the value. (A
// sweep like this found a harness bug: a node killed again before answering its restart's init made
// the test abort; that init is now dropped with the kill.)
BOOST_AUTO_TEST_CASE(durable_broadcast_survives_kill) {
  auto const base = testing::base_seed();
  for (std::uint64_t k = 0; k < 3; ++k) {
    BOOST_TEST_CONTEXT("GLOMERS_SEED=" << base + k) {
      auto o = harness::sim_options("broadcast", 25, 20, 100, 100, true);
      o.kill = o.pause = true;
      o.nemesis_interval_s = 2;
      auto out = harness::simulate<durable_broadcast>(o, base + k);
      BOOST_TEST_REQUIRE(!out.broke.has_value());
      BOOST_TEST(out.results.at("valid?") == true);
    }
  }
}

BOOST_AUTO_TEST_CASE(durable_counter_survives_kill) {
  auto const base = testing::base_seed();
  for (std::uint64_t k = 0; k < 3; ++k) {
    BOOST_TEST_CONTEXT("GLOMERS_SEED=" << base + k) {
      for (std::string workload : {"g-counter", "pn-counter"}) {
        auto o = harness::sim_options(workload, 3, 20, 100);
        o.kill = o.partition = true;
        o.nemesis_interval_s = 2;
        auto out = harness::simulate<durable_counter>(o, base + k);
        BOOST_TEST_REQUIRE(!out.broke.has_value());
        BOOST_TEST(out.results.at("valid?") == true);
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
