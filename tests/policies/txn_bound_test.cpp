// Txn replication stays bounded (issue 13, robustness item 5): a transaction with more writes
// than one message should carry is replicated in several, each well under the 1 MiB a peer
// reads, and the peer applies them all.
#include "challenges/txn/designs.hpp"

#include <boost/test/unit_test.hpp>

#include "tests/support/node_fixture.hpp"

using namespace glomers;
using glomers::json::array;
using glomers::json::object;

namespace {
template <class Design>
struct replica : testing::node_fixture {
  txn_server<runtime::manual, Design> server{n};
  explicit replica(std::string id) { init(id, {"n1", "n2"}); }
};
}  // namespace

BOOST_AUTO_TEST_SUITE(txn_bound_test)

BOOST_AUTO_TEST_CASE(a_huge_write_set_travels_in_bounded_messages) {
  replica<txn_designs::rc_eager> a("n1"), b("n2");
  a.rt.take_sent();
  array txn;
  for (std::int64_t k = 0; k < 30000; ++k) txn.push_back(array{"w", k, 1000000 + k});
  a.deliver("c1", object{{"type", "txn"}, {"txn", txn}, {"msg_id", 1}});
  std::size_t to_peer = 0, largest = 0;
  for (auto& m : a.rt.take_sent()) {
    if (m.dest != "n2") continue;
    ++to_peer;
    largest = std::max(largest, serialize(m).size());
    b.n.receive(std::move(m));
  }
  BOOST_TEST(to_peer > 1u);
  BOOST_TEST(largest <= std::size_t{1} << 19);
  b.deliver("c2", object{{"type", "txn"}, {"txn", array{array{"r", 0, nullptr}, array{"r", 29999, nullptr}}}, {"msg_id", 2}});
  auto sent = b.rt.take_sent();
  auto it = std::find_if(sent.begin(), sent.end(), [](auto const& m) { return m.dest == "c2"; });
  BOOST_TEST_REQUIRE((it != sent.end()));
  BOOST_TEST(it->body.at("txn") == (array{array{"r", 0, 1000000}, array{"r", 29999, 1029999}}));
}

// Repair after a cut: 30,000 keys written on one replica while the other heard nothing reach it
// through digests of bounded windows and bounded answers, over several periods.
BOOST_AUTO_TEST_CASE(repair_of_many_keys_converges_in_bounded_messages) {
  replica<txn_designs::rc_eager> a("n1"), b("n2");
  array txn;
  for (std::int64_t k = 0; k < 30000; ++k) txn.push_back(array{"w", k, k});
  a.deliver("c1", object{{"type", "txn"}, {"txn", txn}, {"msg_id", 1}});
  a.rt.take_sent();  // the replication is lost
  std::size_t largest = 0, steps = 0;
  auto read_last = [&] {
    b.deliver("c2", object{{"type", "txn"}, {"txn", array{array{"r", 29999, nullptr}}}, {"msg_id", 2}});
    auto sent = b.rt.take_sent();
    auto it = std::find_if(sent.begin(), sent.end(), [](auto const& m) { return m.dest == "c2"; });
    BOOST_TEST_REQUIRE((it != sent.end()));
    return it->body.at("txn").as_array()[0].as_array()[2];
  };
  while (read_last().is_null() || !b.server.store().read(0)) {
    BOOST_TEST_REQUIRE(++steps <= 600u);  // 60 s
    for (auto* from : {&a, &b}) {
      from->rt.advance(std::chrono::milliseconds(100));
      auto* to = from == &a ? &b : &a;
      for (auto& m : from->rt.take_sent()) {
        largest = std::max(largest, serialize(m).size());
        if (m.dest == to->n.id()) to->n.receive(std::move(m));
      }
    }
  }
  BOOST_TEST(largest <= std::size_t{1} << 19);
  BOOST_TEST_MESSAGE("converged after " << steps * 100 << " ms, largest message " << largest << " bytes");
}

BOOST_AUTO_TEST_SUITE_END()
