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

BOOST_AUTO_TEST_SUITE_END()
