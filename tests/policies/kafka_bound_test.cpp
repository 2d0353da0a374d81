// Kafka replication stays bounded (issue 13, robustness item 5): a backlog of own entries drains
// over several batches, each within the replicator's bounds, and a cut batch's mark never claims
// an entry it does not carry.
#include "policies/log_design/replicator.hpp"

#include <boost/test/unit_test.hpp>

using namespace std::chrono_literals;
using namespace glomers;
using log_design::own_entry;

BOOST_AUTO_TEST_SUITE(kafka_bound_test)

BOOST_AUTO_TEST_CASE(a_backlog_drains_in_bounded_batches_with_honest_marks) {
  using rep = log_design::replicator<100, 500>;
  rep r;
  r.add_peer("n2");
  for (std::int64_t i = 0; i < 10000; ++i) r.push(own_entry{"k", 3 * i, json::value(i)});
  std::int64_t const mark = 3 * 10000;  // the floor: every own entry is below it
  std::size_t got = 0, batches = 0;
  auto now = 0ms;
  while (got < 10000) {
    BOOST_TEST_REQUIRE(++batches <= 10u);
    auto out = r.take_batches(now, mark);
    BOOST_TEST_REQUIRE(out.size() == 1u);
    auto const& b = out[0];
    BOOST_TEST(b.entries.size() <= rep::max_entries);
    BOOST_TEST(b.entries.front().offset == static_cast<std::int64_t>(3 * got));  // a prefix, in order
    got += b.entries.size();
    BOOST_TEST(b.upto == got);
    // Every own entry below the mark is in this batch or an earlier one.
    BOOST_TEST(b.mark == (got < 10000 ? static_cast<std::int64_t>(3 * got) : mark));
    r.on_ack("n2", b.upto, b.mark);
    now += 100ms;
  }
  BOOST_TEST(batches > 1u);
  BOOST_TEST(r.take_batches(now, mark).empty());  // idle once all is acknowledged
}

BOOST_AUTO_TEST_CASE(large_messages_cut_a_batch_by_size) {
  log_design::replicator<0, 500> r;
  r.add_peer("n2");
  for (std::int64_t i = 0; i < 100; ++i) r.push(own_entry{"k", i, json::value(std::string(8000, 'x'))});
  auto out = r.take_batches(0ms, 100);
  BOOST_TEST_REQUIRE(out.size() == 1u);
  BOOST_TEST(out[0].entries.size() < 100u);
  BOOST_TEST(out[0].entries.size() * 8030 <= std::size_t{300} * 1024);
}

BOOST_AUTO_TEST_SUITE_END()
