// The register search against a brute-force oracle on many small random histories: every
// subset of the unknown ops, every order that respects real time, the cas-register model.
#include "harness/workloads/lin_kv/linearizability.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <random>
#include <sstream>

using namespace glomers::harness::linearizable;

namespace {

// Is there an order of all ok ops and some unknown ops, each after every ok op that completed
// before it was invoked, that the register accepts?
bool brute_force(std::vector<reg_op> const& ops) {
  auto const n = ops.size();
  std::vector<char> used(n, 0);
  auto const must_precede = [&](std::size_t a, std::size_t b) { return !ops[a].unknown() && ops[a].ret < ops[b].call; };
  auto rec = [&](auto&& self, std::int32_t state) -> bool {
    bool all_ok_done = true;
    for (std::size_t i = 0; i < n; ++i) all_ok_done &= used[i] || ops[i].unknown();
    if (all_ok_done) return true;  // the remaining unknown ops never happened
    for (std::size_t i = 0; i < n; ++i) {
      if (used[i]) continue;
      bool ready = true;
      for (std::size_t j = 0; j < n && ready; ++j) ready = used[j] || !must_precede(j, i);
      if (!ready) continue;
      auto const next = step(state, ops[i]);
      if (!next) continue;
      used[i] = 1;
      if (self(self, *next)) return used[i] = 0, true;
      used[i] = 0;
    }
    return false;
  };
  return rec(rec, nil_value);
}

std::vector<reg_op> random_history(std::mt19937_64& rng, int n) {
  auto pick = [&](int k) { return static_cast<std::int32_t>(rng() % static_cast<std::uint64_t>(k)); };
  // 2n distinct positions: each op's call before its return
  std::vector<int> events;
  for (int i = 0; i < n; ++i) events.push_back(i), events.push_back(i);
  std::shuffle(events.begin(), events.end(), rng);
  std::vector<reg_op> ops(static_cast<std::size_t>(n));
  std::vector<int> seen(static_cast<std::size_t>(n), 0);
  for (std::size_t p = 0; p < events.size(); ++p) {
    auto& o = ops[static_cast<std::size_t>(events[p])];
    (seen[static_cast<std::size_t>(events[p])]++ ? o.ret : o.call) = static_cast<std::int64_t>(p);
  }
  for (auto& o : ops) {
    auto const f = pick(3);
    o.f = f == 0 ? reg_f::read : f == 1 ? reg_f::write : reg_f::cas;
    o.a = pick(3);  // 0 is nil: nil reads, writes of nil, cas from nil
    o.b = pick(3);
    if (o.f != reg_f::read && pick(10) < 3) o.ret = -1;  // unknown outcome
  }
  return ops;
}

std::string show(std::vector<reg_op> const& ops) {
  std::ostringstream s;
  for (auto const& o : ops) {
    s << (o.f == reg_f::read ? "r" : o.f == reg_f::write ? "w" : "c") << o.a;
    if (o.f == reg_f::cas) s << ">" << o.b;
    s << "[" << o.call << "," << o.ret << "] ";
  }
  return s.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(linearizability_test)

BOOST_AUTO_TEST_CASE(agrees_with_brute_force_on_small_random_histories) {
  std::mt19937_64 rng(20261125);
  int valid = 0, invalid = 0;
  for (int round = 0; round < 4000; ++round) {
    auto const ops = random_history(rng, 1 + round % 7);
    auto const expected = brute_force(ops);
    auto const got = check_register(ops);
    BOOST_TEST_REQUIRE((got.outcome == verdict::valid) == expected, show(ops));
    BOOST_TEST_REQUIRE((got.outcome == verdict::invalid) == !expected, show(ops));
    if (!expected) BOOST_TEST_REQUIRE(got.stuck >= 0, show(ops));
    (expected ? valid : invalid)++;
  }
  BOOST_TEST_MESSAGE(valid << " valid, " << invalid << " invalid");
  BOOST_TEST(valid > 500);
  BOOST_TEST(invalid > 500);
}

BOOST_AUTO_TEST_CASE(the_stuck_op_is_an_ok_op_and_the_values_it_met_are_reported) {
  // w1 ok, then w2 ok, then r1: the read is stuck and met only 2
  std::vector<reg_op> ops{{reg_f::write, 1, 0, 0, 1}, {reg_f::write, 2, 0, 2, 3}, {reg_f::read, 1, 0, 4, 5}};
  auto const r = check_register(ops);
  BOOST_TEST((r.outcome == verdict::invalid));
  BOOST_TEST(r.stuck == 2);
  BOOST_TEST(r.stuck_states == std::vector<std::int32_t>{2});
  BOOST_TEST(r.stuck_order == (std::vector<std::int32_t>{0, 1}));
}

BOOST_AUTO_TEST_SUITE_END()
