#include "policies/gossip/acked.hpp"
#include "policies/gossip/batched.hpp"
#include "policies/gossip/eager.hpp"
#include "policies/gossip/periodic_sync.hpp"
#include "policies/repair/digest.hpp"

#include <boost/test/unit_test.hpp>

using namespace std::chrono_literals;
using namespace glomers;

namespace {
using values = std::vector<std::int64_t>;
}

BOOST_AUTO_TEST_SUITE(gossip_test)

BOOST_AUTO_TEST_CASE(eager_sends_at_the_next_poll) {
  gossip::eager<> g;
  BOOST_TEST(!g.next_deadline().has_value());
  g.enqueue("n1", {1}, 0ms);
  g.enqueue("n1", {2}, 0ms);
  g.enqueue("n2", {3}, 0ms);
  BOOST_TEST(g.next_deadline().value() == 0ms);
  auto out = g.poll(0ms);
  BOOST_TEST_REQUIRE(out.size() == 2u);
  BOOST_TEST(out[0].to == "n1");
  BOOST_TEST(out[0].values == (values{1, 2}));
  BOOST_TEST(!out[0].ack_id.has_value());
  BOOST_TEST(g.poll(1ms).empty());
  BOOST_TEST(!g.next_deadline().has_value());  // idle: no timer
}

BOOST_AUTO_TEST_CASE(batched_flushes_on_new_data_at_most_once_per_interval) {
  gossip::batched<100> g;
  g.enqueue("n1", {1}, 0ms);
  auto first = g.poll(0ms);  // nothing sent before: leaves at once
  BOOST_TEST_REQUIRE(first.size() == 1u);
  g.enqueue("n1", {2}, 30ms);
  g.enqueue("n1", {3}, 60ms);
  BOOST_TEST(g.poll(60ms).empty());  // within the interval: waits
  BOOST_TEST(g.next_deadline().value() == 100ms);
  auto second = g.poll(100ms);
  BOOST_TEST_REQUIRE(second.size() == 1u);
  BOOST_TEST(second[0].values == (values{2, 3}));  // batched together
  BOOST_TEST(!g.next_deadline().has_value());       // idle: no timer
  g.enqueue("n1", {4}, 500ms);
  BOOST_TEST(g.poll(500ms).size() == 1u);  // long after the last flush: at once
}

BOOST_AUTO_TEST_CASE(batched_uses_the_fanout_interval_for_several_destinations) {
  gossip::batched<100, 400> leaf, hub;
  leaf.enqueue("n0", {1}, 0ms);
  leaf.poll(0ms);
  leaf.enqueue("n0", {2}, 10ms);
  BOOST_TEST(leaf.next_deadline().value() == 100ms);
  hub.enqueue("n1", {1}, 0ms);
  hub.enqueue("n2", {1}, 0ms);
  BOOST_TEST(hub.poll(0ms).size() == 2u);
  hub.enqueue("n1", {2}, 10ms);
  BOOST_TEST(hub.next_deadline().value() == 400ms);
}

BOOST_AUTO_TEST_CASE(acked_resends_until_acknowledged_coalescing_per_destination) {
  gossip::acked<gossip::eager<>, 500> g;
  g.enqueue("n1", {1}, 0ms);
  auto a = g.poll(0ms);
  BOOST_TEST_REQUIRE(a.size() == 1u);
  BOOST_TEST_REQUIRE(a[0].ack_id.has_value());
  g.enqueue("n1", {2}, 100ms);
  auto b = g.poll(100ms);
  BOOST_TEST_REQUIRE(b.size() == 1u);
  BOOST_TEST(*b[0].ack_id != *a[0].ack_id);
  BOOST_TEST(g.next_deadline().value() == 500ms);
  BOOST_TEST(g.poll(499ms).empty());
  // Neither acknowledged: at 500 ms both batches' values go again, as one batch.
  auto retry = g.poll(500ms);
  BOOST_TEST_REQUIRE(retry.size() == 1u);
  BOOST_TEST(retry[0].values == (values{1, 2}));
  BOOST_TEST(g.unacked_batches() == 1u);
  gossip_acked(g, "n1", *retry[0].ack_id, 600ms);
  BOOST_TEST(g.unacked_batches() == 0u);
  BOOST_TEST(!g.next_deadline().has_value());
  // A stale or foreign ack changes nothing.
  g.enqueue("n2", {3}, 700ms);
  auto c = g.poll(700ms);
  gossip_acked(g, "n1", *c[0].ack_id, 710ms);  // wrong sender
  gossip_acked(g, "n2", *a[0].ack_id, 710ms);  // long gone
  BOOST_TEST(g.unacked_batches() == 1u);
}

