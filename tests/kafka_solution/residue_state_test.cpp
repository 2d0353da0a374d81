// residue_state, the pure core of log_design::residue: offset classes, batches and their
// acknowledgement, settling, and a randomized run over a lossy, partitioned network in which
// every client's polls must be gap-free in the final order and every entry must end up
// everywhere. The same run with polls that ignore settling must find a gap (the test can fail).
#include "policies/log_design/residue_state.hpp"
#include "policies/log_storage/sorted_vector.hpp"

#include <boost/test/unit_test.hpp>

#include <random>
#include <set>

using namespace std::chrono_literals;
using namespace glomers;
using state = log_design::residue_state<log_storage::sorted_vector<1000>, 10, 50>;

namespace {
// Delivers b to its receiver and acknowledges it.
void deliver(state& from, std::string const& from_id, state& to, log_design::replication_batch const& b) {
  to.receive(from_id, b.entries, b.mark);
  from.on_ack(b.to, b.upto, b.mark);
}
std::vector<std::int64_t> offsets(polled_logs const& p, std::string const& key) {
  std::vector<std::int64_t> out;
  if (auto it = p.find(key); it != p.end()) {
    for (auto const& e : it->second) out.push_back(e.offset);
  }
  return out;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(residue_state_test)

BOOST_AUTO_TEST_CASE(offsets_come_from_the_node_residue_class_and_grow) {
  state a, b;
  a.start("n0", {"n0", "n1", "n2"});
  b.start("n1", {"n0", "n1", "n2"});
  BOOST_TEST(a.append("k", json::value(1)) == 0);
  BOOST_TEST(a.append("k", json::value(2)) == 3);
  BOOST_TEST(a.append("j", json::value(3)) == 6);  // the floor is node-wide
  BOOST_TEST(b.append("k", json::value(4)) == 1);
  BOOST_TEST(b.append("k", json::value(5)) == 4);
}

BOOST_AUTO_TEST_CASE(single_node_settles_at_once_and_sends_nothing) {
  state s;
  s.start("n0", {"n0"});
  BOOST_TEST(s.append("k", json::value(7)) == 0);
  BOOST_TEST(s.append("k", json::value(8)) == 1);
  BOOST_TEST(offsets(s.poll({{"k", 0}}), "k") == (std::vector<std::int64_t>{0, 1}));
  BOOST_TEST(offsets(s.poll({{"k", 1}}), "k") == (std::vector<std::int64_t>{1}));
  BOOST_TEST(s.take_batches(0ns).empty());
  BOOST_TEST(!s.next_deadline());
}

BOOST_AUTO_TEST_CASE(an_entry_is_served_once_every_peer_has_passed_it) {
  state a, b;
  a.start("n0", {"n0", "n1"});
  b.start("n1", {"n0", "n1"});
  BOOST_TEST(b.append("k", json::value(10)) == 1);
  BOOST_TEST(b.poll({{"k", 0}}).empty());  // n0 might still assign 0
  auto batches = b.take_batches(0ns);
  BOOST_TEST_REQUIRE(batches.size() == 1u);
  BOOST_TEST(batches[0].to == "n0");
  BOOST_TEST(batches[0].mark == 2);
  deliver(b, "n1", a, batches[0]);
  BOOST_TEST(a.floor() == 2);  // n0 will never assign below 2 now
  BOOST_TEST(offsets(a.poll({{"k", 0}}), "k") == (std::vector<std::int64_t>{1}));
  BOOST_TEST(b.poll({{"k", 0}}).empty());  // n1 has not heard n0's promise yet
  auto back = a.take_batches(1ms);          // no entries, only the raised watermark
  BOOST_TEST_REQUIRE(back.size() == 1u);
  BOOST_TEST(back[0].entries.empty());
  deliver(a, "n0", b, back[0]);
  BOOST_TEST(offsets(b.poll({{"k", 0}}), "k") == (std::vector<std::int64_t>{1}));
  BOOST_TEST(a.take_batches(100ms).empty());  // quiet: nothing new either way
  BOOST_TEST(b.take_batches(100ms).empty());
  BOOST_TEST(!a.next_deadline());
  BOOST_TEST(!b.next_deadline());
}

BOOST_AUTO_TEST_CASE(lost_batches_are_resent_with_everything_unacknowledged) {
  state a, b;
  a.start("n0", {"n0", "n1"});
  b.start("n1", {"n0", "n1"});
  a.append("k", json::value(1));
  BOOST_TEST(a.take_batches(0ns).size() == 1u);  // lost
  a.append("k", json::value(2));
  BOOST_TEST(a.take_batches(10ms).empty());  // one in flight: wait for its ack or the retry
  BOOST_TEST((a.next_deadline() == std::optional<std::chrono::nanoseconds>(50ms)));
  auto again = a.take_batches(50ms);
  BOOST_TEST_REQUIRE(again.size() == 1u);
  BOOST_TEST(again[0].entries.size() == 2u);
  deliver(a, "n0", b, again[0]);
  BOOST_TEST(a.unacked("n1") == 0u);
  BOOST_TEST(b.storage().size("k") == 2u);
}

BOOST_AUTO_TEST_CASE(batches_wait_for_the_interval) {
  state a, b;
  a.start("n0", {"n0", "n1"});
  b.start("n1", {"n0", "n1"});
  a.append("k", json::value(1));
  deliver(a, "n0", b, a.take_batches(0ns).at(0));
  a.append("k", json::value(2));
  BOOST_TEST(a.take_batches(5ms).empty());
  BOOST_TEST((a.next_deadline() == std::optional<std::chrono::nanoseconds>(10ms)));
  BOOST_TEST(a.take_batches(10ms).size() == 1u);
}

namespace {

struct client {
  int node;
  offset_map next;                                         // key -> next offset to poll
  std::map<std::string, std::vector<std::int64_t>> seen;  // every offset polled, in order
};
struct in_flight {
  int from, to;
  log_design::replication_batch batch;
};

// A random run of N nodes; `honest` polls use settling, the others read everything stored.
// Returns the number of violations found (gaps in a client's polls, missing entries at the end).
int random_run(std::uint64_t seed, int n, bool honest) {
  std::mt19937_64 rng(seed);
  auto chance = [&rng](double p) { return std::uniform_real_distribution<>(0, 1)(rng) < p; };
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) ids.push_back("n" + std::to_string(i));
  std::vector<state> nodes(n);
  for (int i = 0; i < n; ++i) nodes[i].start(ids[i], ids);
  std::vector<client> clients;
  for (int i = 0; i < 2 * n; ++i) clients.push_back({i % n, {}, {}});
  std::vector<in_flight> net;
  std::set<std::pair<int, int>> cut;
  std::chrono::nanoseconds now{0};
  int next_msg = 0;
  std::vector<std::string> const keys{"a", "b", "c"};

  auto poll = [&](client& c) {
    offset_map req;
    for (auto const& k : keys) req[k] = c.next.count(k) ? c.next[k] : 0;
    polled_logs got;
    if (honest) {
      got = nodes[c.node].poll(req);
    } else {
      for (auto const& [k, from] : req) {
        auto run = nodes[c.node].storage().read(k, from, std::numeric_limits<std::int64_t>::max());
        if (!run.empty()) got[k] = run;
      }
    }
    for (auto const& [k, run] : got) {
      for (auto const& e : run) c.seen[k].push_back(e.offset);
      c.next[k] = run.back().offset + 1;
    }
  };
  auto step_network = [&](bool healed) {
    for (int i = 0; i < n; ++i) {
      for (auto& b : nodes[i].take_batches(now)) {
        int to = std::find(ids.begin(), ids.end(), b.to) - ids.begin();
        net.push_back({i, to, std::move(b)});
      }
    }
    if (net.empty()) return;
    auto const pick = std::uniform_int_distribution<std::size_t>(0, net.size() - 1)(rng);
    auto m = std::move(net[pick]);
    net.erase(net.begin() + static_cast<std::ptrdiff_t>(pick));
    bool const dropped = !healed && (cut.count({m.from, m.to}) || chance(0.1));
    if (dropped) return;
    nodes[m.to].receive(ids[m.from], m.batch.entries, m.batch.mark);
    if (healed || !chance(0.1)) nodes[m.from].on_ack(m.batch.to, m.batch.upto, m.batch.mark);  // acks get lost too
  };

  for (int t = 0; t < 3000; ++t) {
    now += 1ms;
    if (chance(0.01)) {
      cut.clear();
      if (chance(0.5)) {
        int const x = std::uniform_int_distribution<int>(0, n - 1)(rng);
        for (int y = 0; y < n; ++y) {
          if (y != x) cut.insert({x, y}), cut.insert({y, x});
        }
      }
    }
    if (chance(0.3)) {
      int const at = std::uniform_int_distribution<int>(0, n - 1)(rng);
      auto const& key = keys[std::uniform_int_distribution<std::size_t>(0, keys.size() - 1)(rng)];
      nodes[at].append(key, json::value(next_msg++));
    }
    if (chance(0.3)) poll(clients[std::uniform_int_distribution<std::size_t>(0, clients.size() - 1)(rng)]);
    step_network(false);
  }
  for (int t = 0; t < 2000; ++t) {  // healed: everything settles
    now += 1ms;
    step_network(true);
    for (auto& c : clients) poll(c);
  }

  int violations = 0;
  for (auto const& k : keys) {
    auto const all = nodes[0].storage().read(k, 0, std::numeric_limits<std::int64_t>::max());
    std::vector<std::int64_t> order;
    for (auto const& e : all) order.push_back(e.offset);
    for (int i = 1; i < n; ++i) {
      if (nodes[i].storage().read(k, 0, std::numeric_limits<std::int64_t>::max()) != all) ++violations;
    }
    for (auto const& c : clients) {
      auto it = c.seen.find(k);
      auto const seen = it == c.seen.end() ? std::vector<std::int64_t>{} : it->second;
      if (seen != order) ++violations;  // gap-free from 0 and complete means exactly the order
    }
  }
  return violations;
}

}  // namespace

BOOST_AUTO_TEST_CASE(random_partitioned_runs_poll_without_gaps) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    for (int n : {2, 3}) {
      BOOST_TEST_CONTEXT("seed " << seed << ", " << n << " nodes") { BOOST_TEST(random_run(seed, n, true) == 0); }
    }
  }
}

BOOST_AUTO_TEST_CASE(polls_that_ignore_settling_are_caught) {
  int caught = 0;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) caught += random_run(seed, 2, false) > 0;
  BOOST_TEST(caught >= 4);
}

BOOST_AUTO_TEST_SUITE_END()
