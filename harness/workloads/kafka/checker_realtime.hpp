// What the kafka checker derives from real time: Elle's cycles over wr + realtime edges between
// send and poll completions, and Jepsen's realtime lag of polls.
//
// Cycles. wr edges go from a send to the polls that returned its message, realtime edges from an
// ok completion to every op invoked later. Sends have no incoming wr edge and polls no outgoing
// one, so a cycle alternates wr edges s_i -> r_i with realtime paths r_i ~> s_(i+1), each of which
// means complete(r_i) < invoke(s_(i+1)). If every r_i completed after s_i was invoked, the
// invocations of the s_i would strictly increase around the cycle: impossible. So a cycle exists
// iff some ok poll r returned a message whose send s was invoked after r completed, and the
// strongly connected components holding cycles are the unions of overlapping windows
// [complete(r), invoke(s)] of such pairs. Elle names such a cycle G1c-realtime and reports one
// per component; we report the pair r -> s -> r of each. No graph search is needed.
#pragma once

#include "harness/workloads/kafka/checker_anomaly.hpp"

#include <algorithm>
#include <limits>
#include <map>

namespace glomers::harness::kafka {

struct cycle_result {
  anomalies g1c_realtime;
  bool empty_graph = false;  // Elle's :empty-transaction-graph: no wr and no realtime edge at all
};

inline cycle_result cycle_cases(analysis_data const& d) {
  struct window {
    std::int64_t reader, writer;  // completion indices
    std::int64_t begin, end;      // complete(reader) < invoke(writer)
    int key, value;
  };
  std::vector<window> windows;
  bool wr_edge = false;
  std::int64_t first_ok = std::numeric_limits<std::int64_t>::max();
  for (auto const i : d.client) {
    auto const& o = d.at(i);
    if (o.type == op_type::invoke || !detail::is_txn_f(o.f)) continue;
    if (o.type == op_type::ok) first_ok = std::min(first_ok, i);
    // wr edges reach readers of any type; only ok ones have realtime successors
    for (auto const& r : d.io[static_cast<std::size_t>(i)].reads) {
      for (auto const& p : r.pairs) {
        auto const w = d.writer_of(r.key, p.value);
        if (w == no_op) {
          throw analysis_error("no writer of key " + d.names.key_name(r.key) + " value " +
                               boost::json::serialize(d.names.value_json(p.value)));
        }
        if (w == i) continue;
        wr_edge = true;
        auto const inv = d.at(w).invocation;
        if (o.type == op_type::ok && inv > i) windows.push_back({i, w, i, inv, r.key, p.value});
      }
    }
  }
  // A realtime edge: an ok completion before the invocation of an op that completed.
  bool realtime_edge = false;
  for (auto const i : d.client) {
    auto const& o = d.at(i);
    if (o.type != op_type::invoke && detail::is_txn_f(o.f) && o.invocation > first_ok) {
      realtime_edge = true;
      break;
    }
  }

  cycle_result out;
  out.empty_graph = !wr_edge && !realtime_edge;
  std::sort(windows.begin(), windows.end(), [](auto const& a, auto const& b) { return a.begin < b.begin; });
  std::int64_t end = -1;
  for (auto const& w : windows) {
    if (w.begin < end) {  // overlaps the current component
      end = std::max(end, w.end);
      continue;
    }
    end = w.end;
    out.g1c_realtime.push_back({2, [&d, w] {
      auto const inv = d.at(w.writer).invocation;  // > w.reader >= 0: a window needs one
      json::array steps{
          json::object{{"type", "realtime"}, {"a'", detail::op_json(d, w.reader, w.key)}, {"b", detail::op_json(d, inv, w.key)}},
          json::object{{"type", "wr"},
                       {"key", detail::key_json(d, w.key)},
                       {"value", detail::value_json(d, w.value)},
                       {"a-mop-index", 0},
                       {"b-mop-index", 0}}};
      return json::object{
          {"type", "G1c-realtime"},
          {"cycle", json::array{detail::op_json(d, w.reader, w.key), detail::op_json(d, w.writer, w.key), detail::op_json(d, w.reader, w.key)}},
          {"steps", std::move(steps)}};
    }});
  }
  return out;
}

// Jepsen's worst realtime lag: for each ok poll and each key its process has assigned or polled,
// how long before the poll's invocation the next offset after the highest one it knows was known
// to exist. Returns {time, process, key, lag} in seconds, or {time 0, lag 0}.
inline json::object worst_realtime_lag(analysis_data const& d) {
  auto const max_offsets = [&](std::int64_t i) {
    std::map<int, std::int64_t> m;  // Jepsen's op->max-offsets, for ok and info ops
    auto const& io = d.io[static_cast<std::size_t>(i)];
    for (auto const& r : io.reads) {
      std::int64_t hi = -1;
      for (auto const& p : r.pairs) {
        if (p.offset != no_offset) hi = std::max(hi, p.offset);
      }
      auto [it, fresh] = m.try_emplace(r.key, hi);
      if (!fresh) it->second = std::max(it->second, hi);
    }
    std::map<int, std::int64_t> sent;
    for (auto const& s : io.sends) {
      if (s.offset == no_offset) return m;  // Jepsen's reduce yields nil for the sends
      auto [it, fresh] = sent.try_emplace(s.key, std::max<std::int64_t>(0, s.offset));
      if (!fresh) it->second = std::max(it->second, s.offset);
    }
    for (auto const& [k, o] : sent) {
      auto [it, fresh] = m.try_emplace(k, o);
      if (!fresh) it->second = std::max(it->second, o);
    }
    return m;
  };
  // expired[k]: steps (highest offset, time): offsets up to it were known to exist by then
  std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>> expired(d.keys.size());
  for (auto const i : d.client) {
    auto const& o = d.at(i);
    if (o.type != op_type::ok && o.type != op_type::info) continue;
    for (auto const& [k, hi] : max_offsets(i)) {
      auto& e = expired[static_cast<std::size_t>(k)];
      if (hi >= 0 && (e.empty() || e.back().first < hi)) e.emplace_back(hi, o.time.count());
    }
  }
  bool any = false;
  std::int64_t best_lag = 0, best_time = 0, best_process = 0;
  int best_key = 0;
  std::unordered_map<std::int64_t, std::map<int, std::int64_t>> process_offsets;
  for (auto const i : d.client) {
    auto const& o = d.at(i);
    if (o.type != op_type::ok) continue;
    if (o.f == "assign") {
      auto& offs = process_offsets[o.process];
      std::map<int, std::int64_t> next;
      if (o.value.is_array()) {
        for (auto const& kv : o.value.get_array()) {
          int const k = d.names.find_key(kv);
          if (k < 0) continue;  // a key nothing ever returned: no offset can expire
          auto it = offs.find(k);
          next[k] = it == offs.end() ? -1 : it->second;
        }
      }
      offs = std::move(next);
    } else if (o.f == "subscribe") {
      process_offsets[o.process].clear();
    } else if (o.f == "poll" || o.f == "txn") {
      auto& offs = process_offsets[o.process];
      for (auto const& [k, hi] : max_offsets(i)) {
        auto [it, fresh] = offs.try_emplace(k, hi);
        if (!fresh) it->second = std::max(it->second, hi);
      }
      auto const invoke_time = (o.invocation >= 0 ? d.at(o.invocation) : o).time.count();
      for (auto const& [k, offset] : offs) {
        auto const& e = expired[static_cast<std::size_t>(k)];
        auto it = std::lower_bound(e.begin(), e.end(), offset + 1, [](auto const& s, std::int64_t x) { return s.first < x; });
        std::int64_t const lag = it == e.end() ? 0 : std::max<std::int64_t>(0, invoke_time - it->second);
        if (!any || lag > best_lag) {
          any = true;
          best_lag = lag, best_time = invoke_time, best_process = o.process, best_key = k;
        }
      }
    }
  }
  if (!any) return json::object{{"time", 0.0}, {"lag", 0.0}};
  return json::object{{"time", double(best_time) / 1e9},
                      {"process", best_process},
                      {"key", detail::key_json(d, best_key)},
                      {"lag", double(best_lag) / 1e9}};
}

}  // namespace glomers::harness::kafka
