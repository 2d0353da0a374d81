// Counters under bad input (issue 13): overflowing adds, forged or foreign state, and seq-kv
// values that are not int64s. Nothing may crash the node or corrupt its state for good.
#include "challenges/counter.hpp"
#include "policies/counter/crdt.hpp"
#include "policies/counter/kv_cas.hpp"
#include "policies/counter/pn_state.hpp"

#include <boost/mpl/list.hpp>
#include <boost/test/unit_test.hpp>

#include "tests/support/node_fixture.hpp"

using namespace std::chrono_literals;
using namespace glomers;
using glomers::json::array;
using glomers::json::object;
using glomers::testing::error_code_of;

namespace {

template <class Counter>
struct fixture : testing::node_fixture {
  counter_server<runtime::manual, Counter> server{n};
  fixture() { init("n1", {"n1", "n2", "n3"}); }

  message add(std::int64_t delta, std::int64_t msg_id = 1) {
    deliver("c1", object{{"type", "add"}, {"delta", delta}, {"msg_id", msg_id}});
    auto sent = rt.take_sent();
    auto it = std::find_if(sent.begin(), sent.end(), [](auto const& m) { return m.dest == "c1"; });
    BOOST_TEST_REQUIRE((it != sent.end()));
    return *it;
  }
  message read() {
    deliver("c1", object{{"type", "read"}, {"msg_id", 99}});
    return only_sent();
  }
  void kv_reply(message const& req, object body) {
    body["in_reply_to"] = *req.msg_id();
    deliver("seq-kv", std::move(body));
  }
};

using crdt = counter::crdt<500, 1000>;
using durable = counter::crdt<500, 100, true>;
using cas = counter::kv_cas<500, 500>;
using both = boost::mpl::list<crdt, cas>;

}  // namespace

BOOST_AUTO_TEST_SUITE(counter_input_test)

