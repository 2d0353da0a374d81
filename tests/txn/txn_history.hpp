// Hand-made txn histories for the checker tests: txns written as JSON text, invoked and completed
// in the order the test gives.
#pragma once

#include "harness/history.hpp"

#include <boost/json.hpp>

#include <string>

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

}  // namespace glomers::harness::test
