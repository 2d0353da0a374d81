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

BOOST_AUTO_TEST_CASE(challenge_5a) { sweep<kafka_designs::residue_sync>("5a", 1, 1, false, {0.99, 0}); }
BOOST_AUTO_TEST_CASE(challenge_5b) { sweep<kafka_designs::owner_sha256>("5b", 2, 1, true); }
BOOST_AUTO_TEST_CASE(challenge_5c) { sweep<kafka_designs::residue_sync>("5c", 2, 2, true, {0.99, 0.2}); }
BOOST_AUTO_TEST_CASE(other_designs) {
  sweep<kafka_designs::original_lin_kv>("original_lin_kv", 2, 1, false);
  sweep<kafka_designs::owner_replicated>("owner_replicated", 2, 1, true);
  sweep<kafka_designs::residue_eager>("residue_eager on 3 nodes", 3, 1, true, {0.99, 1});
}

BOOST_AUTO_TEST_CASE(same_seed_same_run) {
  auto const seed = testing::base_seed();
  BOOST_TEST_CONTEXT("GLOMERS_SEED=" << seed) {
    auto const a = harness::simulate<kafka_with<kafka_designs::residue_sync>::server>(line(2, true), seed);
    auto const b = harness::simulate<kafka_with<kafka_designs::residue_sync>::server>(line(2, true), seed);
    BOOST_TEST(a.results == b.results);
    BOOST_TEST(a.ops.size() == b.ops.size());
  }
}

namespace {
// Broken on purpose: the residue design answering polls from everything it holds, settled or
// not. A node then returns its own new offsets before a peer's lower ones arrive.
struct unsettled_residue {
  struct log_design {
    template <runtime_policy Runtime>
    class model : public glomers::log_design::residue<>::model<Runtime> {
     public:
      using glomers::log_design::residue<>::model<Runtime>::model;
      template <class F>
      void poll(offset_map const& offsets, F done) {
        polled_logs out;
        for (auto const& [key, from] : offsets) {
          auto run = this->state().storage().read(key, from, std::numeric_limits<std::int64_t>::max());
          if (!run.empty()) out.emplace(key, std::move(run));
        }
        done(result<polled_logs>(std::move(out)));
      }
    };
  };
};
}  // namespace

// The settling rule is what keeps residue valid: without it the checker finds polls that skip.
BOOST_AUTO_TEST_CASE(polls_past_the_settled_prefix_are_rejected) {
  auto const seed = testing::base_seed();
  BOOST_TEST_CONTEXT("GLOMERS_SEED=" << seed) {
    auto out = harness::simulate<kafka_with<unsettled_residue>::server>(line(2, false), seed);
    BOOST_TEST_REQUIRE(!out.broke.has_value());
    BOOST_TEST(out.results.at("valid?") == false);
    BOOST_TEST_MESSAGE("unsettled residue: " << out.results.at("workload").at("error-types"));
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(kafka_scenarios)

namespace {

// The 5c line with n0 and n1 cut apart from 2 s to 14 s (a cut every seed makes, unlike the
// nemesis, whose shapes "minority-third" and "majorities-ring" cut nothing between two nodes).
template <class Design>
std::pair<json::object, harness::history> cut_run(std::uint64_t seed) {
  auto const o = line(2, false);
  harness::test_bed bed(o, seed);
  harness::sim_cluster<kafka_with<Design>::template server> nodes(bed, o.nodes, nullptr);
  bed.w.at(std::chrono::seconds(2), [&] {
    bed.net.drop("n0", "n1");
    bed.net.drop("n1", "n0");
  });
  bed.w.at(std::chrono::seconds(14), [&] { bed.net.heal(); });
  BOOST_TEST_REQUIRE(!harness::run_virtual(bed).has_value());
  return {harness::analyze(bed.run.ops(), *bed.wl, bed.net.journal(), {}), bed.run.ops()};
}

std::int64_t count(harness::history const& h, std::string const& f, harness::op_type t) {
  return std::count_if(h.begin(), h.end(), [&](harness::op const& o) { return o.f == f && o.type == t; });
}

}  // namespace

// "kafka 5c: n0 and n1 cut apart for 12 s, healed": every send is still answered at once, the
// cut only delays what polls return, and the final polls see everything.
BOOST_AUTO_TEST_CASE(residue_stays_available_through_a_cut) {
  auto const seed = testing::base_seed();
  BOOST_TEST_CONTEXT("GLOMERS_SEED=" << seed) {
    auto [results, h] = cut_run<kafka_designs::residue_sync>(seed);
    BOOST_TEST(results.at("valid?") == true);
    BOOST_TEST(ok_fraction(results) >= 0.99);
    BOOST_TEST(count(h, "send", harness::op_type::fail) == 0);
    BOOST_TEST(count(h, "send", harness::op_type::info) == 0);
  }
}

// "kafka 5b: the same cut": sends to the other node's keys fail, definitely and quickly (never
// a hang: no op takes a second), and the log stays valid.
BOOST_AUTO_TEST_CASE(owner_forwarding_fails_fast_through_a_cut) {
  auto const seed = testing::base_seed();
  BOOST_TEST_CONTEXT("GLOMERS_SEED=" << seed) {
    auto [results, h] = cut_run<kafka_designs::owner_sha256>(seed);
    BOOST_TEST(results.at("valid?") == true);
    BOOST_TEST(count(h, "send", harness::op_type::fail) > 100);
    for (auto const& o : h) {
      if (o.type == harness::op_type::invoke || o.invocation < 0) continue;
      BOOST_TEST_REQUIRE((o.time - h[o.invocation].time < std::chrono::seconds(1)));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
