// The txn workloads' generator and client: Elle's wr-txns shapes and distribution, the request
// and the strict txn_ok schema, and our final reads.
#include "harness/workloads/txn/workload.hpp"

#include <boost/test/unit_test.hpp>

#include <map>

using namespace glomers::harness;
namespace json = glomers::json;

namespace {

workload_context context(world& w, bool final_reads = false) {
  workload_context c;
  c.nodes = {"n0", "n1"};
  c.concurrency = 4;
  c.w = &w;
  c.final_reads = final_reads;
  return c;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(workload_test)

BOOST_AUTO_TEST_CASE(wr_txns_follow_elle) {
  world w(3);
  txn::wr_txns gen({.key_count = 10, .max_length = 4, .max_writes_per_key = 16});
  std::map<std::int64_t, std::int64_t> lengths, last_write;
  std::int64_t reads = 0, writes = 0, hottest = 0, first_pool = 0;
  for (int i = 0; i < 20000; ++i) {
    auto const t = gen.next(w);
    ++lengths[static_cast<std::int64_t>(t.size())];
    for (auto const& m : t) {
      auto const& a = m.as_array();
      auto const k = a[1].as_int64();
      if (a[0] == "r") {
        ++reads;
        BOOST_TEST(a[2].is_null());
      } else {
        ++writes;
        auto const v = a[2].as_int64();
        BOOST_TEST(v == last_write[k] + 1);  // 1, 2, ... per key
        BOOST_TEST(v <= 16);
        last_write[k] = v;
      }
      if (i < 30 && k == 9) ++hottest;
      if (i < 30) ++first_pool;
    }
  }
  for (std::int64_t l = 1; l <= 4; ++l) BOOST_TEST(lengths[l] > 4500);  // uniform 1..4
  BOOST_TEST(lengths.size() == 4u);
  BOOST_TEST(std::abs(reads - writes) < (reads + writes) / 20);  // r/w 50/50
  // The last pool slot (key 9 at first) is drawn about half the time.
  BOOST_TEST(hottest * 3 > first_pool);
  // Retired keys are replaced by max + 1: keys grow past the initial pool.
  BOOST_TEST(last_write.rbegin()->first > 100);
}

BOOST_AUTO_TEST_CASE(client_sends_txn_and_checks_the_reply_strictly) {
  world w(1);
  txn_workload wl(txn_workload::rw_register, context(w));
  BOOST_TEST(wl.reusable_client());
  BOOST_TEST(wl.with_errors());
  BOOST_TEST(!wl.idempotent("txn"));
  BOOST_TEST(!wl.has_final_phase());
  auto const spec = wl.next({0, 0});
  BOOST_TEST(spec->f == "txn");
  op inv;
  inv.f = "txn";
  inv.value = json::array{json::array{"r", 1, nullptr}, json::array{"w", 1, 3}};
  BOOST_TEST(boost::json::serialize(wl.request(inv)) == R"({"type":"txn","txn":[["r",1,null],["w",1,3]]})");
  auto const reply = [](std::string txn, std::string extra = "") {
    return boost::json::parse(R"({"type":"txn_ok","in_reply_to":1,"txn":)" + txn + extra + "}").as_object();
  };
  BOOST_TEST(wl.ok_value(inv, reply(R"([["r",1,7],["w",1,3]])")) == boost::json::parse(R"([["r",1,7],["w",1,3]])"));
  BOOST_CHECK_THROW(wl.ok_value(inv, reply(R"([["r",1,7],["w",1,3]])", R"(,"extra":1)")), schema_error);
  BOOST_CHECK_THROW(wl.ok_value(inv, reply(R"([["r",1]])")), schema_error);
  BOOST_CHECK_THROW(wl.ok_value(inv, reply(R"([["append",1,2]])")), schema_error);
  BOOST_CHECK_THROW(wl.ok_value(inv, reply(R"({"r":1})")), schema_error);
  txn_workload la(txn_workload::list_append, context(w));
  BOOST_TEST(la.next({0, 0})->value.as_array().size() >= 1u);
  BOOST_TEST(la.ok_value(inv, reply(R"([["r",1,[1,2]],["append",1,3],["r",2,null]])")).is_array());
  BOOST_CHECK_THROW(la.ok_value(inv, reply(R"([["r",1,5]])")), schema_error);
}

BOOST_AUTO_TEST_CASE(final_reads_ask_each_node_once_for_every_key) {
  world w(1);
  txn_workload wl(txn_workload::rw_register, context(w, true));
  BOOST_TEST(wl.has_final_phase());
  for (int i = 0; i < 100; ++i) wl.next({0, 0});
  auto const first = wl.final_op({0, 0});
  BOOST_TEST_REQUIRE(first.has_value());
  auto const& reads = first->value.as_array();
  BOOST_TEST(reads.size() >= 10u);
  for (std::size_t k = 0; k < reads.size(); ++k) {
    BOOST_TEST(reads[k].as_array()[0] == "r");
    BOOST_TEST(reads[k].as_array()[1] == static_cast<std::int64_t>(k));
  }
  BOOST_TEST(!wl.final_op({0, 0}).has_value());  // once per node
  BOOST_TEST(wl.final_op({1, 1}).has_value());
  BOOST_TEST(!wl.final_op({2, 2}).has_value());  // threads 2, 3 share nodes n0, n1
  txn_workload la(txn_workload::list_append, context(w, true));
  BOOST_TEST(!la.has_final_phase());
}

BOOST_AUTO_TEST_SUITE_END()
