// Repair and gossip stay bounded after a huge sparse gossip (issue 13, robustness item 5): every
// message a broadcast node sends is well under the 1 MiB a peer reads, answering one message
// never walks everything held, and repair still converges, over several periods.
#include "challenges/broadcast/designs.hpp"
#include "policies/repair/digest.hpp"
#include "policies/repair/range_set.hpp"

#include <boost/test/unit_test.hpp>

#include <random>
#include <set>

#include "tests/support/node_fixture.hpp"

using namespace std::chrono_literals;
using namespace glomers;
using glomers::json::array;
using glomers::json::object;

namespace {

constexpr std::size_t cap = std::size_t{1} << 19;  // 512 KiB: half the line limit a peer reads

using digest = repair::digest<1000>;

std::size_t bytes(digest::message const& m) { return boost::json::serialize(json::encode(m)).size(); }

std::vector<std::int64_t> sparse(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 g(seed);
  std::set<std::int64_t> s;
  while (s.size() < n) s.insert(static_cast<std::int64_t>(g() >> 1));
  return {s.begin(), s.end()};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(repair_bound_test)

BOOST_AUTO_TEST_CASE(range_set_merges_neighbours_and_clips_windows) {
  repair::range_set s;
  for (std::int64_t v : std::vector<std::int64_t>{5, 7, 6, 1, INT64_MAX, INT64_MIN, 3, 2}) BOOST_TEST(s.insert(v));
  BOOST_TEST(!s.insert(6));
  BOOST_TEST(s.size() == 8u);
  BOOST_TEST(s.ranges() == 4u);  // [MIN], [1, 3], [5, 7], [MAX]
  BOOST_TEST(s.insert(4));       // joins [1, 3] and [5, 7]
  BOOST_TEST(s.ranges() == 3u);
  BOOST_TEST(s.covers(1, 7));
  BOOST_TEST(!s.covers(0, 7));
  BOOST_TEST(!s.contains(8));
  BOOST_TEST(s.contains(INT64_MIN));
  std::vector<std::pair<std::int64_t, std::int64_t>> seen;
  s.each(3, INT64_MAX - 1, [&](std::int64_t a, std::int64_t b) {
    seen.emplace_back(a, b);
    return true;
  });
  BOOST_TEST_REQUIRE(seen.size() == 1u);
  BOOST_TEST((seen[0] == std::pair<std::int64_t, std::int64_t>{3, 7}));
}

// Two holders of 60,000 sparse values each, none shared, exchange as two nodes would, one
// opening each per period: every message stays under the cap and they converge.
BOOST_AUTO_TEST_CASE(digest_converges_on_a_huge_sparse_difference_in_bounded_messages) {
  auto const a_values = sparse(60000, 1), b_values = sparse(60000, 2);
  repair::range_set a_all, b_all;
  for (auto v : a_values) a_all.insert(v);
  for (auto v : b_values) b_all.insert(v);
  digest a, b;
  std::size_t largest = 0, periods = 0;
  auto exchange = [&](digest& self, repair::range_set& mine, digest& other, repair::range_set& theirs) {
    auto open = self.opening({mine, mine});
    largest = std::max(largest, bytes(open));
    auto ans = other.answer(open, {theirs, theirs});
    largest = std::max(largest, ans.give.size() * 21);  // at most 20 digits and a comma each
    for (auto v : ans.give) mine.insert(v);
    if (!ans.reply) return;
    largest = std::max(largest, bytes(*ans.reply));
    auto back = self.answer(*ans.reply, {mine, mine});
    BOOST_TEST(!back.reply.has_value());  // a reply is never answered with a have
    largest = std::max(largest, back.give.size() * 21);
    for (auto v : back.give) theirs.insert(v);
  };
  while (a_all.size() < 120000 || b_all.size() < 120000) {
    BOOST_TEST_REQUIRE(++periods <= 200u);
    exchange(a, a_all, b, b_all);
    exchange(b, b_all, a, a_all);
  }
  BOOST_TEST(largest <= cap);
  BOOST_TEST(periods > 1u);  // the difference did not fit in one exchange
  BOOST_TEST_MESSAGE("converged in " << periods << " periods, largest message " << largest << " bytes");
  for (auto v : a_values) BOOST_TEST_REQUIRE(b_all.contains(v));
}

// A forged summary cannot make the answer large: a window of everything, nothing held.
BOOST_AUTO_TEST_CASE(an_answer_gives_at_most_max_give_values) {
  repair::range_set held;
  for (std::int64_t v = 0; v < 100000; ++v) held.insert(v * 2);  // 100,000 ranges
  digest d;
  digest::message empty{{}, {{0, INT64_MAX}}, std::nullopt, std::nullopt, std::nullopt};
  auto ans = d.answer(empty, {held, held});
  BOOST_TEST(ans.give.size() == digest::max_give);
  BOOST_TEST(ans.give.front() == 0);
  BOOST_TEST_REQUIRE(ans.reply.has_value());  // it lacks the odd values the peer claims
  BOOST_TEST(ans.reply->all.size() + ans.reply->settled.size() <= digest::max_ranges);
  BOOST_TEST(bytes(*ans.reply) <= cap);
  digest::message overlapping{{{0, 5}, {3, 9}}, {}, std::nullopt, std::nullopt, std::nullopt};
  BOOST_CHECK_THROW(d.answer(overlapping, {held, held}), error);
  digest::message inverted{{}, {}, std::nullopt, 5, 4};
  BOOST_CHECK_THROW(d.answer(inverted, {held, held}), error);
}

namespace {
struct leaf : testing::node_fixture {
  broadcast_server<runtime::manual, designs::hub_batched> server{n};
  explicit leaf(std::string id) { init(id, {"n0", "n1", "n2"}); }
};
}  // namespace

// Two 3d nodes (n2 stands for a peer that sent each of them 40,000 sparse values and then
// died) are cut off from each other while the values arrive, then healed: repair alone must
// bring them together, every message either sends stays under the cap, and a read is answered
// all along.
BOOST_AUTO_TEST_CASE(two_nodes_converge_after_huge_sparse_gossips_in_bounded_messages) {
  leaf n0("n0"), n1("n1");
  auto const v0 = sparse(40000, 3), v1 = sparse(40000, 4);
  for (auto [node, values] : {std::pair{&n0, &v0}, std::pair{&n1, &v1}}) {
    for (std::size_t at = 0; at < values->size(); at += 40000) {  // lines under 1 MiB each
      array part;
      for (std::size_t i = at; i < std::min(values->size(), at + 40000); ++i) part.emplace_back((*values)[i]);
      node->deliver("n2", object{{"type", "gossip"}, {"values", part}});
    }
  }
  std::size_t largest = 0, messages = 0, peer_messages = 0;
  bool healed = false;
  std::int64_t reads = 100;
  auto step = [&] {
    for (auto* from : {&n0, &n1}) {
      from->rt.advance(100ms);
      auto* to = from == &n0 ? &n1 : &n0;
      for (auto& m : from->rt.take_sent()) {
        ++messages;
        largest = std::max(largest, serialize(m).size());
        if (m.dest == to->n.id() && healed) {
          ++peer_messages;
          to->n.receive(std::move(m));
        }
      }
    }
  };
  for (int i = 0; i < 30; ++i) step();  // 3 s cut off: everything settles, nothing crosses
  healed = true;
  int steps = 0;
  auto read = [&](leaf& l) {
    l.deliver("c1", object{{"type", "read"}, {"msg_id", ++reads}});
    auto out = l.rt.take_sent();
    auto it = std::find_if(out.begin(), out.end(), [](auto const& m) { return m.dest == "c1"; });
    BOOST_TEST_REQUIRE((it != out.end()));  // answered at once, mid-repair
    std::size_t const n = it->body.at("messages").as_array().size();
    out.erase(it);
    for (auto& m : out) l.rt.sent.push_back(std::move(m));
    return n;
  };
  while (read(n0) < 80000 || read(n1) < 80000) {  // a read each period, answered at once
    for (int i = 0; i < 10; ++i, ++steps) step();
    BOOST_TEST_REQUIRE(steps <= 1200);  // 120 s of repair at most
  }
  BOOST_TEST(largest <= cap);
  BOOST_TEST(steps > 10);  // several periods: no single exchange carried it all
  BOOST_TEST_MESSAGE("converged after " << steps * 100 << " ms of repair, " << peer_messages << " peer messages, largest "
                                        << largest << " bytes");
}

BOOST_AUTO_TEST_SUITE_END()
