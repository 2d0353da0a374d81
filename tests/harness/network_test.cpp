#include "harness/network.hpp"

#include <boost/test/unit_test.hpp>

using namespace std::chrono_literals;
using namespace glomers::harness;
using glomers::message;
using glomers::json::object;

namespace {

struct net_fixture {
  world w{42};
  network net{w, latency_config{100, latency_dist::constant}};
  std::vector<std::pair<sim_time, std::string>> delivered;  // (time, "dest<-src:type")

  net_fixture() {
    for (auto id : {"n1", "n2", "n3", "c1", "seq-kv"}) {
      std::string const me = id;
      net.add(me, [this, me](envelope const& e) {
        delivered.emplace_back(w.now(), me + "<-" + e.msg.src + ":" + std::string(e.msg.type()));
      });
    }
  }
  void send(std::string src, std::string dest, std::string type) {
    net.send(message{std::move(src), std::move(dest), object{{"type", type}}});
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(network_test)

BOOST_FIXTURE_TEST_CASE(latency_applies_between_non_clients_only, net_fixture) {
  send("n1", "n2", "a");
  send("c1", "n3", "b");
  send("n3", "c1", "c");
  send("n1", "seq-kv", "d");
  w.run_until(1s);
  BOOST_TEST_REQUIRE(delivered.size() == 4u);
  BOOST_TEST((delivered[0] == std::pair<sim_time, std::string>{0ms, "n3<-c1:b"}));
  BOOST_TEST((delivered[1] == std::pair<sim_time, std::string>{0ms, "c1<-n3:c"}));
  // Maelstrom sleeps whole milliseconds, truncated, measured just after the send: 99 ms.
  BOOST_TEST((delivered[2] == std::pair<sim_time, std::string>{99ms, "n2<-n1:a"}));
  BOOST_TEST((delivered[3] == std::pair<sim_time, std::string>{99ms, "seq-kv<-n1:d"}));
}

BOOST_FIXTURE_TEST_CASE(the_wait_for_a_deadline_is_truncated_to_whole_milliseconds, net_fixture) {
  send("n1", "n2", "a");  // due at 100 ms: the loop sleeps (long 99.99...) = 99 ms
  w.run_until(30500us);
  send("n3", "n2", "b");  // due at 130.5 ms, taken at 99 ms: sleeps (long 31.5) = 31 ms
  w.run_until(1s);
  BOOST_TEST_REQUIRE(delivered.size() == 2u);
  BOOST_TEST((delivered[0] == std::pair<sim_time, std::string>{99ms, "n2<-n1:a"}));
  BOOST_TEST((delivered[1] == std::pair<sim_time, std::string>{130ms, "n2<-n3:b"}));
}

BOOST_FIXTURE_TEST_CASE(head_of_line_blocking, net_fixture) {
  send("n1", "n2", "slow");  // due at 100 ms; the loop of n2 waits for it (until 99 ms)
  w.run_until(10ms);
  send("c1", "n2", "fast");  // due at 10 ms, but queued behind
  w.run_until(1s);
  BOOST_TEST_REQUIRE(delivered.size() == 2u);
  BOOST_TEST(delivered[0].second == "n2<-n1:slow");
  BOOST_TEST((delivered[1] == std::pair<sim_time, std::string>{99ms, "n2<-c1:fast"}));
}

BOOST_FIXTURE_TEST_CASE(partitions_drop_and_journal_the_send, net_fixture) {
  net.drop("n1", "n2");
  send("n1", "n2", "lost");
  send("n2", "n1", "other-way");  // one-directional grudge
  send("c1", "n2", "client");     // clients are never named in a grudge
  w.run_until(1s);
  net.heal();
  send("n1", "n2", "after-heal");
  w.run_until(2s);
  std::vector<std::string> got;
  for (auto const& d : delivered) got.push_back(d.second);
  BOOST_TEST(got == (std::vector<std::string>{"n2<-c1:client", "n1<-n2:other-way", "n2<-n1:after-heal"}));
  auto const s = count_messages(net.journal());
  BOOST_TEST(s.all.send_count == 4);
  BOOST_TEST(s.all.recv_count == 3);
  BOOST_TEST(s.all.msg_count == 4);
}

BOOST_FIXTURE_TEST_CASE(partition_decided_when_dequeued, net_fixture) {
  send("n1", "n2", "first");   // dequeued at once, delivered at 100 ms
  send("n3", "n2", "second");  // waits in the queue behind it
  w.run_until(50ms);
  net.drop("n1", "n2");
  net.drop("n3", "n2");
  w.run_until(1s);
  BOOST_TEST_REQUIRE(delivered.size() == 1u);  // the first was already dequeued: delivered
  BOOST_TEST(delivered[0].second == "n2<-n1:first");
}

BOOST_FIXTURE_TEST_CASE(unknown_ids_are_rejected_without_journal, net_fixture) {
  std::vector<std::string> rejected;
  net.on_invalid = [&](message const& m) { rejected.push_back(m.dest); };
  BOOST_TEST(!net.send(message{"n1", "c99", object{{"type", "x"}}}));
  BOOST_TEST(!net.send(message{"zz", "n1", object{{"type", "x"}}}));
  net.remove("n3");
  BOOST_TEST(!net.send(message{"n1", "n3", object{{"type", "x"}}}));
  BOOST_TEST(rejected.size() == 3u);
  BOOST_TEST(net.journal().empty());
}

BOOST_FIXTURE_TEST_CASE(a_node_that_sends_to_an_unknown_id_is_muted, net_fixture) {
  std::vector<std::string> why;
  net.on_muted = [&](std::string const& node, std::string const& reason) { why.push_back(node + ": " + reason); };
  BOOST_TEST(net.send_from("n1", message{"n1", "n2", object{{"type", "before"}}}));
  net.remove("c1");  // a client closed after its request timed out
  BOOST_TEST(!net.send_from("n1", message{"n1", "c1", object{{"type", "late_reply"}}}));
  BOOST_TEST(net.muted("n1"));
  BOOST_TEST_REQUIRE(why.size() == 1u);
  BOOST_TEST(why[0].find("n1: Node n1 sent {") == 0u);
  BOOST_TEST(why[0].find("late_reply") != std::string::npos);
  BOOST_TEST(why[0].find("a client closed after its request timed out?") != std::string::npos);
  // From now on nothing n1 sends is routed, to anyone; what others send to it still arrives.
  BOOST_TEST(!net.send_from("n1", message{"n1", "n2", object{{"type", "after"}}}));
  send("n2", "n1", "to_muted");
  BOOST_TEST(net.send_from("n3", message{"n3", "n2", object{{"type", "other"}}}));
  w.run_until(1s);
  std::vector<std::string> got;
  for (auto const& d : delivered) got.push_back(d.second);
  BOOST_TEST(got == (std::vector<std::string>{"n2<-n1:before", "n1<-n2:to_muted", "n2<-n3:other"}));
  // A bad source mutes too; the rejected message used up a message id, as Maelstrom's send! does.
  BOOST_TEST(!net.send_from("n3", message{"zz", "n2", object{{"type", "x"}}}));
  BOOST_TEST(net.muted("n3"));
  send("n2", "n3", "next");
  BOOST_TEST(net.journal().back().id == 5);  // 0, 2, 3 routed; 1 and 4 used up by the rejected ones
  net.unmute("n1");  // a restarted process is read again
  BOOST_TEST(net.send_from("n1", message{"n1", "n2", object{{"type", "again"}}}));
  BOOST_TEST(net.sent() == 5);
  BOOST_TEST(net.sent_between_servers() == 5);
}

BOOST_AUTO_TEST_CASE(latency_distributions) {
  for (auto dist : {latency_dist::uniform, latency_dist::exponential}) {
    world w(7);
    network net(w, latency_config{100, dist});
    std::vector<double> latencies;
    sim_time sent{0};
    net.add("n1", [](envelope const&) {});
    net.add("n2", [&](envelope const&) { latencies.push_back(std::chrono::duration<double, std::milli>(w.now() - sent).count()); });
    for (int i = 0; i < 4000; ++i) {
      sent = w.now();
      net.send(message{"n1", "n2", object{{"type", "x"}}});
      w.run_until(w.now() + 10s);  // one at a time: no queueing
    }
    double sum = 0, max = 0, min = 1e9;
    for (double l : latencies) sum += l, max = std::max(max, l), min = std::min(min, l);
    double const mean = sum / static_cast<double>(latencies.size());
    if (dist == latency_dist::uniform) {
      BOOST_TEST(min >= 0.0);
      BOOST_TEST(max <= 199.0);  // [0, 200): upper bound excluded
      BOOST_TEST(std::abs(mean - 99.5) < 4.0);
    } else {
      BOOST_TEST(std::abs(mean - 99.5) < 8.0);  // truncation: about mean - 0.5
      BOOST_TEST(max > 300.0);
    }
  }
}

BOOST_AUTO_TEST_CASE(message_counts_by_group) {
  // Worked by hand: ids 0,1 are client traffic, 2,3 node-node, 4 node-service (a server message).
  journal j{
      {journal_entry::send, 0ms, 0, "c1", "n1", "broadcast"}, {journal_entry::recv, 0ms, 0, "c1", "n1", "broadcast"},
      {journal_entry::send, 0ms, 1, "n1", "c1", "broadcast_ok"}, {journal_entry::recv, 0ms, 1, "n1", "c1", "broadcast_ok"},
      {journal_entry::send, 0ms, 2, "n1", "n2", "gossip"}, {journal_entry::recv, 1ms, 2, "n1", "n2", "gossip"},
      {journal_entry::send, 0ms, 3, "n1", "n3", "gossip"},  // dropped by a partition
      {journal_entry::send, 0ms, 4, "n1", "seq-kv", "read"}, {journal_entry::recv, 1ms, 4, "n1", "seq-kv", "read"}};
  auto s = count_messages(j);
  BOOST_TEST(s.all.send_count == 5);
  BOOST_TEST(s.all.recv_count == 4);
  BOOST_TEST(s.all.msg_count == 5);
  BOOST_TEST(s.clients.msg_count == 2);
  BOOST_TEST(s.servers.send_count == 3);
  BOOST_TEST(s.servers.recv_count == 2);
  BOOST_TEST(s.servers.msg_count == 3);
}

BOOST_AUTO_TEST_SUITE_END()
