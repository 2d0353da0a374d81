// Anomalies of order (Jepsen's int-poll-skip+nonmonotonic-cases, int-send-skip+nonmonotonic-cases,
// poll-skip+nonmonotonic-cases, nonmonotonic-send-cases). Two messages of a key are compared by
// the delta of their dense indices; a message the order does not place counts as delta 1.
#pragma once

#include "harness/workloads/kafka/checker_anomaly.hpp"
#include "harness/workloads/kafka/checker_version_order.hpp"

#include <map>

namespace glomers::harness::kafka {

struct order_anomalies {
  anomalies skip, nonmonotonic;
};

namespace detail {

inline json::array skipped_json(analysis_data const& d, version_order const& vo, int i1, int i2) {
  json::array a;
  for (int i = i1 + 1; i < i2; ++i) a.push_back(value_json(d, vo.by_index[static_cast<std::size_t>(i)]));
  return a;
}

// Within one op: consecutive messages v1, v2 of key k (values of the pair, indices i1, i2).
inline void internal_pair(analysis_data const& d, version_orders const& orders, std::int64_t op_i, int k,
                          int v1, int i1, int v2, int i2, order_anomalies& out) {
  int const delta = (i1 >= 0 && i2 >= 0) ? i2 - i1 : 1;
  if (delta > 1) {
    out.skip.push_back({double(delta), [&d, &orders, op_i, k, v1, v2, i1, i2, delta] {
                          return json::object{{"key", key_json(d, k)},
                                              {"values", json::array{value_json(d, v1), value_json(d, v2)}},
                                              {"delta", delta},
                                              {"skipped", skipped_json(d, *orders.of(k), i1, i2)},
                                              {"op", op_json(d, op_i, k)}};
                        }});
  } else if (delta < 1) {
    out.nonmonotonic.push_back({double(delta), [&d, op_i, k, v1, v2, delta] {
                                  return json::object{{"key", key_json(d, k)},
                                                      {"values", json::array{value_json(d, v1), value_json(d, v2)}},
                                                      {"delta", delta},
                                                      {"op", op_json(d, op_i, k)}};
                                }});
  }
}

}  // namespace detail

// :int-poll-skip / :int-nonmonotonic-poll: consecutive messages of one key within one op.
inline order_anomalies int_poll_cases(analysis_data const& d, version_orders const& orders) {
  order_anomalies out;
  for (auto const i : d.client) {
    for (auto const& r : d.io[static_cast<std::size_t>(i)].reads) {
      int i1 = -1, v1 = -1;
      for (std::size_t j = 0; j < r.pairs.size(); ++j) {
        int const v2 = r.pairs[j].value;
        int const i2 = orders.index_of(r.key, v2);
        if (j > 0) detail::internal_pair(d, orders, i, r.key, v1, i1, v2, i2, out);
        i1 = i2;
        v1 = v2;
      }
    }
  }
  return out;
}

// :int-send-skip / :int-nonmonotonic-send: consecutive sends to one key within one op.
inline order_anomalies int_send_cases(analysis_data const& d, version_orders const& orders) {
  order_anomalies out;
  for (auto const i : d.client) {
    auto const& sends = d.io[static_cast<std::size_t>(i)].sends;
    for (std::size_t a = 0; a < sends.size(); ++a) {
      for (std::size_t b = a + 1; b < sends.size(); ++b) {
        if (sends[b].key != sends[a].key) continue;
        int const k = sends[a].key;
        detail::internal_pair(d, orders, i, k, sends[a].value, orders.index_of(k, sends[a].value), sends[b].value,
                              orders.index_of(k, sends[b].value), out);
        break;  // the next send to k pairs with b
      }
    }
  }
  return out;
}

namespace detail {

// An ok or info assign keeps only the tracked keys it still assigns.
template <class Map>
void keep_assigned(analysis_data const& d, op const& assign, Map& last) {
  Map kept;
  if (assign.value.is_array()) {
    for (auto const& kv : assign.value.get_array()) {
      int const k = d.names.find_key(kv);
      if (auto it = last.find(k); k >= 0 && it != last.end()) kept.emplace(*it);
    }
  }
  last = std::move(kept);
}

}  // namespace detail

// :poll-skip / :nonmonotonic-poll: per process, the first message an ok poll returns for a key
// against the last message of that process's previous ok poll returning that key.
inline order_anomalies poll_cases(analysis_data const& d, version_orders const& orders) {
  struct last_read {
    std::int64_t op;  // the process's last ok poll returning the key
    int value;        // the last message it returned for the key, -1 if none
  };
  std::map<std::int64_t, order_anomalies> by_process;
  std::unordered_map<std::int64_t, std::unordered_map<int, last_read>> last_reads;
  for (auto const i : d.client) {
    auto const& o = d.at(i);
    if (o.f == "assign" || o.f == "subscribe") {
      if (o.type == op_type::ok || o.type == op_type::info) detail::keep_assigned(d, o, last_reads[o.process]);
      continue;
    }
    if (o.f != "poll" && o.f != "txn") continue;
    auto& last = last_reads[o.process];
    auto& out = by_process[o.process];
    for (auto const& r : d.io[static_cast<std::size_t>(i)].reads) {
      auto it = last.find(r.key);
      if (it == last.end()) continue;
      auto const prev_i = it->second.op;
      int const v = it->second.value;
      int const v2 = r.pairs.empty() ? -1 : r.pairs.front().value;
      int const i1 = v >= 0 ? orders.index_of(r.key, v) : -1;
      int const i2 = v2 >= 0 ? orders.index_of(r.key, v2) : -1;
      int const delta = (i1 >= 0 && i2 >= 0) ? i2 - i1 : 1;
      int const k = r.key;
      if (delta > 1) {
        out.skip.push_back({double(delta), [&d, &orders, k, i1, i2, delta, prev_i, i] {
                              return json::object{{"key", detail::key_json(d, k)},
                                                  {"delta", delta},
                                                  {"skipped", detail::skipped_json(d, *orders.of(k), i1, i2)},
                                                  {"ops", json::array{detail::op_json(d, prev_i, k), detail::op_json(d, i, k)}}};
                            }});
      } else if (delta < 1) {
        out.nonmonotonic.push_back(
            {double(delta), [&d, k, v, v2, delta, prev_i, i] {
               return json::object{{"key", detail::key_json(d, k)},
                                   {"values", json::array{detail::value_json(d, v), detail::value_json(d, v2)}},
                                   {"delta", delta},
                                   {"ops", json::array{detail::op_json(d, prev_i, k), detail::op_json(d, i, k)}}};
             }});
      }
    }
    if (o.type == op_type::ok) {
      for (auto const& r : d.io[static_cast<std::size_t>(i)].reads) {
        last[r.key] = {i, r.pairs.empty() ? -1 : r.pairs.back().value};
      }
    }
  }
  order_anomalies all;
  for (auto& [p, a] : by_process) {
    for (auto& x : a.skip) all.skip.push_back(std::move(x));
    for (auto& x : a.nonmonotonic) all.nonmonotonic.push_back(std::move(x));
  }
  return all;
}

// :nonmonotonic-send: per process, an ok or info send to a key that does not move past the
// process's previous send to that key.
inline anomalies nonmonotonic_send_cases(analysis_data const& d, version_orders const& orders) {
  std::map<std::int64_t, anomalies> by_process;
  std::unordered_map<std::int64_t, std::unordered_map<int, std::int64_t>> last_sends;
  for (auto const i : d.client) {
    auto const& o = d.at(i);
    if (o.type != op_type::ok && o.type != op_type::info) continue;
    if (o.f == "assign" || o.f == "subscribe") {
      detail::keep_assigned(d, o, last_sends[o.process]);
      continue;
    }
    if (o.f != "send" && o.f != "txn") continue;
    auto& last = last_sends[o.process];
    auto const& sends = d.io[static_cast<std::size_t>(i)].sends;
    for (std::size_t j = 0; j < sends.size(); ++j) {
      int const k = sends[j].key;
      bool first_of_key = true;
      for (std::size_t a = 0; a < j; ++a) first_of_key = first_of_key && sends[a].key != k;
      if (!first_of_key) continue;
      auto it = last.find(k);
      if (it == last.end()) continue;
      auto const prev_i = it->second;
      int v = -1;
      for (auto const& s : d.io[static_cast<std::size_t>(prev_i)].sends) {
        if (s.key == k) v = s.value;
      }
      int const v2 = sends[j].value;
      int const i1 = orders.index_of(k, v), i2 = orders.index_of(k, v2);
      if (i1 < 0 || i2 < 0 || i2 - i1 >= 1) continue;
      int const delta = i2 - i1;
      by_process[o.process].push_back(
          {double(delta), [&d, k, v, v2, delta, prev_i, i] {
             return json::object{{"key", detail::key_json(d, k)},
                                 {"values", json::array{detail::value_json(d, v), detail::value_json(d, v2)}},
                                 {"delta", delta},
                                 {"ops", json::array{detail::op_json(d, prev_i, k), detail::op_json(d, i, k)}}};
           }});
    }
    for (auto const& s : sends) last[s.key] = i;
  }
  anomalies all;
  for (auto& [p, a] : by_process) {
    for (auto& x : a) all.push_back(std::move(x));
  }
  return all;
}

}  // namespace glomers::harness::kafka
