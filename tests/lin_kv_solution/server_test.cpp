// The lin-kv server on a cluster of hand-driven nodes: Maelstrom's semantics and errors through
// every read path, routing, the stale read the mini-etcd baseline makes (persistence:
// durable_test.cpp).
#include "challenges/lin_kv/designs.hpp"
#include "tests/lin_kv_solution/kv_cluster.hpp"

#include <boost/mpl/list.hpp>
#include <boost/test/unit_test.hpp>

using namespace glomers;
using namespace glomers::testing;
namespace d = glomers::lin_kv_designs;

namespace {
std::int64_t code(std::optional<message> const& m) {
  BOOST_TEST_REQUIRE(m.has_value());
  BOOST_TEST_REQUIRE(m->type() == "error");
  return m->body.at("code").as_int64();
}
std::string type(std::optional<message> const& m) { return m ? std::string(m->type()) : "none"; }
}  // namespace

BOOST_AUTO_TEST_SUITE(lin_kv_server_test)

using designs = boost::mpl::list<d::raft_lease, d::raft_read_index, d::raft_log_reads, d::mini_etcd, d::raft_durable>;

BOOST_AUTO_TEST_CASE_TEMPLATE(register_semantics_at_leader_and_followers, D, designs) {
  kv_cluster<D> c(3);
  auto const l = c.leader();
  c.run_for(300ms);
  auto const f = l == "n1" ? std::string("n2") : std::string("n1");
  BOOST_TEST(code(c.call(l, kv_read(1))) == 20);        // missing key
  BOOST_TEST(code(c.call(f, kv_cas(1, 0, 1))) == 20);   // cas of a missing key, via a follower
  BOOST_TEST(type(c.call(f, kv_write(1, 3))) == "write_ok");
  auto r = c.call(l, kv_read(1));
  BOOST_TEST(type(r) == "read_ok");
  BOOST_TEST(r->body.at("value") == json::value(3));
  BOOST_TEST(code(c.call(l, kv_cas(1, 2, 4))) == 22);   // from-value mismatch
  BOOST_TEST(type(c.call(l, kv_cas(1, 3, 4))) == "cas_ok");
  r = c.call(f, kv_read(1));
  BOOST_TEST(type(r) == "read_ok");
  BOOST_TEST(r->body.at("value") == json::value(4));
}

BOOST_AUTO_TEST_CASE(no_known_leader_answers_11_at_once) {
  kv_cluster<d::raft_lease> c(3);
  // Just initialised: nobody has stood yet, so nobody knows a leader.
  auto const id = ++c.last_msg_id;
  auto body = kv_write(1, 1);
  body["msg_id"] = id;
  c.members.at("n1")->n.receive(message{"c1", "n1", body});
  auto sent = c.members.at("n1")->rt.take_sent();
  BOOST_TEST_REQUIRE(sent.size() == 1u);
  BOOST_TEST(sent[0].body.at("code").as_int64() == 11);
}

BOOST_AUTO_TEST_CASE(a_cut_off_leader_serves_stale_reads_only_in_the_broken_design) {
  auto scenario = [](auto tag) {
    kv_cluster<decltype(tag)> c(3);
    auto const old = c.leader();
    c.run_for(300ms);
    BOOST_TEST_REQUIRE(type(c.call(old, kv_write(7, 1))) == "write_ok");
    c.isolate(old);
    c.run_for(1500ms);  // the majority elects anew
    std::string fresh;
    for (auto const& id : c.ids)
      if (id != old && c.server(id).core()->role() == raft_role::leader) fresh = id;
    BOOST_TEST_REQUIRE(!fresh.empty());
    BOOST_TEST_REQUIRE(type(c.call(fresh, kv_write(7, 2))) == "write_ok");
    return c.call(old, kv_read(7), 1s);
  };
  auto stale = scenario(d::mini_etcd{});
  BOOST_TEST(type(stale) == "read_ok");
  BOOST_TEST(stale->body.at("value") == json::value(1));  // overwritten a while ago: not linearizable
  for (auto r : {scenario(d::raft_lease{}), scenario(d::raft_read_index{}), scenario(d::raft_log_reads{})}) {
    // A sound design never answers 1: it fails the read or does not answer.
    BOOST_TEST(!(type(r) == "read_ok" && r->body.at("value") == json::value(1)));
  }
}

BOOST_AUTO_TEST_SUITE_END()
