// The kafka workload's checker: Jepsen's kafka analysis over the client ops (spec §6.7), with
// Jepsen's result map {valid?, bad-error-types, error-types, info-txn-causes, worst-realtime-lag,
// <type>: {count, errs}, unseen: {...}} and its caps on each list. Error types Jepsen allows
// (G0 and friends, int-send-skip) do not invalidate; a polled message nobody sent, or anything
// else that makes Jepsen's analysis throw, answers "unknown".
#pragma once

#include "harness/workloads/kafka/checker_order.hpp"
#include "harness/workloads/kafka/checker_realtime.hpp"
#include "harness/workloads/kafka/checker_writes.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace glomers::harness::kafka {

// Error types that are reported but do not invalidate the test (Jepsen's allowed-error-types
// for sub-via #{:assign} without ww-deps).
inline std::set<std::string> const& allowed_error_types() {
  static std::set<std::string> const allowed{"int-send-skip", "G0", "G0-process", "G0-realtime",
                                             "PL-1-cycle-exists", "strong-PL-1-cycle-exists"};
  return allowed;
}

namespace detail {

enum class cap { all, first, last };

// Jepsen's condense-error: {count, errs} with errs sorted by the type's key and cut to n.
inline json::object condense(anomalies& errs, cap how, std::size_t n) {
  auto const count = static_cast<std::int64_t>(errs.size());
  std::size_t from = 0, to = errs.size();
  if (how != cap::all) {
    std::stable_sort(errs.begin(), errs.end(), [](auto const& a, auto const& b) { return a.sort_key < b.sort_key; });
    if (how == cap::first) to = std::min(n, errs.size());
    if (how == cap::last && errs.size() > n) from = errs.size() - n;
  }
  json::array out;
  for (std::size_t i = from; i < to; ++i) out.push_back(errs[i].render());
  return json::object{{"count", count}, {"errs", std::move(out)}};
}

inline json::object check_or_throw(history const& h) {
  auto d = build_analysis_data(h);
  auto const orders = build_version_orders(d);
  std::map<std::string, json::value> errors;
  auto const add = [&](std::string const& type, anomalies errs, cap how, std::size_t n) {
    if (!errs.empty()) errors[type] = condense(errs, how, n);
  };

  anomalies dups, inconsistent;
  for (auto const& x : orders.duplicates) {
    dups.push_back({double(x.count), [&d, x] {
                      json::array offs;
                      for (auto o : x.offsets) offs.push_back(o);
                      return json::object{{"key", key_json(d, x.key)},
                                          {"value", value_json(d, x.value)},
                                          {"count", x.count},
                                          {"offsets", std::move(offs)}};
                    }});
  }
  for (auto const& x : orders.inconsistent) {
    inconsistent.push_back({double(x.values.size()), [&d, x] {
                              return json::object{{"key", key_json(d, x.key)},
                                                  {"offset", x.offset},
                                                  {"index", x.index},
                                                  {"values", values_json(d, x.values)}};
                            }});
  }
  add("duplicate", std::move(dups), cap::first, 32);
  add("inconsistent-offsets", std::move(inconsistent), cap::first, 32);

  auto int_poll = int_poll_cases(d, orders);
  add("int-poll-skip", std::move(int_poll.skip), cap::last, 8);
  add("int-nonmonotonic-poll", std::move(int_poll.nonmonotonic), cap::first, 8);
  auto int_send = int_send_cases(d, orders);
  add("int-send-skip", std::move(int_send.skip), cap::last, 8);
  add("int-nonmonotonic-send", std::move(int_send.nonmonotonic), cap::first, 8);
  auto polls = poll_cases(d, orders);
  add("poll-skip", std::move(polls.skip), cap::last, 8);
  add("nonmonotonic-poll", std::move(polls.nonmonotonic), cap::first, 8);
  add("nonmonotonic-send", nonmonotonic_send_cases(d, orders), cap::first, 8);
  add("precommitted-read", precommitted_read_cases(d), cap::all, 0);
  add("G1a", g1a_cases(d), cap::all, 0);
  add("lost-write", lost_write_cases(d, orders), cap::all, 0);
  if (auto u = unseen(d); !u.is_null()) errors["unseen"] = std::move(u);

  // Jepsen runs Elle only on a history whose first client op has a type, i.e. a non-empty one.
  if (!d.client.empty()) {
    auto cycles = cycle_cases(d);
    add("G1c-realtime", std::move(cycles.g1c_realtime), cap::first, 8);
    if (cycles.empty_graph) errors["empty-transaction-graph"] = json::object{{"count", 1}, {"errs", true}};
  }

  json::array causes;
  std::set<std::string> seen_causes;
  for (auto const i : d.client) {
    auto const& o = d.at(i);
    if (o.type != op_type::info || !is_txn_f(o.f) || !seen_causes.insert(o.error).second) continue;
    causes.push_back(o.error.empty() ? json::value(nullptr) : json::value(o.error));
  }
  json::array types, bad;
  for (auto const& [type, _] : errors) {
    types.push_back(json::value(type));
    if (!allowed_error_types().count(type)) bad.push_back(json::value(type));
  }
  json::object out{{"valid?", bad.empty()},
                   {"worst-realtime-lag", worst_realtime_lag(d)},
                   {"bad-error-types", bad},
                   {"error-types", types},
                   {"info-txn-causes", causes}};
  for (auto& [type, v] : errors) out[type] = std::move(v);
  return out;
}

}  // namespace detail

inline json::object check(history const& h) {
  try {
    return detail::check_or_throw(h);
  } catch (analysis_error const& e) {
    return json::object{{"valid?", "unknown"}, {"error", e.what()}};
  }
}

}  // namespace glomers::harness::kafka
