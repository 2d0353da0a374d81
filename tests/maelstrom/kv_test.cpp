#include "maelstrom/kv.hpp"

#include <boost/test/unit_test.hpp>

#include "tests/support/node_fixture.hpp"

using namespace std::chrono_literals;
using glomers::error_code;
using glomers::result;
using glomers::status;
using glomers::json::object;
using glomers::json::value;
using glomers::testing::node_fixture;

BOOST_AUTO_TEST_SUITE(kv_test)

BOOST_FIXTURE_TEST_CASE(read_encodes_and_decodes, node_fixture) {
  init();
  auto kv = glomers::seq_kv(n);
  std::optional<result<value>> got;
  kv.read("counter", [&](result<value> r) { got = std::move(r); });
  auto req = only_sent();
  BOOST_TEST(req.dest == "seq-kv");
  BOOST_TEST(req.type() == "read");
  BOOST_TEST(req.body.at("key").as_string() == "counter");
  deliver("seq-kv", object{{"type", "read_ok"}, {"value", 42}, {"in_reply_to", *req.msg_id()}});
  BOOST_TEST_REQUIRE(got.has_value());
  BOOST_TEST(got->value().as_int64() == 42);
}

BOOST_FIXTURE_TEST_CASE(missing_key_is_a_typed_error, node_fixture) {
  init();
  auto kv = glomers::lin_kv(n);
  std::optional<result<value>> got;
  kv.read(3, [&](result<value> r) { got = std::move(r); });
  auto req = only_sent();
  BOOST_TEST(req.dest == "lin-kv");
  deliver("lin-kv", object{{"type", "error"}, {"code", 20}, {"text", "key does not exist"},
                           {"in_reply_to", *req.msg_id()}});
  BOOST_TEST(got->failed_with(error_code::key_does_not_exist));
}

BOOST_FIXTURE_TEST_CASE(cas_encodes_create_flag_and_maps_precondition_failure, node_fixture) {
  init();
  auto kv = glomers::seq_kv(n);
  std::vector<status> got;
  kv.cas("k", 1, 2, true, [&](status s) { got.push_back(s); });
  kv.cas("k", 1, 2, false, [&](status s) { got.push_back(s); });
  auto sent = rt.take_sent();
  BOOST_TEST_REQUIRE(sent.size() == 2u);
  BOOST_TEST(sent[0].body.at("from").as_int64() == 1);
  BOOST_TEST(sent[0].body.at("to").as_int64() == 2);
  BOOST_TEST(sent[0].body.at("create_if_not_exists").as_bool());
  BOOST_TEST(!sent[1].body.contains("create_if_not_exists"));  // never written as null/false
  deliver("seq-kv", object{{"type", "cas_ok"}, {"in_reply_to", *sent[0].msg_id()}});
  deliver("seq-kv", object{{"type", "error"}, {"code", 22}, {"in_reply_to", *sent[1].msg_id()}});
  BOOST_TEST_REQUIRE(got.size() == 2u);
  BOOST_TEST(got[0].ok());
  BOOST_TEST(got[1].failed_with(error_code::precondition_failed));
}

BOOST_FIXTURE_TEST_CASE(write_timeout_and_wrong_reply, node_fixture) {
  init();
  glomers::kv_client<glomers::runtime::manual> kv(n, "lww-kv", 200ms);
  std::vector<status> got;
  kv.write("a", 1, [&](status s) { got.push_back(s); });
  kv.write("b", 2, [&](status s) { got.push_back(s); });
  auto sent = rt.take_sent();
  BOOST_TEST(sent[0].body.at("value").as_int64() == 1);
  deliver("lww-kv", object{{"type", "read_ok"}, {"value", 1}, {"in_reply_to", *sent[0].msg_id()}});
  rt.advance(200ms);
  BOOST_TEST_REQUIRE(got.size() == 2u);
  BOOST_TEST(got[0].failed_with(error_code::malformed_request));
  BOOST_TEST(got[1].failed_with(error_code::timeout));
  BOOST_TEST(!got[1].err().definite());
  BOOST_TEST(n.pending_rpcs() == 0u);
}

BOOST_FIXTURE_TEST_CASE(tso_returns_timestamps, node_fixture) {
  init();
  glomers::tso_client<glomers::runtime::manual> tso(n);
  std::optional<result<std::int64_t>> got;
  tso.ts([&](result<std::int64_t> r) { got = r; });
  auto req = only_sent();
  BOOST_TEST(req.dest == "lin-tso");
  BOOST_TEST(req.type() == "ts");
  deliver("lin-tso", object{{"type", "ts_ok"}, {"ts", 5}, {"in_reply_to", *req.msg_id()}});
  BOOST_TEST(got->value() == 5);
}

BOOST_AUTO_TEST_SUITE_END()