BOOST_AUTO_TEST_CASE(pn_state_refuses_what_would_overflow) {
  counter::pn_state s;
  BOOST_TEST(!s.add("n1", INT64_MIN));
  BOOST_TEST(s.add("n1", INT64_MAX));
  BOOST_TEST(!s.add("n1", 1));  // n1's P total would overflow
  BOOST_TEST(!s.add("n2", 1));  // the value would
  BOOST_TEST(s.add("n2", -5));
  BOOST_TEST(s.value() == INT64_MAX - 5);
  counter::pn_state other;
  other.add("n3", INT64_MAX);  // merged: the value leaves int64, the totals stay valid
  s.merge(other);
  BOOST_TEST(!s.exact_value().has_value());
  BOOST_TEST(s.value() == INT64_MAX);  // clamped
  auto back = counter::pn_state::from_json(s.to_json());  // what peers read still parses
  BOOST_TEST(back.share("n3").first == INT64_MAX);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(adds_that_would_overflow_get_12_and_change_nothing, Counter, both) {
  fixture<Counter> f;
  if constexpr (std::is_same_v<Counter, crdt>) f.kv_reply(f.only_sent(), object{{"type", "read_ok"}, {"value", array{0, 0}}});
  if constexpr (std::is_same_v<Counter, crdt>) BOOST_TEST(error_code_of(f.add(INT64_MIN)) == 12);  // N would be 2^63
  BOOST_TEST(f.add(INT64_MAX, 2).type() == "add_ok");
  BOOST_TEST(error_code_of(f.add(INT64_MAX, 3)) == 12);
  BOOST_TEST(f.add(-1, 4).type() == "add_ok");
  BOOST_TEST(f.read().body.at("value").as_int64() == INT64_MAX - 1);
}

BOOST_AUTO_TEST_CASE(crdt_takes_state_only_from_peers_about_peers) {
  fixture<crdt> f;
  f.kv_reply(f.only_sent(), object{{"type", "read_ok"}, {"value", array{2, 0}}});
  object forged{{"p", object{{"n1", 100}}}, {"n", object{}}};
  f.deliver("c9", object{{"type", "counter_state"}, {"state", forged}, {"msg_id", 1}});
  BOOST_TEST(error_code_of(f.only_sent()) == 10);
  f.deliver("n1", object{{"type", "counter_state"}, {"state", forged}, {"msg_id", 2}});  // itself
  BOOST_TEST(error_code_of(f.only_sent()) == 10);
  object stranger{{"p", object{{"n9", 100}}}, {"n", object{}}};
  f.deliver("n2", object{{"type", "counter_state"}, {"state", stranger}, {"msg_id", 3}});
  BOOST_TEST(error_code_of(f.only_sent()) == 12);
  f.deliver_line(R"({"src":"n2","dest":"n1","body":{"type":"counter_state","msg_id":4,"state":{"p":{"n2":18446744073709551615},"n":{}}}})");
  BOOST_TEST(error_code_of(f.only_sent()) == 12);
  BOOST_TEST(f.read().body.at("value").as_int64() == 2);
  f.deliver("n2", object{{"type", "counter_state"}, {"state", object{{"p", object{{"n2", 5}}}, {"n", object{}}}}});
  BOOST_TEST(f.read().body.at("value").as_int64() == 7);
}

BOOST_AUTO_TEST_CASE(a_malformed_stored_share_is_ignored) {
  for (auto const& stored : {json::value(array{1.5, 0}), json::value(array{-1, 0}), json::value("x"), json::value(array{1})}) {
    fixture<durable> f;
    f.kv_reply(f.only_sent(), object{{"type", "read_ok"}, {"value", stored}});
    auto rewrite = f.only_sent();  // what seq-kv holds is no share: a valid one replaces it
    BOOST_TEST(rewrite.body.at("value") == (array{0, 0}));
    f.kv_reply(rewrite, object{{"type", "write_ok"}});
    BOOST_TEST(f.read().body.at("value").as_int64() == 0);
    f.rt.advance(100ms);
    f.deliver("c1", object{{"type", "add"}, {"delta", 3}, {"msg_id", 1}});
    auto write = f.only_sent();
    BOOST_TEST(write.body.at("value") == (array{3, 0}));
    f.kv_reply(write, object{{"type", "write_ok"}});
    BOOST_TEST(f.only_sent().type() == "add_ok");
  }
}

BOOST_AUTO_TEST_CASE(a_forged_read_ok_from_a_client_completes_nothing) {
  fixture<crdt> f;
  auto recover = f.only_sent();
  f.deliver("c1", object{{"type", "read_ok"}, {"value", array{1.5, 0}}, {"in_reply_to", *recover.msg_id()}});
  BOOST_TEST(f.n.pending_rpcs() == 1u);
  f.kv_reply(recover, object{{"type", "read_ok"}, {"value", array{4, 1}}});
  BOOST_TEST(f.read().body.at("value").as_int64() == 3);
}

BOOST_AUTO_TEST_CASE(kv_cas_treats_a_non_int64_value_as_a_failed_read) {
  fixture<cas> f;
  BOOST_TEST(f.add(3).type() == "add_ok");
  f.rt.advance(500ms);
  auto sent = f.rt.take_sent();  // the cas, and the refresh's sync write
  auto cas_req = std::find_if(sent.begin(), sent.end(), [](auto const& m) { return m.type() == "cas"; });
  BOOST_TEST_REQUIRE((cas_req != sent.end()));
  f.kv_reply(*cas_req, object{{"type", "error"}, {"code", 22}});
  auto read = f.only_sent();
  for (auto const& bad : {json::value(1.5), json::value(1e300), json::value(18446744073709551615ull), json::value("7")}) {
    f.kv_reply(read, object{{"type", "read_ok"}, {"value", bad}});
    auto retry = f.only_sent();  // tries again from what it knew (0), never from a rounded value
    BOOST_TEST(retry.type() == "cas");
    BOOST_TEST(retry.body.at("from").as_int64() == 0);
    f.kv_reply(retry, object{{"type", "error"}, {"code", 22}});
    read = f.only_sent();
  }
  f.kv_reply(read, object{{"type", "read_ok"}, {"value", 10}});
  auto last = f.only_sent();
  BOOST_TEST(last.body.at("to").as_int64() == 13);
}

BOOST_AUTO_TEST_SUITE_END()
