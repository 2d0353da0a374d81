// Counter strategies: the CRDT state's merge, and each model's seq-kv conversation with scripted
// replies, stale reads and failed compare-and-sets included.
#include "challenges/counter/server.hpp"
#include "policies/counter/crdt.hpp"
#include "policies/counter/kv_cas.hpp"
#include "policies/counter/pn_state.hpp"

#include <boost/test/unit_test.hpp>

#include "tests/support/node_fixture.hpp"

using namespace std::chrono_literals;
using namespace glomers;
using glomers::json::array;
using glomers::json::object;

namespace {

template <class Counter>
struct counter_fixture : testing::node_fixture {
  counter_server<runtime::manual, Counter> server{n};
  counter_fixture() { init("n1", {"n1", "n2", "n3"}); }

  void add(std::int64_t delta, std::int64_t msg_id = 1) {
    deliver("c1", object{{"type", "add"}, {"delta", delta}, {"msg_id", msg_id}});
    auto ok = only_sent();
    BOOST_TEST(ok.type() == "add_ok");
  }
  std::int64_t read() {
    deliver("c1", object{{"type", "read"}, {"msg_id", 99}});
    return only_sent().body.at("value").as_int64();
  }
  // Answers a seq-kv request.
  void kv_reply(message const& req, object body) {
    body["in_reply_to"] = *req.msg_id();
    deliver("seq-kv", std::move(body));
  }
};

std::int64_t num(json::value const& v) { return v.to_number<std::int64_t>(); }

}  // namespace

BOOST_AUTO_TEST_SUITE(counter_test)

BOOST_AUTO_TEST_CASE(pn_state_merge_is_a_join) {
  counter::pn_state a, b, c;
  a.add("n1", 5);
  a.add("n1", -2);
  b.add("n2", 7);
  b.add("n1", 1);  // an older view of n1's share: smaller
  c = a;
  BOOST_TEST(c.merge(b));
  BOOST_TEST(!c.merge(b));  // idempotent
  auto d = b;
  d.merge(a);
  BOOST_TEST(c.value() == d.value());  // commutative
  BOOST_TEST(c.value() == 5 - 2 + 7);
  auto round = counter::pn_state::from_json(c.to_json());
  BOOST_TEST(round.value() == c.value());
  BOOST_CHECK_THROW(counter::pn_state::from_json(object{{"p", object{{"n1", -1}}}, {"n", object{}}}), json::decode_error);
  BOOST_CHECK_THROW(counter::pn_state::from_json(object{{"p", object{}}}), json::decode_error);
  BOOST_CHECK_THROW(counter::pn_state::from_json(array{}), json::decode_error);
}

BOOST_AUTO_TEST_CASE(kv_cas_retries_after_a_stale_read_and_a_failed_cas) {
  counter_fixture<counter::kv_cas<500, 60000>> f;
  f.add(3);
  f.add(4, 2);
  BOOST_TEST(f.read() == 7);  // acknowledged adds count at once
  f.rt.advance(500ms);        // flush: cas from what this node knows (0)
  auto cas = f.only_sent();
  BOOST_TEST(cas.type() == "cas");
  BOOST_TEST(num(cas.body.at("from")) == 0);
  BOOST_TEST(num(cas.body.at("to")) == 7);
  BOOST_TEST(cas.body.at("create_if_not_exists") == true);
  // Another node got there first: 22. The node reads, and seq-kv answers with a stale value.
  f.kv_reply(cas, object{{"type", "error"}, {"code", 22}, {"text", "current value 10 is not 0"}});
  auto read = f.only_sent();
  BOOST_TEST(read.type() == "read");
  f.kv_reply(read, object{{"type", "read_ok"}, {"value", 5}});
  auto retry = f.only_sent();
  BOOST_TEST(num(retry.body.at("from")) == 5);
  f.kv_reply(retry, object{{"type", "error"}, {"code", 22}});  // stale: fails again, nothing lost
  auto read2 = f.only_sent();
  f.kv_reply(read2, object{{"type", "read_ok"}, {"value", 10}});
  auto last = f.only_sent();
  BOOST_TEST(num(last.body.at("from")) == 10);
  BOOST_TEST(num(last.body.at("to")) == 17);
  BOOST_TEST(f.read() == 17);  // still counted while in flight
  f.kv_reply(last, object{{"type", "cas_ok"}});
  BOOST_TEST(f.read() == 17);
  BOOST_TEST(f.server.counter().pending() == 0);
  f.rt.advance(500ms);  // nothing pending: no traffic
  BOOST_TEST(f.rt.sent.empty());
}

BOOST_AUTO_TEST_CASE(kv_cas_retries_a_timed_out_cas) {
  counter_fixture<counter::kv_cas<500, 60000>> f;
  f.add(2);
  f.rt.advance(500ms);
  auto cas = f.only_sent();
  f.rt.advance(1s);  // no reply: the kv client times out
  auto again = f.only_sent();
  BOOST_TEST(again.type() == "cas");
  BOOST_TEST(num(again.body.at("to")) == 2);
}

