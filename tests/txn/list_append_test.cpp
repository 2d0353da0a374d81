// The list-append checker on hand-made histories: each anomaly it exists for is caught, and
// correct histories pass under each model.
#include "harness/workloads/txn/list_append.hpp"

#include "harness/workloads/txn/generator.hpp"
#include "tests/txn/txn_history.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>

using namespace glomers::harness;
using namespace glomers::harness::test;  // txn_builder, expect_anomaly, has_type, show
namespace json = glomers::json;

namespace {

json::object check(history const& h, std::string models) { return txn::check_list_append(h, {models}); }

void background(txn_builder& b) {
  b.ok(9, R"([["append","bg",1]])");
  b.ok(9, R"([["r","bg",[1]]])");
}

// Checks that the history is invalid under `model` with `type` among the anomalies.
void expect(history const& h, std::string const& model, std::string_view type) {
  BOOST_TEST_CONTEXT(model) { expect_anomaly(check(h, model), type); }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(list_append_test)

BOOST_AUTO_TEST_CASE(aborted_read_is_g1a) {
  txn_builder b;
  background(b);
  b.run(1, op_type::fail, R"([["append","x",1]])");
  b.ok(2, R"([["r","x",[1]]])");
  expect(b.h, "read-committed", "G1a");
  BOOST_TEST(check(b.h, "read-uncommitted").at("valid?") == true);
}

BOOST_AUTO_TEST_CASE(intermediate_read_is_g1b) {
  txn_builder b;
  background(b);
  b.ok(1, R"([["append","x",1],["append","x",2]])");
  b.ok(2, R"([["r","x",[1]]])");
  expect(b.h, "read-committed", "G1b");
}

BOOST_AUTO_TEST_CASE(reads_out_of_one_order_are_incompatible) {
  txn_builder b;
  b.ok(1, R"([["append","x",1]])");
  b.ok(2, R"([["append","x",2]])");
  b.ok(3, R"([["r","x",[1,2]]])");
  b.ok(4, R"([["r","x",[2,1]]])");
  expect(b.h, "read-committed", "incompatible-order");
}

BOOST_AUTO_TEST_CASE(an_element_twice_is_duplicate_elements) {
  txn_builder b;
  background(b);
  b.ok(1, R"([["append","x",1]])");
  b.ok(2, R"([["r","x",[1,1]]])");
  expect(b.h, "read-uncommitted", "duplicate-elements");
}

BOOST_AUTO_TEST_CASE(internal_and_future_reads) {
  txn_builder b;
  background(b);
  b.ok(1, R"([["append","x",1],["r","x",[2]]])");
  b.ok(2, R"([["append","x",2]])");
  expect(b.h, "serializable", "internal");
  BOOST_TEST(check(b.h, "read-committed").at("valid?") == true);
  txn_builder f;
  background(f);
  f.ok(1, R"([["r","y",[5]],["append","y",5]])");
  expect(f.h, "read-committed", "future-read");
}

BOOST_AUTO_TEST_CASE(committed_append_after_an_aborted_one_is_dirty_update) {
  txn_builder b;
  b.run(1, op_type::fail, R"([["append","x",1]])");
  b.ok(2, R"([["append","x",2]])");
  b.ok(3, R"([["r","x",[1,2]]])");
  expect(b.h, "read-committed", "dirty-update");
}

BOOST_AUTO_TEST_CASE(lost_update) {
  txn_builder b;
  b.ok(1, R"([["r","x",null],["append","x",1]])");
  b.ok(2, R"([["r","x",null],["append","x",2]])");
  b.ok(3, R"([["r","x",[1,2]]])");
  expect(b.h, "serializable", "lost-update");
}

BOOST_AUTO_TEST_CASE(cycles_g0_g1c_g_single_g2) {
  txn_builder g0;
  g0.ok(1, R"([["append","x",1],["append","y",1]])");
  g0.ok(2, R"([["append","x",2],["append","y",2]])");
  g0.ok(3, R"([["r","x",[1,2]],["r","y",[2,1]]])");
  expect(g0.h, "read-uncommitted", "G0");

  txn_builder g1c;
  g1c.ok(1, R"([["append","x",1],["r","y",[1]]])");
  g1c.ok(2, R"([["r","x",[1]],["append","y",1]])");
  expect(g1c.h, "read-committed", "G1c");
  BOOST_TEST(check(g1c.h, "read-uncommitted").at("valid?") == true);

  txn_builder skew;
  auto const t1 = skew.begin(1, R"([["r","x",null],["r","y",null]])");
  skew.ok(2, R"([["append","x",1],["append","y",1]])");
  skew.end(t1, op_type::ok, R"([["r","x",null],["r","y",[1]]])");
  expect(skew.h, "serializable", "G-single-item");
  BOOST_TEST(check(skew.h, "read-committed").at("valid?") == true);

  txn_builder ws;
  auto const a = ws.begin(1, R"([["r","x",null],["append","y",1]])");
  auto const c = ws.begin(2, R"([["r","y",null],["append","x",1]])");
  ws.end(a, op_type::ok, R"([["r","x",null],["append","y",1]])");
  ws.end(c, op_type::ok, R"([["r","y",null],["append","x",1]])");
  expect(ws.h, "serializable", "G2-item");
  BOOST_TEST(check(ws.h, "snapshot-isolation").at("valid?") == true);
}

BOOST_AUTO_TEST_CASE(stale_read_is_a_realtime_anomaly) {
  txn_builder b;
  b.ok(1, R"([["append","x",1]])");
  b.ok(2, R"([["r","x",null]])");
  expect(b.h, "strict-serializable", "G-single-item-realtime");
  BOOST_TEST(check(b.h, "serializable").at("valid?") == true);
}

BOOST_AUTO_TEST_CASE(what_elle_cannot_analyse_is_unknown) {
  txn_builder empty;
  empty.ok(1, R"([["append","x",1]])");
  auto const r = check(empty.h, "read-committed");
  BOOST_TEST_INFO(show(r));
  BOOST_TEST(r.at("valid?") == "unknown");  // an empty graph: Elle's own verdict
  BOOST_TEST(has_type(r, "empty-transaction-graph"));
  txn_builder twice;
  twice.ok(1, R"([["append","x",1]])");
  twice.ok(2, R"([["append","x",1]])");
  BOOST_TEST(check(twice.h, "serializable").at("valid?") == "unknown");
  txn_builder writes;
  writes.ok(1, R"([["w","x",1]])");
  BOOST_TEST(check(writes.h, "serializable").at("valid?") == "unknown");
}

BOOST_AUTO_TEST_CASE(serial_histories_are_valid_under_every_model) {
  world w(11);
  txn::wr_txns gen({.key_count = 3, .max_length = 4, .max_writes_per_key = 8, .append = true});
  txn_builder b;
  std::map<std::int64_t, json::array> db;
  for (int i = 0; i < 400; ++i) {
    auto t = gen.next(w);
    for (auto& m : t) {
      auto& a = m.as_array();
      auto const k = a[1].as_int64();
      if (a[0] == "r") a[2] = db.count(k) ? json::value(db[k]) : json::value(nullptr);
      else db[k].push_back(a[2]);
    }
    auto const inv = b.begin(i % 5, boost::json::serialize(t));
    b.end(inv, i % 37 == 5 ? op_type::info : op_type::ok, boost::json::serialize(t));
  }
  for (auto const* m : {"read-uncommitted", "read-committed", "serializable", "strict-serializable"}) {
    auto const r = check(b.h, m);
    BOOST_TEST_INFO(m << ": " << show(r).substr(0, 2000));
    BOOST_TEST(r.at("valid?") == true);
  }
}

BOOST_AUTO_TEST_SUITE_END()
