// The txn policies alone: the hybrid logical clock and last-writer-wins, the two isolation
// models, and the replication schedules.
#include "policies/detail/hlc.hpp"
#include "policies/isolation/read_committed.hpp"
#include "policies/isolation/read_uncommitted.hpp"
#include "policies/replication/batched.hpp"
#include "policies/replication/eager.hpp"

#include <boost/mpl/list.hpp>
#include <boost/test/unit_test.hpp>

using namespace std::chrono_literals;
using namespace glomers;
using detail::hlc;
using detail::hlc_stamp;

namespace {

mop r(std::int64_t k) { return {mop::kind::read, k, std::nullopt}; }
mop w(std::int64_t k, std::int64_t v) { return {mop::kind::write, k, v}; }
mop r(std::int64_t k, std::optional<std::int64_t> v) { return {mop::kind::read, k, v}; }

// A store holding key 1 = 10.
std::optional<std::int64_t> read_store(std::int64_t k) {
  if (k == 1) return 10;
  return std::nullopt;
}

std::vector<stamped_write> set_of(std::int64_t k, std::int64_t v, std::int64_t wall) {
  return {{k, v, {{wall, 0, 0}, 0}}};
}

detail::version_stamp ver(std::int64_t wall, std::int64_t logical, std::int64_t node, std::int64_t seq = 0) {
  return {{wall, logical, node}, seq};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(txn_policies_test)

BOOST_AUTO_TEST_CASE(hlc_ticks_increase_within_a_millisecond_and_across) {
  hlc c(1);
  auto a = c.tick(5), b = c.tick(5), d = c.tick(4), e = c.tick(6);
  BOOST_TEST((a < b && b < d && d < e));
  BOOST_TEST(a.node == 1);
  BOOST_TEST((e == hlc_stamp{6, 0, 1}));
}

BOOST_AUTO_TEST_CASE(hlc_stays_ahead_of_what_it_observed) {
  hlc c(0);
  c.tick(5);
  hlc_stamp const remote{900, 7, 1};  // a peer whose clock runs ahead
  c.observe(remote);
  auto next = c.tick(6);
  BOOST_TEST((next > remote));
  BOOST_TEST((next == hlc_stamp{900, 8, 0}));
  c.observe({900, 3, 1});  // an older stamp changes nothing
  BOOST_TEST((c.tick(6) == hlc_stamp{900, 9, 0}));
}

BOOST_AUTO_TEST_CASE(lww_orders_by_time_then_counter_then_node_then_position) {
  BOOST_TEST(detail::lww_replaces(ver(2, 0, 0), ver(1, 9, 1, 5)));
  BOOST_TEST(detail::lww_replaces(ver(1, 2, 0), ver(1, 1, 1)));
  BOOST_TEST(detail::lww_replaces(ver(1, 1, 1), ver(1, 1, 0, 3)));  // a tie goes to the larger node
  BOOST_TEST(!detail::lww_replaces(ver(1, 1, 0), ver(1, 1, 1)));
  BOOST_TEST(detail::lww_replaces(ver(1, 1, 1, 2), ver(1, 1, 1, 1)));  // a later write of the same set
  BOOST_TEST(!detail::lww_replaces(ver(1, 1, 1), ver(1, 1, 1)));  // the same version: no change
}

using isolation_models = boost::mpl::list<isolation::read_committed, isolation::read_uncommitted>;

BOOST_AUTO_TEST_CASE_TEMPLATE(reads_see_the_store_then_own_writes, I, isolation_models) {
  auto ex = I::execute({r(1), r(2), w(2, 5), r(2), w(1, 11), r(1)}, read_store);
  std::vector<mop> const expected{r(1, 10), r(2, std::nullopt), w(2, 5), r(2, 5), w(1, 11), r(1, 11)};
  BOOST_TEST((ex.results == expected));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(read_only_transactions_commit_nothing, I, isolation_models) {
  BOOST_TEST(I::execute({r(1), r(3)}, read_store).commits.empty());
}

BOOST_AUTO_TEST_CASE(read_committed_commits_the_last_write_of_each_key_at_once) {
  auto ex = isolation::read_committed::execute({w(1, 1), w(2, 1), w(1, 2)}, read_store);
  BOOST_TEST_REQUIRE(ex.commits.size() == 1u);
  BOOST_TEST((ex.commits[0] == write_set{{1, 2}, {2, 1}}));  // the intermediate 1 = 1 never leaves
}

BOOST_AUTO_TEST_CASE(read_uncommitted_commits_every_write_in_order_at_once) {
  auto ex = isolation::read_uncommitted::execute({w(1, 1), w(2, 1), w(1, 2)}, read_store);
  BOOST_TEST_REQUIRE(ex.commits.size() == 1u);  // one set: its writes never interleave with others
  BOOST_TEST((ex.commits[0] == write_set{{1, 1}, {2, 1}, {1, 2}}));
}

BOOST_AUTO_TEST_CASE(eager_sends_every_commit_at_once_to_every_peer) {
  replication::eager rep;
  BOOST_TEST(!rep.next_deadline());
  rep.commit(set_of(1, 1, 0), {"n1", "n2"}, 0ns);
  rep.commit(set_of(2, 1, 0), {"n1", "n2"}, 0ns);
  BOOST_TEST((rep.next_deadline() == 0ns));
  auto out = rep.poll(0ns);
  BOOST_TEST_REQUIRE(out.size() == 2u);
  for (auto const& b : out) BOOST_TEST(b.writes.size() == 2u);  // both sets, in commit order
  BOOST_TEST(out[0].writes[0].key == 1);
  BOOST_TEST(rep.pending_sets() == 0u);  // taken by every destination: forgotten
  BOOST_TEST(!rep.next_deadline());
}

BOOST_AUTO_TEST_CASE(eager_with_no_peers_keeps_nothing) {
  replication::eager rep;
  rep.commit(set_of(1, 1, 0), {}, 0ns);
  BOOST_TEST(rep.poll(0ns).empty());
  BOOST_TEST(rep.pending_sets() == 0u);
}

BOOST_AUTO_TEST_CASE(batched_holds_commits_for_an_interval_and_never_splits_a_set) {
  replication::batched<100> rep;
  std::vector<stamped_write> two{{1, 1, ver(0, 0, 0, 0)}, {2, 1, ver(0, 0, 0, 1)}};
  rep.commit(two, {"n1"}, 0ns);
  BOOST_TEST(rep.poll(0ns).size() == 1u);  // after a quiet interval: at once
  rep.commit(set_of(3, 1, 10), {"n1"}, 10ms);
  rep.commit(two, {"n1"}, 20ms);
  BOOST_TEST(rep.poll(20ms).empty());
  BOOST_TEST((rep.next_deadline() == std::chrono::nanoseconds(100ms)));
  auto out = rep.poll(100ms);
  BOOST_TEST_REQUIRE(out.size() == 1u);
  BOOST_TEST(out[0].writes.size() == 3u);  // one message, both sets whole
  BOOST_TEST(rep.pending_sets() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
