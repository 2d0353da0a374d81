// The lin-kv checker on hand-made histories whose verdicts were worked out by hand.
#include "harness/workloads/lin_kv/checker.hpp"
#include "tests/lin_kv/history_builder.hpp"

#include <boost/test/unit_test.hpp>

using namespace glomers::harness;
using glomers::harness::linearizable_test::builder;
namespace json = glomers::json;

namespace {

json::value verdict_of(history const& h, linearizable::checker_options const& opts = {}) { return linearizable::check(h, opts).at("valid?"); }

std::string reason_of(json::object const& r, std::string const& key = "0") {
  auto const& lin = r.at("results").at(key).at("linearizable").as_object();
  return lin.contains("reason") ? std::string(lin.at("reason").as_string()) : std::string();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(checker_test)

BOOST_AUTO_TEST_CASE(sequential_history_is_valid) {
  builder b;
  b.ok_read(0, nullptr);
  b.ok_write(1, 3);
  b.ok_read(0, 3);
  b.ok_cas(1, 3, 4);
  b.ok_read(0, 4);
  auto const r = linearizable::check(b.h);
  BOOST_TEST(r.at("valid?") == true);
  BOOST_TEST(r.at("failures") == json::array{});
  BOOST_TEST(r.at("results").at("0").at("valid?") == true);
  BOOST_TEST(r.at("results").at("0").at("linearizable").at("op-count") == 5);
}

BOOST_AUTO_TEST_CASE(stale_read_after_a_newer_read_is_invalid) {
  builder b;
  b.ok_write(2, 1);
  auto w = b.write(3, 2);
  b.ok_read(0, 2);  // w took effect
  b.ok_read(1, 1);  // then a read goes back to 1
  b.complete(w, op_type::ok);
  auto const r = linearizable::check(b.h);
  BOOST_TEST(r.at("valid?") == false);
  BOOST_TEST(r.at("failures") == json::array{0});
  auto const reason = reason_of(r);
  BOOST_TEST_MESSAGE(reason);
  BOOST_TEST(reason.find("read 1 (process 1, invoked at 5, ok at 6) cannot be linearized") != std::string::npos);
  BOOST_TEST(reason.find("write 2 (process 3") != std::string::npos);
  BOOST_TEST(r.at("results").at("0").at("linearizable").at("op").at("invoke-index") == 5);
}

BOOST_AUTO_TEST_CASE(lost_write_is_invalid) {
  builder b;
  b.ok_write(0, 1);
  b.ok_write(1, 2);  // acknowledged, then never seen
  b.ok_read(2, 1);
  auto const r = linearizable::check(b.h);
  BOOST_TEST(r.at("valid?") == false);
  auto const reason = reason_of(r);
  BOOST_TEST_MESSAGE(reason);
  BOOST_TEST(reason.find("it read 1 but no order") != std::string::npos);
  BOOST_TEST(reason.find("orders explored leave 2") != std::string::npos);
  // the write of 1 was certainly overwritten: only the write of 2 could come last
  BOOST_TEST(r.at("results").at("0").at("linearizable").at("last-possible-writes").as_array().size() == 1u);
}

BOOST_AUTO_TEST_CASE(cas_against_a_value_never_written_is_invalid) {
  builder b;
  b.ok_write(0, 1);
  b.ok_cas(1, 2, 3);
  auto const r = linearizable::check(b.h);
  BOOST_TEST(r.at("valid?") == false);
  BOOST_TEST(reason_of(r).find("it needed 2, which no op ever wrote") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(cas_against_a_value_already_replaced_is_invalid) {
  builder b;
  b.ok_write(0, 1);
  b.ok_cas(1, 1, 2);
  b.ok_cas(2, 1, 3);  // 1 is gone
  BOOST_TEST(verdict_of(b.h) == false);
}

BOOST_AUTO_TEST_CASE(info_write_a_read_observes_must_have_happened) {
  builder b;
  b.ok_write(0, 1);
  b.complete(b.write(1, 4), op_type::info);
  b.ok_read(2, 4);
  BOOST_TEST(verdict_of(b.h) == true);
}

BOOST_AUTO_TEST_CASE(info_write_that_never_happened_is_accepted) {
  builder b;
  b.ok_write(0, 1);
  b.complete(b.write(1, 4), op_type::info);
  b.ok_read(2, 1);
  b.ok_read(2, 1);
  BOOST_TEST(verdict_of(b.h) == true);
}

BOOST_AUTO_TEST_CASE(info_write_may_take_effect_at_any_later_point_but_only_once) {
  builder b;
  b.complete(b.write(1, 4), op_type::info);
  b.ok_write(0, 1);
  b.ok_read(2, 1);
  b.ok_read(2, 1);
  b.ok_read(2, 4);  // the info write took effect only now
  BOOST_TEST(verdict_of(b.h) == true);
  b.ok_read(2, 1);  // and cannot be undone by itself
  BOOST_TEST(verdict_of(b.h) == false);
}

BOOST_AUTO_TEST_CASE(info_without_completion_counts_as_info) {
  builder b;
  b.ok_write(0, 1);
  b.cas(1, 1, 2);  // never completes
  b.ok_read(2, 2);
  BOOST_TEST(verdict_of(b.h) == true);
}

BOOST_AUTO_TEST_CASE(info_cas_only_when_its_from_value_is_there) {
  builder b;
  b.ok_write(0, 3);
  b.complete(b.cas(1, 1, 2), op_type::info);  // the register never holds 1
  b.ok_read(2, 2);
  BOOST_TEST(verdict_of(b.h) == false);
}

BOOST_AUTO_TEST_CASE(failed_ops_are_removed_and_info_reads_say_nothing) {
  builder b;
  b.ok_write(0, 1);
  b.complete(b.write(1, 2), op_type::fail);
  b.complete(b.cas(1, 3, 4), op_type::fail);
  b.complete(b.read(2), op_type::info);
  b.ok_read(2, 1);
  BOOST_TEST(verdict_of(b.h) == true);
  b.ok_read(2, 2);  // a failed write cannot be seen
  BOOST_TEST(verdict_of(b.h) == false);
}

BOOST_AUTO_TEST_CASE(concurrent_writes_either_order) {
  for (int last : {1, 2}) {
    builder b;
    auto w1 = b.write(0, 1);
    auto w2 = b.write(1, 2);
    b.complete(w2, op_type::ok);
    b.complete(w1, op_type::ok);
    b.ok_read(2, last);
    b.ok_read(2, last);
    BOOST_TEST(verdict_of(b.h) == true, "last " << last);
    b.ok_read(2, 3 - last);  // but only one order at a time
    BOOST_TEST(verdict_of(b.h) == false, "last " << last);
  }
}

BOOST_AUTO_TEST_CASE(concurrent_reads_see_a_write_in_flight_in_either_order) {
  builder b;
  b.ok_write(0, 1);
  auto w = b.write(0, 2);
  auto r1 = b.read(1);
  auto r2 = b.read(2);
  b.complete(r1, op_type::ok, 2);
  b.complete(r2, op_type::ok, 1);  // r2 took effect before w, r1 after
  b.complete(w, op_type::ok);
  BOOST_TEST(verdict_of(b.h) == true);
}

BOOST_AUTO_TEST_CASE(nil_reads_are_always_legal_other_values_need_a_write) {
  builder b;
  b.ok_read(0, nullptr);
  b.ok_write(1, 1);
  b.ok_read(0, nullptr);  // Knossos's cas-register accepts a nil read in any state
  b.ok_read(0, 1);
  BOOST_TEST(verdict_of(b.h) == true);
  builder c;
  c.ok_read(0, 3);
  auto const r = linearizable::check(c.h);
  BOOST_TEST(r.at("valid?") == false);
  BOOST_TEST(reason_of(r).find("which no op ever wrote") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(keys_are_checked_independently) {
  builder b;
  b.key = 0;
  b.ok_write(0, 1);
  b.key = 7;
  b.ok_write(1, 2);
  b.key = 0;
  b.ok_read(2, 1);
  b.key = 7;
  b.ok_read(2, 1);  // 1 was written to key 0, not 7
  auto const r = linearizable::check(b.h);
  BOOST_TEST(r.at("valid?") == false);
  BOOST_TEST(r.at("failures") == json::array{7});
  BOOST_TEST(r.at("results").at("0").at("valid?") == true);
  BOOST_TEST(r.at("results").at("7").at("valid?") == false);
}

// Many unknown writes that never happened, then a read no order explains: proving that takes
// every subset of them, far more states than the budget allows.
BOOST_AUTO_TEST_CASE(exhausted_budget_gives_unknown_never_valid) {
  builder b;
  b.ok_write(0, 0);
  for (int i = 0; i < 12; ++i) b.complete(b.write(1 + i, i % 2 ? 1 : 2), op_type::info);
  for (int i = 0; i < 12; ++i) b.complete(b.cas(20 + i, i % 2 ? 1 : 2, i % 2 ? 2 : 1), op_type::info);
  b.ok_read(40, 3);
  b.ok_read(40, 0);
  linearizable::checker_options tight;
  tight.budget.max_states = 200;
  auto const r = linearizable::check(b.h, tight);
  BOOST_TEST(r.at("valid?") == "unknown");
  BOOST_TEST(r.at("failures") == json::array{});
  BOOST_TEST(r.at("results").at("0").at("linearizable").at("error").as_string().starts_with("search state limit"));
  // A valid history that needs more states than the budget is unknown too, not valid.
  builder v;
  v.ok_write(0, 0);
  for (int i = 0; i < 12; ++i) v.complete(v.write(1 + i, 1 + i % 3), op_type::info);
  v.ok_read(40, 0);
  v.ok_read(40, 3);
  v.ok_read(40, 2);
  v.ok_read(40, 1);
  BOOST_TEST(verdict_of(v.h) == true);
  linearizable::checker_options tiny;
  tiny.budget.max_states = 2;
  BOOST_TEST(verdict_of(v.h, tiny) == "unknown");
}

BOOST_AUTO_TEST_CASE(exhausted_time_gives_unknown) {
  builder b;
  for (int i = 0; i < 3000; ++i) {
    b.ok_write(0, i % 5);
    b.ok_read(1, i % 5);
  }
  BOOST_TEST(verdict_of(b.h) == true);
  linearizable::checker_options none;
  none.budget.max_time = std::chrono::milliseconds(0);
  auto const r = linearizable::check(b.h, none);
  BOOST_TEST(r.at("valid?") == "unknown");
  BOOST_TEST(r.at("results").at("0").at("linearizable").at("error").as_string().starts_with("search time limit"));
  // the time all keys share: a key checked after it ran out is unknown too
  b.key = 1;
  for (int i = 0; i < 3000; ++i) b.ok_write(0, i % 5);
  linearizable::checker_options shared;
  shared.max_total_time = std::chrono::milliseconds(0);
  auto const both = linearizable::check(b.h, shared);
  BOOST_TEST(both.at("results").at("0").at("valid?") == "unknown");
  BOOST_TEST(both.at("results").at("1").at("valid?") == "unknown");
  BOOST_TEST(linearizable::check(b.h).at("valid?") == true);
}

BOOST_AUTO_TEST_CASE(false_beats_unknown_beats_true) {
  builder b;
  b.key = 1;
  b.ok_read(0, 9);  // invalid, found in one state
  b.key = 2;
  b.ok_write(0, 0);
  for (int i = 0; i < 12; ++i) b.complete(b.write(1 + i, 1 + i % 3), op_type::info);
  b.ok_read(40, 3);
  b.ok_read(40, 0);
  linearizable::checker_options tight;
  tight.budget.max_states = 50;
  auto const r = linearizable::check(b.h, tight);
  BOOST_TEST(r.at("valid?") == false);
  BOOST_TEST(r.at("failures") == json::array{1});
  BOOST_TEST(r.at("results").at("2").at("valid?") == "unknown");
}

BOOST_AUTO_TEST_SUITE_END()
