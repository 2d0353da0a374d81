// Hand-made txn histories for the checker tests: txns written as JSON text, invoked and completed
// in the order the test gives; and what the tests ask of a checker's result.
#pragma once

#include "harness/history.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <string>
#include <string_view>

namespace glomers::harness::test {

struct txn_builder {
  history h;
  std::int64_t clock = 0;

  // Invokes a txn (reads carry null); returns the invocation's index.
  std::int64_t begin(std::int64_t process, std::string const& txn, bool final = false) {
    op o;
    o.index = static_cast<std::int64_t>(h.size());
    o.f = "txn";
    o.value = blank_reads(boost::json::parse(txn));
    o.process = process;
    o.time = sim_time(clock++);
    o.final = final;
    h.push_back(o);
    return o.index;
  }
  // Completes it: ok with the txn as executed, or fail/info with the invocation's value.
  std::int64_t end(std::int64_t inv, op_type type, std::string const& txn = "") {
    op o = h[static_cast<std::size_t>(inv)];
    o.index = static_cast<std::int64_t>(h.size());
    o.type = type;
    o.invocation = inv;
    o.time = sim_time(clock++);
    if (type == op_type::ok) o.value = boost::json::parse(txn);
    h.push_back(o);
    return o.index;
  }
  // A txn that runs alone: invoked, then completed.
  std::int64_t run(std::int64_t process, op_type type, std::string const& txn, bool final = false) {
    return end(begin(process, txn, final), type, txn);
  }
  std::int64_t ok(std::int64_t process, std::string const& txn) { return run(process, op_type::ok, txn); }

  static json::value blank_reads(json::value v) {
    for (auto& m : v.as_array()) {
      if (m.as_array()[0] == "r") m.as_array()[2] = nullptr;
    }
    return v;
  }
};

// Whether a checker's result lists `type` among its anomaly types.
inline bool has_type(json::object const& r, std::string_view type) {
  auto const* t = r.if_contains("anomaly-types");
  if (!t || !t->is_array()) return false;
  auto const& a = t->get_array();
  return std::find(a.begin(), a.end(), json::value(type)) != a.end();
}

inline std::string show(json::object const& r) { return boost::json::serialize(r); }

// The result is invalid, with `type` among its anomalies (printed whole when it is not).
inline void expect_anomaly(json::object const& r, std::string_view type) {
  BOOST_TEST_CONTEXT(show(r)) {
    BOOST_TEST(r.at("valid?") == false);
    BOOST_TEST(has_type(r, type));
  }
}

}  // namespace glomers::harness::test
