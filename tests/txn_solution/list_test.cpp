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
  txn::list_store t;  // the same appends in another order: the same summary
  for (auto w : {app(1, 20, 1, 1, 1), app(1, 30, 3, 0), app(1, 10, 1, 1)}) t.apply(w);
  BOOST_TEST((s.summarise(s.lists().at(1), 100) == t.summarise(t.lists().at(1), 100)));
  BOOST_TEST(s.summarise(s.lists().at(1), 2).count == 2);  // only appends before the cutoff
}

BOOST_AUTO_TEST_CASE(reads_see_the_replica_then_own_appends) {
  list_cluster<eager> c(1);
  BOOST_TEST(c.txn(0, array{array{"r", 1, nullptr}, array{"append", 1, 5}, array{"r", 1, nullptr}}) ==
             (array{array{"r", 1, nullptr}, array{"append", 1, 5}, array{"r", 1, array{5}}}));
  BOOST_TEST(c.txn(0, array{array{"append", 1, 6}, array{"r", 1, nullptr}, array{"r", 2, nullptr}}) ==
             (array{array{"append", 1, 6}, array{"r", 1, array{5, 6}}, array{"r", 2, nullptr}}));
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

template <class Design>
std::vector<array> partitioned_run(std::uint64_t seed) {
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
  std::vector<array> finals;
  for (int i = 0; i < c.size(); ++i) {
    finals.push_back(c.txn(i, array{array{"r", 0, nullptr}, array{"r", 1, nullptr}, array{"r", 2, nullptr}, array{"r", 3, nullptr}}));
  }
  return finals;
}

BOOST_AUTO_TEST_CASE(lists_partition_0_vs_rest_heal_converge) {
  auto const base = testing::base_seed();
  for (std::uint64_t s = base; s < base + 3; ++s) {
    BOOST_TEST_CONTEXT("seed " << s) {
      auto const finals = partitioned_run<batched>(s);
      BOOST_TEST(finals[1] == finals[0]);
      BOOST_TEST(finals[2] == finals[0]);
      std::size_t total = 0;
      for (auto const& m : finals[0]) total += m.as_array().at(2).as_array().size();
      BOOST_TEST(total > 1000u);  // every append of 2 s on 3 nodes (~1200), none lost
    }
  }
}

BOOST_AUTO_TEST_CASE(lists_without_repair_stay_apart) {
  auto const finals = partitioned_run<no_repair>(testing::base_seed());
  BOOST_TEST(finals[1] == finals[2]);
  BOOST_TEST(finals[0] != finals[1]);
}

BOOST_AUTO_TEST_SUITE_END()