BOOST_AUTO_TEST_CASE(digest_alternates_neighbours_and_peers) {
  repair::digest<1000> r;
  std::vector<std::string> const neighbours{"hub"}, peers{"a", "b", "hub"};
  BOOST_TEST(r.next_deadline().value() == 0ms);
  BOOST_TEST(r.poll(0ms, neighbours, peers).empty());  // first call starts the period
  BOOST_TEST(r.next_deadline().value() == 1000ms);
  BOOST_TEST(r.poll(999ms, neighbours, peers).empty());
  std::vector<std::string> asked;
  for (int k = 1; k <= 4; ++k) {
    auto to = r.poll(std::chrono::milliseconds(1000 * k), neighbours, peers);
    BOOST_TEST_REQUIRE(to.size() == 1u);
    asked.push_back(to[0]);
  }
  BOOST_TEST(asked == (std::vector<std::string>{"hub", "a", "hub", "b"}));
  repair::digest<1000> lonely;  // no neighbours: always peers
  lonely.poll(0ms, {}, peers);
  BOOST_TEST(lonely.poll(1000ms, {}, peers) == (std::vector<std::string>{"a"}));
  BOOST_TEST(lonely.poll(2000ms, {}, peers) == (std::vector<std::string>{"b"}));
}

// The Go original: a sync per destination per tick, empty or not; values stay in every sync
// until the one carrying them is acknowledged.
BOOST_AUTO_TEST_CASE(periodic_sync_sends_every_tick_until_acknowledged) {
  gossip::periodic_sync<150> g;
  BOOST_TEST(!g.next_deadline().has_value());  // nothing known yet
  g.enqueue("hub", {1, 2}, 10ms);
  BOOST_TEST(g.next_deadline().value() == 150ms);  // the ticker's next tick, not 10 + 150
  BOOST_TEST(g.poll(149ms).empty());
  auto first = g.poll(150ms);
  BOOST_TEST_REQUIRE(first.size() == 1u);
  BOOST_TEST(first[0].values == (std::vector<std::int64_t>{1, 2}));
  g.enqueue("hub", {3}, 200ms);
  auto second = g.poll(300ms);  // the first is still unacknowledged: sent again, with 3
  BOOST_TEST_REQUIRE(second.size() == 1u);
  BOOST_TEST(second[0].values == (std::vector<std::int64_t>{1, 2, 3}));
  gossip_acked(g, "hub", *first[0].ack_id, 310ms);
  auto third = g.poll(450ms);
  BOOST_TEST_REQUIRE(third.size() == 1u);
  BOOST_TEST(third[0].values == (std::vector<std::int64_t>{3}));
  gossip_acked(g, "hub", *second[0].ack_id, 460ms);
  gossip_acked(g, "hub", *third[0].ack_id, 470ms);
  auto empty = g.poll(600ms);  // still a sync every tick, empty
  BOOST_TEST_REQUIRE(empty.size() == 1u);
  BOOST_TEST(empty[0].values.empty());
  BOOST_TEST(g.next_deadline().value() == 750ms);
}

BOOST_AUTO_TEST_SUITE_END()
