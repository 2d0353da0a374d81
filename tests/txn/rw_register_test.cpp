// The rw-register checker on hand-made histories: each anomaly it exists for is caught, and
// correct histories pass under each model.
#include "harness/workloads/txn/rw_register.hpp"

#include "harness/workloads/txn/generator.hpp"
#include "tests/txn/txn_history.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <iostream>

using namespace glomers::harness;
using namespace glomers::harness::test;  // txn_builder, expect_anomaly, has_type, show
namespace json = glomers::json;

namespace {

json::object check(history const& h, std::string models, bool final_reads = false) {
  return txn::check_rw_register(h, {models, final_reads});
}

// Background txns that give the graph an edge, so no history is empty.
void background(txn_builder& b) {
  b.ok(9, R"([["w","bg",1]])");
  b.ok(9, R"([["r","bg",1]])");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rw_register_test)

BOOST_AUTO_TEST_CASE(aborted_read_is_g1a) {
  txn_builder b;
  background(b);
  b.run(1, op_type::fail, R"([["w","x",1]])");
  b.ok(2, R"([["r","x",1]])");
  auto const rc = check(b.h, "read-committed");
  expect_anomaly(rc, "G1a");
  BOOST_TEST(rc.at("anomalies").at("G1a").at(0).at("writer").at("type") == "fail");
  BOOST_TEST(rc.at("not") == json::array{"read-committed"});
  // Read uncommitted allows it.
  BOOST_TEST(check(b.h, "read-uncommitted").at("valid?") == true);
}

BOOST_AUTO_TEST_CASE(intermediate_read_is_g1b) {
  txn_builder b;
  background(b);
  b.ok(1, R"([["w","x",1],["w","x",2]])");
  b.ok(2, R"([["r","x",1]])");
  auto const rc = check(b.h, "read-committed");
  expect_anomaly(rc, "G1b");
  BOOST_TEST(check(b.h, "read-uncommitted").at("valid?") == true);
}

BOOST_AUTO_TEST_CASE(own_intermediate_read_is_not_g1b) {
  txn_builder b;
  background(b);
  b.ok(1, R"([["w","x",1],["r","x",1],["w","x",2]])");
  BOOST_TEST(check(b.h, "serializable").at("valid?") == true);
}

BOOST_AUTO_TEST_CASE(internal_inconsistency_is_prohibited_by_serializable_only) {
  txn_builder b;
  background(b);
  b.ok(1, R"([["w","x",1],["r","x",2]])");
  auto const s = check(b.h, "serializable");
  expect_anomaly(s, "internal");
  BOOST_TEST(s.at("anomalies").at("internal").at(0).at("expected") == 1);
  BOOST_TEST(check(b.h, "read-committed").at("valid?") == true);
}

BOOST_AUTO_TEST_CASE(lost_update_and_its_g2_item_cycle) {
  txn_builder b;
  b.ok(0, R"([["w","x",1]])");
  b.ok(1, R"([["r","x",1],["w","x",2]])");
  b.ok(2, R"([["r","x",1],["w","x",3]])");
  auto const s = check(b.h, "serializable");
  expect_anomaly(s, "lost-update");
  BOOST_TEST(has_type(s, "G2-item"));
  BOOST_TEST(s.at("anomalies").at("lost-update").at(0).at("txns").as_array().size() == 2u);
  auto const& cycle = s.at("anomalies").at("G2-item").at(0);
  BOOST_TEST(cycle.at("steps").at(0).at("type") == "rw");
  BOOST_TEST(cycle.at("steps").at(0).at("key") == "x");
  BOOST_TEST(check(b.h, "read-committed").at("valid?") == true);
}

BOOST_AUTO_TEST_CASE(write_cycle_through_writes_follow_reads_is_g0) {
  txn_builder b;
  b.ok(1, R"([["r","y",2],["w","y",1],["w","x",1]])");
  b.ok(2, R"([["r","x",1],["w","x",2],["w","y",2]])");
  auto const ru = check(b.h, "read-uncommitted");
  expect_anomaly(ru, "G0");
  auto const& c = ru.at("anomalies").at("G0").at(0);
  BOOST_TEST(c.at("cycle").as_array().size() == 3u);  // T1, T2, T1
  BOOST_TEST(c.at("steps").at(0).at("type") == "ww");
  BOOST_TEST(ru.at("not") == json::array{"read-uncommitted"});
}

BOOST_AUTO_TEST_CASE(circular_information_flow_is_g1c) {
  txn_builder b;
  b.ok(1, R"([["w","x",1],["r","y",1]])");
  b.ok(2, R"([["r","x",1],["w","y",1]])");
  auto const rc = check(b.h, "read-committed");
  expect_anomaly(rc, "G1c");
  BOOST_TEST(check(b.h, "read-uncommitted").at("valid?") == true);
}

BOOST_AUTO_TEST_CASE(read_skew_is_g_single_item) {
  txn_builder b;
  auto const t1 = b.begin(1, R"([["r","x",null],["r","y",null]])");
  b.ok(2, R"([["w","x",1],["w","y",1]])");
  b.end(t1, op_type::ok, R"([["r","x",null],["r","y",1]])");
  auto const s = check(b.h, "serializable");
  expect_anomaly(s, "G-single-item");
  BOOST_TEST(check(b.h, "read-committed").at("valid?") == true);
}

BOOST_AUTO_TEST_CASE(write_skew_is_g2_item) {
  txn_builder b;
  auto const t1 = b.begin(1, R"([["r","x",null],["w","y",1]])");
  auto const t2 = b.begin(2, R"([["r","y",null],["w","x",1]])");
  b.end(t1, op_type::ok, R"([["r","x",null],["w","y",1]])");
  b.end(t2, op_type::ok, R"([["r","y",null],["w","x",1]])");
  auto const s = check(b.h, "serializable");
  expect_anomaly(s, "G2-item");
  BOOST_TEST(check(b.h, "snapshot-isolation").at("valid?") == true);
}

BOOST_AUTO_TEST_CASE(stale_read_is_a_realtime_anomaly) {
  txn_builder b;
  b.ok(1, R"([["w","x",1]])");
  b.ok(2, R"([["r","x",null]])");
  auto const ss = check(b.h, "strict-serializable");
  expect_anomaly(ss, "G-single-item-realtime");
  BOOST_TEST(ss.at("anomalies").at("G-single-item-realtime").at(0).at("steps").at(1).at("type") == "realtime");
  BOOST_TEST(check(b.h, "serializable").at("valid?") == true);
}

BOOST_AUTO_TEST_CASE(write_order_against_realtime_is_g0_realtime) {
  txn_builder b;
  b.ok(1, R"([["r","x",2],["w","x",1]])");  // x2 before x1 by writes-follow-reads ...
  b.ok(2, R"([["w","x",2]])");              // ... but x2's txn began after x1's ended
  auto const ss = check(b.h, "strict-serializable");
  BOOST_TEST_INFO(show(ss));
  BOOST_TEST(has_type(ss, "G0-realtime"));
}

BOOST_AUTO_TEST_CASE(reading_a_later_txn_is_g1c_realtime) {
  txn_builder b;
  b.ok(1, R"([["r","y",1]])");
  b.ok(2, R"([["w","y",1]])");
  auto const ss = check(b.h, "strict-serializable");
  BOOST_TEST_INFO(show(ss));
  BOOST_TEST(has_type(ss, "G1c-realtime"));
}

// Strong session models add process order (and no realtime): a process missing its own write.
BOOST_AUTO_TEST_CASE(a_process_missing_its_own_write_is_g_single_item_process) {
  txn_builder b;
  b.ok(1, R"([["w","x",1]])");
  b.ok(1, R"([["r","x",null]])");
  auto const s = check(b.h, "strong-session-serializable");
  expect_anomaly(s, "G-single-item-process");
  BOOST_TEST(s.at("anomalies").at("G-single-item-process").at(0).at("steps").at(1).at("type") == "process");
  txn_builder other;  // another process: no session order, serializable
  other.ok(1, R"([["w","x",1]])");
  other.ok(2, R"([["r","x",null]])");
  BOOST_TEST(check(other.h, "strong-session-serializable").at("valid?") == true);
}

BOOST_AUTO_TEST_CASE(two_nonadjacent_anti_dependencies_are_g_nonadjacent) {
  txn_builder b;
  b.ok(1, R"([["r","x",null],["r","w",1]])");
  b.ok(2, R"([["w","x",1],["w","y",1]])");
  b.ok(3, R"([["r","y",1],["r","z",null]])");
  b.ok(4, R"([["w","z",1],["w","w",1]])");
  auto const si = check(b.h, "snapshot-isolation");
  expect_anomaly(si, "G-nonadjacent-item");
  BOOST_TEST(si.at("anomalies").at("G-nonadjacent-item").at(0).at("cycle").as_array().size() == 5u);
  BOOST_TEST(has_type(check(b.h, "repeatable-read"), "G-nonadjacent-item"));  // it implies G2-item
  BOOST_TEST(check(b.h, "read-committed").at("valid?") == true);
}

BOOST_AUTO_TEST_CASE(cyclic_versions) {
  txn_builder b;
  background(b);
  b.ok(1, R"([["r","x",1],["w","x",2]])");
  b.ok(2, R"([["r","x",2],["w","x",1]])");
  auto const ru = check(b.h, "read-uncommitted");
  expect_anomaly(ru, "cyclic-versions");
  BOOST_TEST(ru.at("anomalies").at("cyclic-versions").at(0).at("scc").as_array().size() == 2u);
}

BOOST_AUTO_TEST_CASE(no_dependency_at_all_is_an_empty_graph_and_invalid) {
  txn_builder b;
  b.ok(1, R"([["w","x",1]])");
  b.ok(2, R"([["w","y",1]])");
  auto const rc = check(b.h, "read-committed");
  expect_anomaly(rc, "empty-transaction-graph");
  // Under strict serializability the realtime order alone makes the graph non-empty.
  BOOST_TEST(check(b.h, "strict-serializable").at("valid?") == true);
}

BOOST_AUTO_TEST_CASE(two_writers_of_one_value_is_unknown) {
  txn_builder b;
  b.ok(1, R"([["w","x",1]])");
  b.ok(2, R"([["w","x",1]])");
  b.ok(3, R"([["r","x",1]])");
  auto const r = check(b.h, "serializable");
  BOOST_TEST(r.at("valid?") == "unknown");
}

BOOST_AUTO_TEST_CASE(models_split_only_on_spaced_commas) {
  BOOST_TEST((txn::parse_models("serializable , read-committed") == std::vector<std::string>{"serializable", "read-committed"}));
  txn_builder b;
  background(b);
  BOOST_TEST(check(b.h, "serializable,read-committed").at("valid?") == "unknown");
  BOOST_TEST(check(b.h, "serializable , read-committed").at("valid?") == true);
}

BOOST_AUTO_TEST_CASE(final_reads_reveal_a_write_cycle) {
  txn_builder b;
  auto const t1 = b.begin(1, R"([["w","x",1],["w","y",1]])");
  auto const t2 = b.begin(2, R"([["w","x",2],["w","y",2]])");
  b.end(t1, op_type::ok, R"([["w","x",1],["w","y",1]])");
  b.end(t2, op_type::ok, R"([["w","x",2],["w","y",2]])");
  b.ok(3, R"([["r","x",2]])");
  b.run(4, op_type::ok, R"([["r","x",2],["r","y",1]])", true);
  b.run(5, op_type::ok, R"([["r","x",2],["r","y",1]])", true);
  auto const plain = check(b.h, "read-uncommitted");
  BOOST_TEST_INFO(show(plain));
  BOOST_TEST(plain.at("valid?") == true);  // Maelstrom cannot see it (issue #56)
  auto const ru = check(b.h, "read-uncommitted", true);
  expect_anomaly(ru, "G0");
}

BOOST_AUTO_TEST_CASE(final_reads_that_disagree_are_divergent_replicas) {
  txn_builder b;
  background(b);
  b.ok(1, R"([["w","x",1]])");
  b.ok(2, R"([["w","x",2]])");
  b.run(4, op_type::ok, R"([["r","x",1]])", true);
  b.run(5, op_type::ok, R"([["r","x",2]])", true);
  auto const r = check(b.h, "read-uncommitted", true);
  expect_anomaly(r, "divergent-replicas");
  BOOST_TEST(check(b.h, "read-uncommitted").at("valid?") == true);
}

// A serial execution on one register map: valid under every model.
BOOST_AUTO_TEST_CASE(serial_histories_are_valid_under_every_model) {
  world w(7);
  txn::wr_txns gen({.key_count = 3, .max_length = 4, .max_writes_per_key = 8});
  txn_builder b;
  std::map<std::int64_t, std::int64_t> db;
  for (int i = 0; i < 400; ++i) {
    auto t = gen.next(w);
    for (auto& m : t) {
      auto& a = m.as_array();
      auto const k = a[1].as_int64();
      if (a[0] == "r") a[2] = db.count(k) ? json::value(db[k]) : json::value(nullptr);
      else db[k] = a[2].as_int64();
    }
    auto const inv = b.begin(i % 5, boost::json::serialize(t));
    b.end(inv, i % 37 == 5 ? op_type::info : op_type::ok, boost::json::serialize(t));
  }
  for (auto const* m : {"read-uncommitted", "read-committed", "serializable", "strict-serializable"}) {
    auto const r = check(b.h, m, true);
    BOOST_TEST_INFO(m << ": " << show(r).substr(0, 2000));
    BOOST_TEST(r.at("valid?") == true);
  }
}

BOOST_AUTO_TEST_SUITE_END()
