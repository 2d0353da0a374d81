// How long the txn checkers take on a history the size of a 60 s test at --rate 1000: about 60k
// txns over 10 keys, up to 4 micro-ops each, 10 overlapping clients, executed atomically in
// invocation order (so valid). Prints the time; asserts only the verdict.
#include "harness/workloads/txn/generator.hpp"
#include "harness/workloads/txn/list_append.hpp"
#include "harness/workloads/txn/rw_register.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

using namespace glomers::harness;
namespace json = glomers::json;

namespace {

// Txn i is invoked at 10i, executes at once, completes at 10i + 45: with 10 processes each
// process's txns stay sequential, and txns overlap with their neighbours.
history synthetic(std::size_t count, bool append, double stale = 0) {
  world w(42);
  txn::wr_txns gen({.key_count = 10, .max_length = 4, .max_writes_per_key = 16, .append = append});
  std::map<std::int64_t, json::array> lists;
  std::map<std::int64_t, std::int64_t> regs, before;  // current and previous register values
  struct event {
    std::int64_t time;
    op o;
  };
  std::vector<event> events;
  for (std::size_t i = 0; i < count; ++i) {
    auto const invoked = gen.next(w);
    json::array done = invoked;
    for (auto& m : done) {
      auto& a = m.as_array();
      auto const k = a[1].as_int64();
      if (a[0] == "r") {
        if (append) a[2] = lists.count(k) ? json::value(lists[k]) : json::value(nullptr);
        else if (w.uniform() < stale) a[2] = before.count(k) ? json::value(before[k]) : json::value(nullptr);
        else a[2] = regs.count(k) ? json::value(regs[k]) : json::value(nullptr);
      } else if (append) {
        lists[k].push_back(a[2]);
      } else {
        if (regs.count(k)) before[k] = regs[k];
        regs[k] = a[2].as_int64();
      }
    }
    op inv;
    inv.f = "txn";
    inv.value = invoked;
    inv.process = static_cast<std::int64_t>(i % 10);
    op ok = inv;
    ok.type = op_type::ok;
    ok.value = done;
    events.push_back({static_cast<std::int64_t>(10 * i), inv});
    events.push_back({static_cast<std::int64_t>(10 * i + 45), ok});
  }
  std::stable_sort(events.begin(), events.end(), [](auto const& a, auto const& b) { return a.time < b.time; });
  history h;
  std::map<std::pair<std::int64_t, std::string>, std::int64_t> open;  // (process) -> invocation
  std::map<std::int64_t, std::int64_t> pending;
  for (auto& e : events) {
    e.o.index = static_cast<std::int64_t>(h.size());
    e.o.time = sim_time(e.time);
    if (e.o.type == op_type::invoke) {
      pending[e.o.process] = e.o.index;
    } else {
      e.o.invocation = pending.at(e.o.process);
    }
    h.push_back(e.o);
  }
  return h;
}

auto const rw_register = [](history const& h, std::string model) { return txn::check_rw_register(h, {model}); };
auto const list_append = [](history const& h, std::string model) { return txn::check_list_append(h, {model}); };

// Checks h under three models with check(h, model), printing each one's time and verdict.
template <class Check>
std::vector<json::object> timed(std::string_view what, history const& h, Check check) {
  std::vector<json::object> out;
  for (auto const* model : {"strict-serializable", "serializable", "read-committed"}) {
    auto const start = std::chrono::steady_clock::now();
    auto r = check(h, std::string(model));
    auto const ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    auto const* types = r.if_contains("anomaly-types");
    std::cout << what << ", " << model << ": " << ms << " ms, valid? " << boost::json::serialize(r.at("valid?"))
              << ", anomaly types " << (types ? boost::json::serialize(*types) : "none") << "\n";
    out.push_back(std::move(r));
  }
  return out;
}

void expect_valid(std::vector<json::object> const& results) {
  for (auto const& r : results) {
    BOOST_TEST_INFO(boost::json::serialize(r).substr(0, 3000));
    BOOST_TEST(r.at("valid?") == true);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(speed_test)

BOOST_AUTO_TEST_CASE(rw_register_60k_txns) {
  expect_valid(timed("rw-register, 60000 txns", synthetic(60000, false), rw_register));
}

BOOST_AUTO_TEST_CASE(list_append_60k_txns) {
  expect_valid(timed("list-append, 60000 txns", synthetic(60000, true), list_append));
}

// The same with 5% of reads one version stale: large components to search.
BOOST_AUTO_TEST_CASE(rw_register_60k_txns_with_stale_reads) {
  auto const r = timed("rw-register, 60000 txns, 5% stale reads", synthetic(60000, false, 0.05), rw_register);
  BOOST_TEST(r[0].at("valid?") == false);  // strict-serializable
  BOOST_TEST(r[1].at("valid?") == false);  // serializable
}

BOOST_AUTO_TEST_SUITE_END()
