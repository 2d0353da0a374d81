// The txn server on a hand-driven runtime: replies, errors, replication messages, last writer
// wins, the clock following what it applied, and the anti-entropy exchange.
#include "challenges/txn/designs.hpp"

#include <boost/test/unit_test.hpp>

#include "tests/support/node_fixture.hpp"

using namespace std::chrono_literals;
using namespace glomers;
using glomers::json::array;
using glomers::json::object;
using glomers::json::value;
using glomers::testing::node_fixture;

namespace {

template <class Design>
struct server_fixture : node_fixture {
  txn_server<runtime::manual, Design> server{n};
  std::int64_t next_id = 10;
  server_fixture() { init("n0", {"n0", "n1"}); }

  // Runs a txn from client c1 and returns its reply's txn.
  value txn(array mops) {
    deliver("c1", object{{"type", "txn"}, {"msg_id", ++next_id}, {"txn", mops}});
    std::optional<message> ok;  // the reply; what else was sent stays in rt.sent
    for (auto& m : rt.take_sent()) {
      if (m.dest == "c1") ok = m;
      else rt.sent.push_back(m);
    }
    BOOST_TEST_REQUIRE(ok.has_value());
    BOOST_TEST_REQUIRE(ok->type() == "txn_ok");
    BOOST_TEST(ok->body.at("in_reply_to") == value(next_id));
    return ok->body.at("txn");
  }
  std::vector<message> sent_of(std::string_view type) {
    std::vector<message> out;
    for (auto& m : rt.take_sent()) {
      if (m.type() == type) out.push_back(m);
    }
    return out;
  }
};

struct eager_rc : txn_defaults {};
struct batched_rc : txn_defaults {
  using replication = glomers::replication::batched<100>;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(txn_server_test)

BOOST_AUTO_TEST_CASE(answers_reads_and_writes_in_order) {
  server_fixture<eager_rc> f;
  BOOST_TEST(f.txn(array{array{"r", 1, nullptr}, array{"w", 1, 3}, array{"r", 1, nullptr}}) ==
             (array{array{"r", 1, nullptr}, array{"w", 1, 3}, array{"r", 1, 3}}));
  BOOST_TEST(f.txn(array{array{"r", 1, nullptr}, array{"r", 2, nullptr}}) == (array{array{"r", 1, 3}, array{"r", 2, nullptr}}));
}

BOOST_AUTO_TEST_CASE(a_malformed_txn_gets_error_12_and_changes_nothing) {
  server_fixture<eager_rc> f;
  for (auto bad : {value(array{array{"append", 1, 2}}), value(array{array{"w", 1}}), value(array{array{"w", 1, "x"}}), value("x")}) {
    f.deliver("c1", object{{"type", "txn"}, {"msg_id", 5}, {"txn", bad}});
    BOOST_TEST(testing::error_code_of(f.only_sent()) == 12);
  }
  BOOST_TEST(f.server.store().versions().empty());
}

BOOST_AUTO_TEST_CASE(a_writing_txn_is_replicated_whole_a_read_only_one_not_at_all) {
  server_fixture<eager_rc> f;
  f.rt.advance(7ms);
  f.txn(array{array{"w", 1, 1}, array{"w", 2, 1}, array{"w", 1, 2}});
  auto rep = f.sent_of("replicate");
  BOOST_TEST_REQUIRE(rep.size() == 1u);
  BOOST_TEST(rep[0].dest == "n1");
  // the last write of each key, one stamp (7 ms, counter 0, node 0), positions 0 and 1
  BOOST_TEST(rep[0].body.at("writes") == (array{array{1, 2, 7, 0, 0, 0}, array{2, 1, 7, 0, 0, 1}}));
  f.txn(array{array{"r", 1, nullptr}});
  BOOST_TEST(f.sent_of("replicate").empty());
}

BOOST_AUTO_TEST_CASE(the_newest_stamp_wins_whatever_the_arrival_order) {
  server_fixture<eager_rc> f;
  f.deliver("n1", object{{"type", "replicate"}, {"writes", array{array{1, 5, 100, 0, 1, 0}, array{2, 5, 100, 0, 1, 1}}}});
  f.deliver("n1", object{{"type", "replicate"}, {"writes", array{array{1, 4, 99, 3, 1, 7}}}});  // older: ignored
  f.deliver("n1", object{{"type", "replicate"}, {"writes", array{array{2, 6, 100, 0, 2, 0}}}});  // tie on time: node 2 wins
  BOOST_TEST(f.txn(array{array{"r", 1, nullptr}, array{"r", 2, nullptr}}) == (array{array{"r", 1, 5}, array{"r", 2, 6}}));
}

BOOST_AUTO_TEST_CASE(a_write_after_a_read_of_a_remote_version_gets_a_larger_stamp) {
  server_fixture<eager_rc> f;  // local clock at 0 ms, the remote write stamped 5 s
  f.deliver("n1", object{{"type", "replicate"}, {"writes", array{array{1, 5, 5000, 2, 1, 0}}}});
  f.txn(array{array{"r", 1, nullptr}, array{"w", 1, 6}});
  auto rep = f.sent_of("replicate");
  BOOST_TEST_REQUIRE(rep.size() == 1u);
  BOOST_TEST(rep[0].body.at("writes") == (array{array{1, 6, 5000, 3, 0, 0}}));
}

BOOST_AUTO_TEST_CASE(a_malformed_replicate_applies_nothing) {
  server_fixture<eager_rc> f;
  f.deliver("n1", object{{"type", "replicate"}, {"writes", array{array{1, 5, 100, 0, 1, 0}, array{2, 5}}}});
  BOOST_TEST(f.server.store().versions().empty());
}

BOOST_AUTO_TEST_CASE(batched_replication_sends_one_message_per_interval) {
  server_fixture<batched_rc> f;
  f.rt.advance(1ms);
  f.txn(array{array{"w", 1, 1}});
  BOOST_TEST(f.sent_of("replicate").size() == 1u);  // first after a quiet interval: at once
  for (int i = 2; i < 10; ++i) f.txn(array{array{"w", 1, i}});
  BOOST_TEST(f.sent_of("replicate").empty());
  f.rt.advance(100ms);
  auto rep = f.sent_of("replicate");
  BOOST_TEST_REQUIRE(rep.size() == 1u);
  BOOST_TEST(rep[0].body.at("writes").as_array().size() == 8u);
}

BOOST_AUTO_TEST_CASE(a_digest_goes_to_the_peer_every_period) {
  server_fixture<eager_rc> f;
  f.txn(array{array{"w", 1, 1}});
  f.rt.take_sent();
  f.rt.advance(999ms);
  BOOST_TEST(f.sent_of("digest").empty());
  f.rt.advance(1ms);
  auto d = f.sent_of("digest");
  BOOST_TEST_REQUIRE(d.size() == 1u);
  BOOST_TEST(d[0].body.at("versions") == (array{array{1, 0, 0, 0, 0}}));
  BOOST_TEST(!d[0].body.contains("reply"));
}

BOOST_AUTO_TEST_CASE(a_digest_missing_settled_versions_is_answered_with_them) {
  server_fixture<eager_rc> f;
  f.txn(array{array{"w", 1, 1}, array{"w", 2, 1}});  // stamped 0 ms
  f.rt.advance(500ms);
  f.txn(array{array{"w", 3, 1}});  // stamped 500 ms
  f.rt.take_sent();
  f.rt.advance(300ms);  // 800 ms: nothing settled yet (settle_ms = 1000)
  f.deliver("n1", object{{"type", "digest"}, {"versions", array{}}});
  BOOST_TEST(f.sent_of("replicate").empty());  // maybe still in flight: not repaired
  f.rt.advance(400ms);  // 1200 ms: keys 1, 2 settled, 3 not
  f.deliver("n1", object{{"type", "digest"}, {"versions", array{array{2, 0, 0, 0, 1}}}});
  auto rep = f.sent_of("replicate");
  BOOST_TEST_REQUIRE(rep.size() == 1u);
  // every key held newer, the unsettled one too: the peer's store becomes the merge
  BOOST_TEST(rep[0].body.at("writes") == (array{array{1, 1, 0, 0, 0, 0}, array{3, 1, 500, 0, 0, 0}}));
}

BOOST_AUTO_TEST_CASE(a_digest_with_settled_newer_versions_is_answered_with_own_digest_once) {
  server_fixture<eager_rc> f;
  f.rt.advance(3s);
  f.rt.take_sent();  // the periodic digests
  f.deliver("n1", object{{"type", "digest"}, {"versions", array{array{4, 100, 0, 1, 0}}}});
  auto d = f.sent_of("digest");
  BOOST_TEST_REQUIRE(d.size() == 1u);
  BOOST_TEST(d[0].body.at("reply") == value(true));
  f.deliver("n1", object{{"type", "digest"}, {"versions", array{array{4, 100, 0, 1, 0}}}, {"reply", true}});
  BOOST_TEST(f.sent_of("digest").empty());  // a reply is never answered by a digest
  f.deliver("n1", object{{"type", "digest"}, {"versions", array{array{4, 2900, 0, 1, 0}}}});
  BOOST_TEST(f.sent_of("digest").empty());  // newer there but in flight: wait for it
}

BOOST_AUTO_TEST_CASE(an_equal_digest_costs_nothing) {
  server_fixture<eager_rc> f;
  f.txn(array{array{"w", 1, 1}});
  f.rt.advance(1500ms);
  f.rt.take_sent();
  f.deliver("n1", object{{"type", "digest"}, {"versions", array{array{1, 0, 0, 0, 0}}}});
  BOOST_TEST(f.rt.take_sent().empty());
}

BOOST_AUTO_TEST_SUITE_END()
