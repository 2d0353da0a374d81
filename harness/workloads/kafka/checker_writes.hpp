// Anomalies about which messages were read (Jepsen's lost-write-cases, g1a-cases, unseen,
// precommitted-read-cases).
#pragma once

#include "harness/workloads/kafka/checker_anomaly.hpp"
#include "harness/workloads/kafka/checker_version_order.hpp"

#include <algorithm>
#include <map>
#include <string>

namespace glomers::harness::kafka {

// :lost-write: for each key an ok poll returned, bound = the highest first index of a message ok
// polls read; every message whose last index is at most bound must have been read by an ok poll,
// unless its sender may not have committed.
inline anomalies lost_write_cases(analysis_data const& d, version_orders const& orders) {
  anomalies out;
  for (std::size_t kk = 0; kk < d.keys.size(); ++kk) {
    auto const& ki = d.keys[kk];
    if (!ki.ok_polled) continue;
    int const k = static_cast<int>(kk);
    auto const& vo = orders.by_key[kk];
    std::unordered_map<int, int> first_index, last_index;
    for (std::size_t i = 0; i < vo.messages.size(); ++i) {
      for (int v : vo.messages[i]) {
        first_index.try_emplace(v, static_cast<int>(i));
        last_index[v] = static_cast<int>(i);
      }
    }
    int bound = -1;
    for (int v : ki.ok_read) {
      if (auto it = first_index.find(v); it != first_index.end()) bound = std::max(bound, it->second);
    }
    // Jepsen takes element `bound` of the last-index vector: with bound -1 its analysis throws.
    if (bound < 0) {
      throw analysis_error("lost-write analysis of key " + d.names.key_name(k) +
                           ": no message read by an ok poll has an index (index -1 out of bounds)");
    }
    std::int64_t max_read = no_op;
    for (int v : vo.messages[static_cast<std::size_t>(bound)]) {
      if (last_index[v] != bound) continue;
      auto it = ki.first_reader.find(v);
      max_read = it == ki.first_reader.end() ? no_op : it->second;
      break;
    }
    for (int i = 0; i <= bound; ++i) {
      for (int v : vo.messages[static_cast<std::size_t>(i)]) {
        if (last_index[v] != i || ki.ok_read.count(v)) continue;
        auto const w = d.writer_of(k, v);
        if (w == no_op) {
          throw analysis_error("no writer of key " + d.names.key_name(k) + " value " +
                               boost::json::serialize(d.names.value_json(v)));
        }
        if (!d.must_have_committed(w)) continue;
        int const first = first_index[v];
        out.push_back({0, [&d, k, v, first, bound, w, max_read] {
                         return json::object{{"key", detail::key_json(d, k)},
                                             {"value", detail::value_json(d, v)},
                                             {"index", first},
                                             {"max-read-index", bound},
                                             {"writer", detail::op_json(d, w, k)},
                                             {"max-read", detail::op_json(d, max_read, k)}};
                       }});
      }
    }
  }
  return out;
}

// :G1a: an ok poll returned a message whose send failed.
inline anomalies g1a_cases(analysis_data const& d) {
  anomalies out;
  for (auto const i : d.client) {
    if (d.at(i).type != op_type::ok) continue;
    for (auto const& r : d.io[static_cast<std::size_t>(i)].reads) {
      auto const& ki = d.keys[static_cast<std::size_t>(r.key)];
      for (auto const& p : r.pairs) {
        if (!ki.failed.count(p.value)) continue;
        int const k = r.key, v = p.value;
        auto const w = d.writer_of(k, v);
        out.push_back({0, [&d, k, v, w, i] {
                         return json::object{{"key", detail::key_json(d, k)},
                                             {"value", detail::value_json(d, v)},
                                             {"writer", detail::op_json(d, w, k)},
                                             {"reader", detail::op_json(d, i, k)}};
                       }});
      }
    }
  }
  return out;
}

// :precommitted-read: a transaction read a message it sent itself (needs a txn with both).
inline anomalies precommitted_read_cases(analysis_data const& d) {
  anomalies out;
  for (auto const i : d.client) {
    auto const& io = d.io[static_cast<std::size_t>(i)];
    if (io.sends.empty() || io.reads.empty()) continue;
    for (auto const& s : io.sends) {
      auto r = std::find_if(io.reads.begin(), io.reads.end(), [&](auto const& x) { return x.key == s.key; });
      if (r == io.reads.end()) continue;
      std::vector<int> bad;
      for (auto const& s2 : io.sends) {
        if (s2.key != s.key) continue;
        for (auto const& p : r->pairs) {
          if (p.value == s2.value) bad.push_back(p.value);
        }
      }
      if (bad.empty()) continue;
      int const k = s.key;
      int const v = *std::min_element(bad.begin(), bad.end(),
                                      [&](int a, int b) { return d.names.value_less(a, b); });
      out.push_back({0, [&d, i, k, v] {
                       return json::object{{"op", detail::op_json(d, i, k)},
                                           {"key", detail::key_json(d, k)},
                                           {"value", detail::value_json(d, v)}};
                     }});
      break;
    }
  }
  return out;
}

// :unseen: messages acknowledged by ok sends that no ok poll ever returned. Returns the map
// Jepsen keeps ({time, unseen: {k: count}, messages: {k: [first 32]}}), or null when none.
inline json::value unseen(analysis_data const& d) {
  std::map<std::string, std::vector<int>> missing;
  std::int64_t last_time = 0;
  for (auto const i : d.client) {
    auto const& o = d.at(i);
    if (o.type != op_type::ok || !detail::is_txn_f(o.f)) continue;
    last_time = o.time.count();
    for (auto const& s : d.io[static_cast<std::size_t>(i)].sends) {
      if (!d.keys[static_cast<std::size_t>(s.key)].ok_read.count(s.value)) {
        missing[d.names.key_name(s.key)].push_back(s.value);
      }
    }
  }
  if (missing.empty()) return nullptr;
  json::object counts, messages;
  for (auto& [k, vs] : missing) {
    std::sort(vs.begin(), vs.end(), [&](int a, int b) { return d.names.value_less(a, b); });
    vs.erase(std::unique(vs.begin(), vs.end()), vs.end());
    counts[k] = static_cast<std::int64_t>(vs.size());
    if (vs.size() > 32) vs.resize(32);
    messages[k] = detail::values_json(d, vs);
  }
  return json::object{{"time", last_time}, {"unseen", counts}, {"messages", messages}};
}

}  // namespace glomers::harness::kafka