BOOST_AUTO_TEST_CASE(kv_cas_refresh_forces_a_fresh_read) {
  counter_fixture<counter::kv_cas<60000, 500>> f;
  f.rt.advance(500ms);
  auto sync = f.only_sent();
  BOOST_TEST(sync.type() == "write");
  BOOST_TEST(sync.body.at("key") == "sync-n1");
  f.kv_reply(sync, object{{"type", "write_ok"}});
  auto read = f.only_sent();
  BOOST_TEST(read.body.at("key") == "counter");
  f.kv_reply(read, object{{"type", "read_ok"}, {"value", 41}});
  BOOST_TEST(f.read() == 41);
}

BOOST_AUTO_TEST_CASE(crdt_gossips_merges_persists_and_recovers) {
  counter_fixture<counter::crdt<500, 1000>> f;
  auto recover = f.only_sent();  // at init: take back a share persisted by an earlier run
  BOOST_TEST(recover.type() == "read");
  BOOST_TEST(recover.body.at("key") == "pn-n1");
  f.kv_reply(recover, object{{"type", "read_ok"}, {"value", array{10, 3}}});
  BOOST_TEST(f.read() == 7);
  // The first change is written at once (group commit: at most one write per second after it).
  f.deliver("c1", object{{"type", "add"}, {"delta", 5}, {"msg_id", 1}});
  auto first = f.rt.take_sent();
  BOOST_TEST_REQUIRE(first.size() == 2u);
  BOOST_TEST(first[0].type() == "add_ok");  // acknowledged at once (not durable mode)
  BOOST_TEST(first[1].type() == "write");
  BOOST_TEST(first[1].body.at("value") == (array{15, 3}));
  f.kv_reply(first[1], object{{"type", "write_ok"}});
  f.add(-1, 2);  // within the second: no write yet
  BOOST_TEST(f.read() == 11);
  object state{{"p", object{{"n2", 4}, {"n1", 1}}}, {"n", object{}}};
  f.deliver("n2", object{{"type", "counter_state"}, {"state", state}});
  BOOST_TEST(f.read() == 15);  // n2's 4 joins; n1's stale 1 is ignored
  f.rt.advance(500ms);
  auto gossip = f.rt.take_sent();
  BOOST_TEST_REQUIRE(gossip.size() == 2u);  // to n2 and n3
  BOOST_TEST(gossip[0].type() == "counter_state");
  BOOST_TEST(gossip[0].body.at("state").at("p").at("n1") == 15);
  f.rt.advance(500ms);  // 1 s: gossip again, and the changed share is written
  auto out = f.rt.take_sent();
  auto write = std::find_if(out.begin(), out.end(), [](auto const& m) { return m.type() == "write"; });
  BOOST_TEST_REQUIRE((write != out.end()));
  BOOST_TEST(write->body.at("value") == (array{15, 4}));
  // A malformed state is refused with 12 and changes nothing.
  f.deliver("n3", object{{"type", "counter_state"}, {"state", object{{"p", 3}}}, {"msg_id", 5}});
  BOOST_TEST(testing::error_code_of(f.only_sent()) == 12);
  BOOST_TEST(f.read() == 15);
}

BOOST_AUTO_TEST_CASE(durable_crdt_acknowledges_after_the_write_and_retries_failures) {
  counter_fixture<counter::crdt<500, 100, true>> f;
  auto recover = f.only_sent();
  f.kv_reply(recover, object{{"type", "error"}, {"code", 20}});  // never written: starts at 0
  f.deliver("c1", object{{"type", "add"}, {"delta", 2}, {"msg_id", 1}});
  auto write = f.only_sent();  // no add_ok yet: only the write
  BOOST_TEST(write.type() == "write");
  BOOST_TEST(write.body.at("value") == (array{2, 0}));
  f.deliver("c1", object{{"type", "add"}, {"delta", 3}, {"msg_id", 2}});  // rides on the next write
  BOOST_TEST(f.rt.sent.empty());
  f.kv_reply(write, object{{"type", "error"}, {"code", 13}});  // failed: both still waiting
  BOOST_TEST(f.rt.sent.empty());  // and the next write waits for its 100 ms slot
  f.rt.advance(100ms);
  auto retry = f.only_sent();
  BOOST_TEST(retry.body.at("value") == (array{5, 0}));
  f.kv_reply(retry, object{{"type", "write_ok"}});
  auto acks = f.rt.take_sent();
  BOOST_TEST_REQUIRE(acks.size() == 2u);
  BOOST_TEST(acks[0].type() == "add_ok");
  BOOST_TEST(*acks[0].in_reply_to() == 1);
  BOOST_TEST(*acks[1].in_reply_to() == 2);
  f.deliver("c1", object{{"type", "add"}, {"delta", 0}, {"msg_id", 3}});  // nothing to write
  BOOST_TEST(f.only_sent().type() == "add_ok");
}

BOOST_AUTO_TEST_SUITE_END()
