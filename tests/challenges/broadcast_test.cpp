// The broadcast server on a hand-driven runtime: forwarding by topology, batching, acks, and the
// repair exchange (what is sent, what is not, and that replies are never answered).
#include "challenges/broadcast/designs.hpp"

#include <boost/test/unit_test.hpp>

#include "tests/support/node_fixture.hpp"

using namespace std::chrono_literals;
using namespace glomers;
using glomers::json::array;
using glomers::json::object;
using glomers::testing::node_fixture;

namespace {

template <class Design>
struct server_fixture : node_fixture {
  broadcast_server<runtime::manual, Design> server{n};
  explicit server_fixture(std::string id = "n1") { init(id, {"n0", "n1", "n2", "n3"}); }
  // The messages sent since the last call, as "dest:type".
  std::vector<std::string> sent() {
    std::vector<std::string> out;
    for (auto const& m : rt.take_sent()) out.push_back(m.dest + ":" + std::string(m.type()));
    return out;
  }
  object have(array all, array settled, bool reply = false) {
    object o{{"type", "have"}, {"all", all}, {"settled", settled}};
    if (reply) o["reply"] = true;
    return o;
  }
};

struct star_batched : broadcast_defaults {
  using topology = glomers::topology::star;
  using gossip = glomers::gossip::batched<100>;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(broadcast_test)

BOOST_AUTO_TEST_CASE(leaf_sends_to_hub_and_reads_back) {
  server_fixture<star_batched> f;
  f.deliver("c1", object{{"type", "broadcast"}, {"message", 7}, {"msg_id", 1}});
  BOOST_TEST(f.sent() == (std::vector<std::string>{"c1:broadcast_ok", "n0:gossip"}));
  f.deliver("c1", object{{"type", "broadcast"}, {"message", 8}, {"msg_id", 2}});
  BOOST_TEST(f.sent() == (std::vector<std::string>{"c1:broadcast_ok"}));  // batched: waits
  f.rt.advance(100ms);
  auto batch = f.n.runtime().take_sent();
  BOOST_TEST_REQUIRE(batch.size() == 1u);
  BOOST_TEST(batch[0].body.at("values") == (array{8}));
  f.deliver("n0", object{{"type", "gossip"}, {"values", array{9, 7}}});  // from the hub: no relay
  BOOST_TEST(f.sent().empty());
  f.deliver("c1", object{{"type", "read"}, {"msg_id", 3}});
  auto read = f.only_sent();
  BOOST_TEST(read.body.at("messages") == (array{7, 8, 9}));
  BOOST_TEST(read.body.size() == 3u);  // type, messages, in_reply_to: Maelstrom's schema
}

BOOST_AUTO_TEST_CASE(hub_relays_to_everyone_but_the_sender) {
  server_fixture<star_batched> f("n0");
  f.deliver("n2", object{{"type", "gossip"}, {"values", array{1}}});
  BOOST_TEST(f.sent() == (std::vector<std::string>{"n1:gossip", "n3:gossip"}));
  f.deliver("n3", object{{"type", "gossip"}, {"values", array{1}}});  // known: nothing to relay
  BOOST_TEST(f.sent().empty());
}

BOOST_AUTO_TEST_CASE(acked_gossip_is_acknowledged_and_retried) {
  server_fixture<designs::acked_grid> f;
  f.deliver("c1", object{{"type", "topology"}, {"msg_id", 1},
                         {"topology", object{{"n0", array{"n1"}}, {"n1", array{"n0", "n2"}}, {"n2", array{"n1"}}}}});
  BOOST_TEST(f.sent() == (std::vector<std::string>{"c1:topology_ok"}));
  f.deliver("n0", object{{"type", "gossip"}, {"values", array{5}}, {"ack", 77}});
  auto out = f.n.runtime().take_sent();
  BOOST_TEST_REQUIRE(out.size() == 2u);
  BOOST_TEST(out[0].dest == "n0");  // the ack
  BOOST_TEST(out[0].body.at("ack").to_number<std::int64_t>() == 77);
  BOOST_TEST(out[1].dest == "n2");  // relayed along the given graph, with an ack id
  auto const id = out[1].body.at("ack").to_number<std::int64_t>();
  f.rt.advance(500ms);  // not acknowledged: sent again
  auto retry = f.n.runtime().take_sent();
  BOOST_TEST_REQUIRE(retry.size() == 1u);
  BOOST_TEST(retry[0].body.at("values") == (array{5}));
  f.deliver("n2", object{{"type", "gossip_ok"}, {"ack", retry[0].body.at("ack")}});
  f.deliver("n2", object{{"type", "gossip_ok"}, {"ack", id}});  // stale: harmless
  f.rt.advance(5s);
  BOOST_TEST(f.sent().empty());
}

BOOST_AUTO_TEST_CASE(repair_sends_only_settled_values_the_peer_lacks) {
  server_fixture<designs::hub_batched> f;
  f.deliver("n0", object{{"type", "gossip"}, {"values", array{1, 2, 3}}});
  f.rt.advance(3s);
  f.rt.take_sent();  // periodic summaries so far
  f.deliver("n0", object{{"type", "gossip"}, {"values", array{4}}});  // in flight: not settled
  // n2 has 1 and 4, and has held only 1 for long.
  f.deliver("n2", f.have(array{array{1, 1}, array{4, 4}}, array{array{1, 1}}));
  auto out = f.n.runtime().take_sent();
  BOOST_TEST_REQUIRE(out.size() == 1u);
  BOOST_TEST(out[0].type() == "gossip");
  BOOST_TEST(out[0].body.at("values") == (array{2, 3}));  // settled here, missing there
}

BOOST_AUTO_TEST_CASE(repair_asks_back_when_it_lacks_and_replies_are_final) {
  server_fixture<designs::hub_batched> f;
  f.deliver("n0", object{{"type", "gossip"}, {"values", array{1}}});
  f.rt.advance(3s);
  f.rt.take_sent();
  // n2 has settled 1 and 9; this node lacks 9: it answers with its own summary.
  f.deliver("n2", f.have(array{array{1, 1}, array{9, 9}}, array{array{1, 1}, array{9, 9}}));
  auto out = f.n.runtime().take_sent();
  BOOST_TEST_REQUIRE(out.size() == 1u);
  BOOST_TEST(out[0].type() == "have");
  BOOST_TEST(out[0].body.at("reply") == true);
  BOOST_TEST(out[0].body.at("all") == (array{array{1, 1}}));
  // The same, marked as a reply: never answered with another summary (no ping-pong).
  f.deliver("n2", f.have(array{array{1, 1}, array{9, 9}}, array{array{1, 1}, array{9, 9}}, true));
  BOOST_TEST(f.sent().empty());
  // In sync: a summary costs nothing more.
  f.deliver("n3", f.have(array{array{1, 1}}, array{array{1, 1}}));
  BOOST_TEST(f.sent().empty());
  // A malformed summary gets error 12, and the node carries on.
  f.deliver("n3", object{{"type", "have"}, {"all", array{}}, {"settled", array{array{1}}}, {"msg_id", 4}});
  BOOST_TEST(glomers::testing::error_code_of(f.only_sent()) == 12);
}

BOOST_AUTO_TEST_CASE(repair_summaries_go_out_every_period_to_neighbours_and_peers) {
  server_fixture<designs::hub_batched> f("n2");
  f.rt.advance(4s);
  std::vector<std::string> to;
  for (auto const& m : f.rt.take_sent()) {
    BOOST_TEST(m.type() == "have");
    to.push_back(m.dest);
  }
  // Every second, alternately the hub (the only neighbour) and the next node after n2.
  BOOST_TEST(to == (std::vector<std::string>{"n0", "n3", "n0", "n0"}));
}

BOOST_AUTO_TEST_SUITE_END()
