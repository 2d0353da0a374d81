// txn-list-append: the list store, the server's replies, and lists across replicas: concurrent
// appends merge (none lost, the same order everywhere), and a partition heals by the digest.
#include "challenges/txn/designs.hpp"

#include <boost/test/unit_test.hpp>

#include "tests/support/seed.hpp"
#include "tests/txn_solution/cluster.hpp"

#include <random>

using namespace std::chrono_literals;
using namespace glomers;
using glomers::json::array;
using glomers::json::value;

namespace {

template <class Design>
using list_cluster = testing::cluster<txn_list_with<Design>::template server>;
using batched = txn_designs::list_batched;
struct eager : txn_designs::list_batched {
  using replication = glomers::replication::eager;
};
struct no_repair : txn_designs::list_batched {
  using repair = glomers::repair::none;
};

stamped_write app(std::int64_t k, std::int64_t e, std::int64_t wall, std::int64_t node, std::int64_t seq = 0) {
  return {k, e, {{wall, 0, node}, seq}};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(txn_list_test)

BOOST_AUTO_TEST_CASE(the_store_orders_appends_by_version_and_keeps_each_once) {
  txn::list_store s;
  BOOST_TEST(!s.read(1).has_value());
  BOOST_TEST(s.apply(app(1, 30, 3, 0)));
  BOOST_TEST(s.apply(app(1, 10, 1, 1)));
  BOOST_TEST(s.apply(app(1, 20, 1, 1, 1)));
  BOOST_TEST(!s.apply(app(1, 10, 1, 1)));  // a repeat
  BOOST_TEST((*s.read(1) == std::vector<std::int64_t>{10, 20, 30}));
  txn::list_store t;  // the same appends in another order: the same list
  for (auto w : {app(1, 20, 1, 1, 1), app(1, 30, 3, 0), app(1, 10, 1, 1)}) t.apply(w);
  BOOST_TEST((*t.read(1) == *s.read(1)));
  BOOST_TEST((*s.read(1, {1, 0, 1}) == std::vector<std::int64_t>{10, 20}));  // as of a frontier
  BOOST_TEST(!s.read(1, {0, 5, 1}).has_value());
}

BOOST_AUTO_TEST_CASE(reads_see_committed_appends_not_their_own) {
  list_cluster<eager> c(1);
  BOOST_TEST(c.txn(0, array{array{"r", 1, nullptr}, array{"append", 1, 5}, array{"r", 1, nullptr}}) ==
             (array{array{"r", 1, nullptr}, array{"append", 1, 5}, array{"r", 1, nullptr}}));
  BOOST_TEST(c.txn(0, array{array{"append", 1, 6}, array{"r", 1, nullptr}, array{"r", 2, nullptr}}) ==
             (array{array{"append", 1, 6}, array{"r", 1, array{5}}, array{"r", 2, nullptr}}));
}

BOOST_AUTO_TEST_CASE(an_append_shows_elsewhere_once_every_peer_promised_past_it) {
  list_cluster<eager> c(2);
  c.txn(0, array{array{"append", 1, 5}});
  BOOST_TEST(c.txn(0, array{array{"r", 1, nullptr}}) == (array{array{"r", 1, nullptr}}));  // n1 has promised nothing
  c.step(5ms);  // n0's appends reach n1; n1's digest is not due yet, but n0's promise is
  BOOST_TEST(c.txn(1, array{array{"r", 1, nullptr}}) == (array{array{"r", 1, array{5}}}));
  BOOST_TEST(c.txn(0, array{array{"r", 1, nullptr}}) == (array{array{"r", 1, nullptr}}));
  c.step(1000ms);  // n1's digest carries its promise
  BOOST_TEST(c.txn(0, array{array{"r", 1, nullptr}}) == (array{array{"r", 1, array{5}}}));
}

BOOST_AUTO_TEST_CASE(concurrent_appends_merge_in_one_order_everywhere) {
  list_cluster<eager> c(2);
  c.txn(0, array{array{"append", 1, 1}, array{"append", 1, 2}});
  c.txn(1, array{array{"append", 1, 3}});
  c.step(5ms);
  auto const a = c.txn(0, array{array{"r", 1, nullptr}});
  BOOST_TEST(c.txn(1, array{array{"r", 1, nullptr}}) == a);
  BOOST_TEST(a.at(0).as_array().at(2).as_array().size() == 3u);  // nothing lost
}

struct run_outcome {
  std::vector<array> finals;  // per node: a read of every key
  std::size_t appended = 0;
  std::size_t shown(int node) const {
    std::size_t n = 0;
    for (auto const& m : finals[node]) {
      if (auto const* l = m.as_array().at(2).if_array()) n += l->size();
    }
    return n;
  }
};

template <class Design>
run_outcome partitioned_run(std::uint64_t seed) {
  list_cluster<Design> c(3);
  std::mt19937_64 rng(seed);
  std::int64_t next = 0;
  for (int t = 0; t < 400; ++t) {
    if (t == 50) c.partition({0});
    for (int i = 0; i < c.size(); ++i) {
      array mops;
      for (int k = 1 + int(rng() % 3); k > 0; --k) {
        auto const key = std::int64_t(rng() % 4);
        if (rng() % 2) mops.push_back(array{"r", key, nullptr});
        else mops.push_back(array{"append", key, ++next});
      }
      c.txn(i, mops);
    }
    c.step(5ms);
  }
  c.heal();
  for (int t = 0; t < 1000; ++t) c.step(5ms);
  run_outcome out;
  out.appended = std::size_t(next);
  for (int i = 0; i < c.size(); ++i) {
    out.finals.push_back(c.txn(i, array{array{"r", 0, nullptr}, array{"r", 1, nullptr}, array{"r", 2, nullptr}, array{"r", 3, nullptr}}));
  }
  return out;
}

BOOST_AUTO_TEST_CASE(lists_partition_0_vs_rest_heal_converge) {
  auto const base = testing::base_seed();
  for (std::uint64_t s = base; s < base + 3; ++s) {
    BOOST_TEST_CONTEXT("seed " << s) {
      auto const out = partitioned_run<batched>(s);
      BOOST_TEST(out.finals[1] == out.finals[0]);
      BOOST_TEST(out.finals[2] == out.finals[0]);
      BOOST_TEST(out.shown(0) == out.appended);  // every append, none lost
    }
  }
}

// Without repair the appends a partition dropped never arrive, so no replica's frontier passes
// the partition's start: every replica shows at most what was appended before it.
BOOST_AUTO_TEST_CASE(lists_without_repair_stop_at_the_partition) {
  auto const seed = testing::base_seed();
  auto const out = partitioned_run<no_repair>(seed);
  BOOST_TEST_CONTEXT("GLOMERS_SEED=" << seed) {
    for (int i = 0; i < static_cast<int>(out.finals.size()); ++i) {
      BOOST_TEST(out.shown(i) < out.appended / 4);  // cut at 0.25 s of 2 s
    }
  }
}

// Reads show a stable prefix: on every replica, each read of a key extends the previous one.
BOOST_AUTO_TEST_CASE(every_read_extends_the_last_on_every_replica) {
  list_cluster<batched> c(2);
  std::mt19937_64 rng(testing::base_seed());
  std::map<std::int64_t, array> longest;  // per key, the longest list any read returned
  std::int64_t next = 0;
  for (int t = 0; t < 300; ++t) {
    if (t == 100) c.partition({0});
    if (t == 200) c.heal();
    for (int i = 0; i < 2; ++i) {
      auto const key = std::int64_t(rng() % 3);
      auto const done = c.txn(i, array{array{"r", key, nullptr}, array{"append", key, ++next}});
      auto const& got = done.at(0).as_array().at(2);
      if (got.is_null()) continue;
      auto const& l = got.as_array();
      auto& lo = longest[key];
      auto const& shorter = l.size() < lo.size() ? l : lo;
      auto const& longer = l.size() < lo.size() ? lo : l;
      for (std::size_t j = 0; j < shorter.size(); ++j) BOOST_TEST_REQUIRE(shorter[j] == longer[j]);
      if (l.size() > lo.size()) lo = l;
    }
    c.step(5ms);
  }
}

BOOST_AUTO_TEST_SUITE_END()
