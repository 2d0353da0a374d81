// driver: one timer for the earliest deadline, moved only to a sooner one, none when idle.
#include "maelstrom/driver.hpp"
#include "tests/support/node_fixture.hpp"

#include <boost/test/unit_test.hpp>

using namespace std::chrono_literals;
using glomers::deadline;

namespace {

// A policy that wants to be asked at the times in `due`, and records when it was.
struct scripted {
  std::vector<std::chrono::nanoseconds> due;
  std::vector<std::chrono::nanoseconds> asked;
  deadline pump(std::chrono::nanoseconds now) {
    asked.push_back(now);
    std::erase_if(due, [&](auto d) { return d <= now; });
    if (due.empty()) return std::nullopt;
    return *std::min_element(due.begin(), due.end());
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(pumps_at_each_deadline_with_one_timer) {
  glomers::testing::node_fixture f;
  f.init();
  scripted p{{30ms, 10ms}, {}};
  glomers::driver d(f.n, [&](auto now) { return p.pump(now); });
  d.kick();
  BOOST_TEST(p.asked.size() == 1u);
  BOOST_TEST(f.rt.timers_pending() == 1u);
  BOOST_TEST((d.armed_for() == deadline(10ms)));
  f.rt.advance(10ms);
  BOOST_TEST(p.asked.size() == 2u);
  BOOST_TEST((p.asked.back() == 10ms));
  BOOST_TEST((d.armed_for() == deadline(30ms)));
  f.rt.advance(20ms);
  BOOST_TEST(p.asked.size() == 3u);
  BOOST_TEST(!d.armed_for());  // idle: nothing armed
  BOOST_TEST(f.rt.timers_pending() == 0u);
}

BOOST_AUTO_TEST_CASE(an_earlier_deadline_replaces_the_armed_timer) {
  glomers::testing::node_fixture f;
  f.init();
  scripted p{{50ms}, {}};
  glomers::driver d(f.n, [&](auto now) { return p.pump(now); });
  d.kick();
  p.due.push_back(5ms);
  d.kick();
  BOOST_TEST(f.rt.timers_pending() == 1u);
  f.rt.advance(5ms);
  BOOST_TEST((p.asked.back() == 5ms));
  BOOST_TEST((d.armed_for() == deadline(50ms)));
}

// A deadline that moves later (or goes away) leaves the armed timer be: it fires, the pump finds
// nothing due, and the deadline then current is armed. Nothing is missed, nothing cancelled.
BOOST_AUTO_TEST_CASE(a_later_deadline_keeps_the_armed_timer_until_it_fires) {
  glomers::testing::node_fixture f;
  f.init();
  scripted p{{10ms}, {}};
  glomers::driver d(f.n, [&](auto now) { return p.pump(now); });
  d.kick();
  p.due = {40ms};  // moved later, as an election deadline after a heartbeat
  d.kick();
  BOOST_TEST((d.armed_for() == deadline(10ms)));
  BOOST_TEST(f.rt.timers_pending() == 1u);
  f.rt.advance(10ms);  // the stale timer: an empty pump, then the current deadline
  BOOST_TEST((p.asked.back() == 10ms));
  BOOST_TEST((d.armed_for() == deadline(40ms)));
  p.due.clear();  // nothing wanted any more
  d.kick();
  BOOST_TEST((d.armed_for() == deadline(40ms)));
  f.rt.advance(30ms);
  BOOST_TEST((p.asked.back() == 40ms));
  BOOST_TEST(!d.armed_for());  // idle
  BOOST_TEST(f.rt.timers_pending() == 0u);
  BOOST_TEST(p.asked.size() == 5u);
}

BOOST_AUTO_TEST_CASE(a_kick_from_inside_the_pump_pumps_again_not_recursively) {
  glomers::testing::node_fixture f;
  f.init();
  int calls = 0;
  glomers::driver<glomers::runtime::manual>* self = nullptr;
  glomers::driver d(f.n, [&](auto) -> deadline {
    if (++calls == 1) self->kick();
    return std::nullopt;
  });
  self = &d;
  d.kick();
  BOOST_TEST(calls == 2);
}

BOOST_AUTO_TEST_CASE(a_past_deadline_fires_from_the_loop_not_inline) {
  glomers::testing::node_fixture f;
  f.init();
  f.rt.advance(100ms);
  scripted p{{20ms}, {}};  // already due
  p.due.push_back(200ms);
  glomers::driver d(f.n, [&](auto now) { return p.pump(now); });
  d.kick();  // erases 20 ms, arms 200 ms
  BOOST_TEST((d.armed_for() == deadline(200ms)));
  BOOST_TEST((glomers::earliest(deadline(3ms), std::nullopt) == deadline(3ms)));
  BOOST_TEST((glomers::earliest(deadline(3ms), deadline(2ms)) == deadline(2ms)));
  BOOST_TEST(!glomers::earliest(std::nullopt, std::nullopt));
}

BOOST_AUTO_TEST_CASE(a_pump_that_throws_leaves_the_driver_working) {
  glomers::testing::node_fixture f;
  f.init();
  scripted p{{10ms}, {}};
  bool fail = true;
  glomers::driver d(f.n, [&](auto now) -> deadline {
    if (std::exchange(fail, false)) throw std::runtime_error("a send the node refused");
    return p.pump(now);
  });
  BOOST_CHECK_THROW(d.kick(), std::runtime_error);
  d.kick();  // not stuck "inside a pump": this one pumps and arms
  BOOST_TEST(p.asked.size() == 1u);
  BOOST_TEST((d.armed_for() == deadline(10ms)));
  f.rt.advance(10ms);
  BOOST_TEST(p.asked.size() == 2u);
}
