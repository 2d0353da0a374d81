// The kafka workload in the simulator: the correct log service passes a seed sweep with
// partitions and latency; each broken one is rejected, for what it breaks, on a fresh seed.
#include "harness/sim_host.hpp"
#include "tests/support/nodes/kafka/kafka_log_node.hpp"

#include <boost/test/unit_test.hpp>

#include "tests/support/seed.hpp"

using namespace glomers;
using testing::kafka_flaw;

namespace {

template <kafka_flaw F>
struct with {
  template <class Runtime>
  using node = testing::kafka_log_node<Runtime, F>;
};

harness::cli_options options(bool partition) {
  auto o = harness::sim_options("kafka", 3, 10, 100, 10, partition);
  o.concurrency = "2n";
  o.nemesis_interval_s = 2;
  return o;
}

std::string bad_types(json::object const& r) {
  return boost::json::serialize(r.at("workload").as_object().at("bad-error-types"));
}

template <kafka_flaw F>
void rejected_for(std::string const& types) {
  auto const seed = testing::base_seed();
  BOOST_TEST_CONTEXT("GLOMERS_SEED=" << seed) {
    auto const out = harness::simulate<with<F>::template node>(options(false), seed);
    BOOST_REQUIRE(!out.broke);
    BOOST_TEST(out.results.at("valid?") == false);
    BOOST_TEST(bad_types(out.results) == types);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kafka_sim_test)

BOOST_AUTO_TEST_CASE(kafka_log_passes_partitions_and_crashes) {
  auto const base = testing::base_seed();
  for (int i = 0; i < testing::sweep_seeds(4); ++i) {
    BOOST_TEST_CONTEXT("GLOMERS_SEED=" << base + i) {
      auto const out = harness::simulate<with<kafka_flaw::none>::template node>(options(true), base + i);
      BOOST_REQUIRE(!out.broke);
      auto const& w = out.results.at("workload").as_object();
      BOOST_TEST_INFO(boost::json::serialize(w).substr(0, 3000));
      BOOST_TEST(w.at("valid?") == true);
      BOOST_TEST(out.ops.size() > 1000u);
    }
  }
}

BOOST_AUTO_TEST_CASE(one_seed_one_run) {
  auto const seed = testing::base_seed();
  auto const text = [](harness::sim_outcome const& out) {
    std::string t;
    for (auto const& o : out.ops) t += boost::json::serialize(harness::to_json(o)) + "\n";
    return t;
  };
  BOOST_TEST_CONTEXT("GLOMERS_SEED=" << seed) {
    auto const a = text(harness::simulate<with<kafka_flaw::none>::template node>(options(true), seed));
    BOOST_TEST((a == text(harness::simulate<with<kafka_flaw::none>::template node>(options(true), seed))));
    BOOST_TEST((a != text(harness::simulate<with<kafka_flaw::none>::template node>(options(true), seed + 1))));
  }
}

BOOST_AUTO_TEST_CASE(each_broken_log_is_rejected_for_its_flaw) {
  rejected_for<kafka_flaw::reuse_offset>(R"(["inconsistent-offsets"])");
  rejected_for<kafka_flaw::lose_last_message>(R"(["unseen"])");
  rejected_for<kafka_flaw::skip_within_poll>(R"(["int-poll-skip"])");
  rejected_for<kafka_flaw::fail_but_store>(R"(["G1a"])");
  rejected_for<kafka_flaw::ignore_poll_offset>(R"(["nonmonotonic-poll"])");
  rejected_for<kafka_flaw::clairvoyant>(R"(["G1c-realtime"])");
}

BOOST_AUTO_TEST_CASE(duplicates_and_lost_writes_show_in_their_own_types) {
  auto const seed = testing::base_seed();
  BOOST_TEST_CONTEXT("GLOMERS_SEED=" << seed) {
    auto dup = harness::simulate<with<kafka_flaw::store_twice>::template node>(options(false), seed);
    BOOST_TEST(bad_types(dup.results).find("\"duplicate\"") != std::string::npos);
    auto lost = harness::simulate<with<kafka_flaw::lose_every_tenth>::template node>(options(false), seed);
    BOOST_TEST(bad_types(lost.results).find("\"lost-write\"") != std::string::npos);
    BOOST_TEST(bad_types(lost.results).find("\"unseen\"") != std::string::npos);
  }
}

BOOST_AUTO_TEST_SUITE_END()
