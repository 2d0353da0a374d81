// The gossip models over payloads other than broadcast's integers: strings, an ordered struct
// (a write set) and a struct with equality only. Batching, acknowledgement and retransmission
// behave as for integers; a resend of unordered values keeps their order and their repeats.
#include "policies/gossip/acked.hpp"
#include "policies/gossip/batched.hpp"
#include "policies/gossip/eager.hpp"
#include "policies/gossip/periodic_sync.hpp"

#include <boost/test/unit_test.hpp>

#include <compare>
#include <concepts>
#include <string>

using namespace std::chrono_literals;
using namespace glomers;

namespace {

// A txn replicator's write: ordered, so resends are sorted and free of repeats.
struct kv_write {
  std::string key;
  std::int64_t value = 0;
  std::int64_t stamp = 0;
  auto operator<=>(kv_write const&) const = default;
};

// A payload with equality only: no order to sort a resend by.
struct blob {
  std::string bytes;
  bool operator==(blob const&) const = default;
};
static_assert(!std::totally_ordered<blob>);

using strings = std::vector<std::string>;

static_assert(gossip_policy<gossip::eager<blob>> && gossip_policy<gossip::batched<50, 50, kv_write>>);
static_assert(gossip_policy<gossip::acked<gossip::eager<blob>, 500>>);
static_assert(gossip_policy<gossip::periodic_sync<150, std::string>>);
// A design's int64 schedule, carrying another payload.
static_assert(std::same_as<gossip_carrying<gossip::batched<120>, kv_write>, gossip::batched<120, 120, kv_write>>);
static_assert(std::same_as<gossip_carrying<gossip::acked<gossip::eager<>, 500>, blob>, gossip::acked<gossip::eager<blob>, 500>>);
static_assert(std::same_as<gossip::acked<gossip::batched<70>, 500>::carrying<std::string>::value_type, std::string>);

}  // namespace

BOOST_AUTO_TEST_SUITE(gossip_payload_test)

BOOST_AUTO_TEST_CASE(batched_strings_travel_together_once_per_interval) {
  gossip::batched<100, 100, std::string> g;
  g.enqueue("n1", {"a"}, 0ms);
  auto first = g.poll(0ms);
  BOOST_TEST_REQUIRE(first.size() == 1u);
  BOOST_TEST(first[0].values == (strings{"a"}));
  g.enqueue("n1", {"b", "c"}, 20ms);
  g.enqueue("n1", {"d"}, 40ms);
  BOOST_TEST(g.poll(40ms).empty());
  BOOST_TEST(g.next_deadline().value() == 100ms);
  auto second = g.poll(100ms);
  BOOST_TEST_REQUIRE(second.size() == 1u);
  BOOST_TEST(second[0].values == (strings{"b", "c", "d"}));  // in enqueue order
  BOOST_TEST(!g.next_deadline().has_value());
}

BOOST_AUTO_TEST_CASE(acked_write_sets_are_resent_merged_until_acknowledged) {
  gossip::acked<gossip::batched<50, 50, kv_write>, 300> g;
  kv_write const x{"x", 1, 10}, y{"y", 2, 11}, z{"a", 3, 12};
  g.enqueue("n1", {y, x}, 0ms);
  auto a = g.poll(0ms);
  BOOST_TEST_REQUIRE(a.size() == 1u);
  BOOST_TEST_REQUIRE(a[0].ack_id.has_value());
  BOOST_TEST((a[0].values == std::vector<kv_write>{y, x}));
  g.enqueue("n1", {z, x}, 60ms);  // x again: a replicator may hand a write on twice
  auto b = g.poll(60ms);
  BOOST_TEST_REQUIRE(b.size() == 1u);
  BOOST_TEST(g.next_deadline().value() == 300ms);
  BOOST_TEST(g.poll(299ms).empty());
  auto retry = g.poll(300ms);  // neither acknowledged: one resend, sorted, x once
  BOOST_TEST_REQUIRE(retry.size() == 1u);
  BOOST_TEST((retry[0].values == std::vector<kv_write>{z, x, y}));
  BOOST_TEST(g.unacked_batches() == 1u);
  gossip_acked(g, "n1", *retry[0].ack_id, 310ms);
  BOOST_TEST(g.unacked_batches() == 0u);
  BOOST_TEST(!g.next_deadline().has_value());
}

BOOST_AUTO_TEST_CASE(acked_unordered_values_resend_in_first_send_order) {
  gossip::acked<gossip::eager<blob>, 500> g;
  g.enqueue("n1", {blob{"q"}, blob{"p"}}, 0ms);
  auto a = g.poll(0ms);
  g.enqueue("n1", {blob{"q"}}, 10ms);
  auto b = g.poll(10ms);
  g.enqueue("n2", {blob{"r"}}, 20ms);
  auto c = g.poll(20ms);
  BOOST_TEST_REQUIRE((a.size() == 1u && b.size() == 1u && c.size() == 1u));
  gossip_acked(g, "n2", *c[0].ack_id, 30ms);  // n2 confirmed; n1 did not
  auto retry = g.poll(510ms);
  BOOST_TEST_REQUIRE(retry.size() == 1u);
  BOOST_TEST(retry[0].to == "n1");
  BOOST_TEST((retry[0].values == std::vector<blob>{blob{"q"}, blob{"p"}, blob{"q"}}));
  gossip_acked(g, "n1", *a[0].ack_id, 520ms);  // a superseded batch: changes nothing
  BOOST_TEST(g.unacked_batches() == 1u);
}

BOOST_AUTO_TEST_CASE(periodic_sync_of_strings_repeats_until_acknowledged) {
  gossip::periodic_sync<150, std::string> g;
  g.enqueue("hub", {"b", "a"}, 10ms);
  BOOST_TEST(g.next_deadline().value() == 150ms);
  auto first = g.poll(150ms);
  BOOST_TEST_REQUIRE(first.size() == 1u);
  BOOST_TEST(first[0].values == (strings{"a", "b"}));  // a set: ascending
  g.enqueue("hub", {"c"}, 200ms);
  auto second = g.poll(300ms);
  BOOST_TEST_REQUIRE(second.size() == 1u);
  BOOST_TEST(second[0].values == (strings{"a", "b", "c"}));
  gossip_acked(g, "hub", *first[0].ack_id, 310ms);
  auto third = g.poll(450ms);
  BOOST_TEST_REQUIRE(third.size() == 1u);
  BOOST_TEST(third[0].values == (strings{"c"}));
}

BOOST_AUTO_TEST_SUITE_END()
