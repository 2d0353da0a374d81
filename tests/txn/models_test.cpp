// The consistency-model tables against Elle's own expectations (consistency_model_test.clj) and
// the §6.10 table of the spec.
#include "harness/workloads/txn/models.hpp"

#include <boost/test/unit_test.hpp>

using namespace glomers::harness::txn;

namespace {
name_set friendly(name_set const& canonical) {
  name_set out;
  for (auto const& m : canonical) out.insert(friendly_model(m));
  return out;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(models_test)

BOOST_AUTO_TEST_CASE(impossible_models_match_elle) {
  BOOST_TEST((friendly(impossible_models({"G-single"})) ==
              name_set{"consistent-view", "forward-consistent-view", "strong-serializable", "serializable",
                       "snapshot-isolation", "strong-session-serializable", "strong-session-snapshot-isolation",
                       "strong-snapshot-isolation", "update-serializable"}));
  BOOST_TEST((friendly(impossible_models({"internal"})) ==
              name_set{"causal-cerone", "parallel-snapshot-isolation", "prefix", "read-atomic", "update-atomic",
                       "serializable", "snapshot-isolation", "strong-serializable", "strong-session-serializable",
                       "strong-session-snapshot-isolation", "strong-snapshot-isolation"}));
}

BOOST_AUTO_TEST_CASE(friendly_boundary_matches_elle) {
  BOOST_TEST((boundary({}).first.empty()));
  BOOST_TEST((boundary({"cyclic-versions"}).first == name_set{"read-uncommitted"}));
  BOOST_TEST((boundary({"cyclic-versions"}).second ==
              name_set{"read-committed", "snapshot-isolation", "causal-cerone", "consistent-view", "cursor-stability",
                       "forward-consistent-view", "monotonic-atomic-view", "monotonic-snapshot-read", "monotonic-view",
                       "parallel-snapshot-isolation", "prefix", "read-atomic", "repeatable-read", "update-atomic",
                       "serializable", "strong-read-committed", "strong-read-uncommitted", "strong-serializable",
                       "strong-session-read-committed", "strong-session-read-uncommitted", "strong-session-serializable",
                       "strong-session-snapshot-isolation", "strong-snapshot-isolation", "update-serializable"}));
  BOOST_TEST((boundary({"internal"}).first == name_set{"read-atomic"}));
  BOOST_TEST((boundary({"G1a"}).first == name_set{"read-committed"}));
  BOOST_TEST(boundary({"G1a"}).second.size() == 21u);
  BOOST_TEST((boundary({"G-single"}).first == name_set{"consistent-view"}));
  BOOST_TEST((boundary({"lost-update"}).first == name_set{"update-atomic", "cursor-stability"}));
  auto const rt = boundary({"G-single-realtime"});
  BOOST_TEST((rt.first == name_set{"strong-snapshot-isolation"}));
  BOOST_TEST((rt.second == name_set{"strong-serializable"}));
}

// Spec §6.10: what each Fly.io model forbids.
BOOST_AUTO_TEST_CASE(prohibited_anomalies_per_model) {
  auto const ru = prohibited_anomalies({"read-uncommitted"});
  BOOST_TEST((ru == name_set{"G0", "cyclic-versions", "duplicate-elements", "PL-1-cycle-exists"}));
  auto const rc = prohibited_anomalies({"read-committed"});
  for (auto const* a : {"G0", "G1", "G1a", "G1b", "G1c", "dirty-update", "future-read", "incompatible-order",
                        "PL-2-cycle-exists", "cyclic-versions"}) {
    BOOST_TEST_INFO(a);
    BOOST_TEST(rc.count(a) == 1u);
  }
  BOOST_TEST(rc.count("internal") == 0u);
  BOOST_TEST(rc.count("G-single-item") == 0u);
  auto const s = prohibited_anomalies({"serializable"});
  for (auto const* a : {"internal", "lost-update", "G-single-item", "G2-item", "G-nonadjacent-item", "PL-3-cycle-exists"}) {
    BOOST_TEST_INFO(a);
    BOOST_TEST(s.count(a) == 1u);
  }
  BOOST_TEST(s.count("G0-realtime") == 0u);
  BOOST_TEST(s.count("G0-process") == 0u);
  auto const ss = prohibited_anomalies({"strict-serializable"});
  for (auto const* a : {"G0-realtime", "G1c-realtime", "G-single-item-realtime", "G2-item-realtime", "G0-process",
                        "PL-SS-cycle-exists", "strong-PL-1-cycle-exists"}) {
    BOOST_TEST_INFO(a);
    BOOST_TEST(ss.count(a) == 1u);
  }
  BOOST_CHECK_THROW(prohibited_anomalies({"serializable,read-committed"}), unknown_model);
}

BOOST_AUTO_TEST_CASE(searches_run_shallowest_first) {
  BOOST_TEST(anomaly_depth("G0") < anomaly_depth("G1c"));
  BOOST_TEST(anomaly_depth("G-single-item") < anomaly_depth("G2-item"));
  BOOST_TEST(anomaly_depth("G2-item") < anomaly_depth("G0-process"));
  BOOST_TEST(anomaly_depth("G2-item-process") < anomaly_depth("G0-realtime"));
}

BOOST_AUTO_TEST_SUITE_END()
