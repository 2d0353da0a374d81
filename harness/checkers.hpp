// The workload checkers of spec §6 and §10a, over a history of client ops in index order.
// Each returns Maelstrom's result map, with "valid?" true, false or "unknown".
#pragma once

#include "harness/history.hpp"
#include "harness/workload.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace glomers::harness {

namespace detail {

// The invocation of every completion, by completion index.
inline op const& invocation_of(history const& h, op const& completion) {
  return h.at(static_cast<std::size_t>(completion.invocation));
}

inline std::string text_of(json::value const& v) { return boost::json::serialize(v); }

}  // namespace detail

// echo: every ok or fail completion must carry the invocation's payload (a fail carries none,
// so any definite error is an error; indeterminate completions are skipped).
inline json::object check_echo(history const& h) {
  json::array errors;
  for (auto const& o : h) {
    if (!o.is_client() || (o.type != op_type::ok && o.type != op_type::fail) || o.f != "echo") continue;
    auto const& inv = detail::invocation_of(h, o);
    json::value const* echoed = o.value.is_object() ? o.value.get_object().if_contains("echo") : nullptr;
    if (!echoed || detail::text_of(*echoed) != detail::text_of(inv.value)) {
      errors.push_back(json::object{{"expected", inv.value},
                                    {"received", echoed ? *echoed : json::value(nullptr)},
                                    {"type", name_of(o.type)},
                                    {"index", o.index}});
    }
  }
  return json::object{{"valid?", errors.empty()}, {"errors", errors}};
}

// unique-ids: no id acknowledged twice.
inline json::object check_unique_ids(history const& h) {
  std::int64_t attempted = 0, acknowledged = 0;
  std::map<std::string, std::int64_t> counts;
  std::vector<json::value> ids;
  for (auto const& o : h) {
    if (!o.is_client() || o.f != "generate") continue;
    if (o.type == op_type::invoke) ++attempted;
    if (o.type == op_type::ok) {
      ++acknowledged;
      ++counts[detail::text_of(o.value)];
      ids.push_back(o.value);
    }
  }
  std::vector<std::pair<std::string, std::int64_t>> dups;
  for (auto const& [id, n] : counts) {
    if (n > 1) dups.emplace_back(id, n);
  }
  std::stable_sort(dups.begin(), dups.end(), [](auto const& a, auto const& b) { return a.second > b.second; });
  json::object duplicated;
  for (std::size_t i = 0; i < dups.size() && i < 48; ++i) duplicated[dups[i].first] = dups[i].second;

  json::object out{{"attempted-count", attempted},
                   {"acknowledged-count", acknowledged},
                   {"duplicated-count", static_cast<std::int64_t>(dups.size())},
                   {"duplicated", duplicated}};
  // The range needs mutually comparable ids: all numbers or all strings (else Jepsen throws).
  bool const numbers = std::all_of(ids.begin(), ids.end(), [](auto const& v) { return v.is_number(); });
  bool const strings = std::all_of(ids.begin(), ids.end(), [](auto const& v) { return v.is_string(); });
  if (!ids.empty() && !numbers && !strings) {
    out["valid?"] = "unknown";
    out["error"] = "ids are not mutually comparable";
    return out;
  }
  if (!ids.empty()) {
    auto const less = [numbers](json::value const& a, json::value const& b) {
      return numbers ? a.to_number<double>() < b.to_number<double>() : a.get_string() < b.get_string();
    };
    auto [lo, hi] = std::minmax_element(ids.begin(), ids.end(), less);
    out["range"] = json::array{*lo, *hi};
  }
  out["valid?"] = dups.empty();
  return out;
}

// set-full (broadcast, g-set): every acknowledged element must be in the last reads.
// add_f names the add operation ("broadcast" or "add").
inline json::object check_set_full(history const& h, std::string_view add_f) {
  struct element {
    json::value value;
    op const* known = nullptr;
    op const* last_present = nullptr;  // invocations
    op const* last_absent = nullptr;
  };
  std::vector<element> elements;
  std::unordered_map<std::string, std::size_t> by_value;
  auto const later = [](op const* a, op const* b) { return !a || b->index > a->index ? b : a; };

  for (auto const& o : h) {
    if (!o.is_client()) continue;
    if (o.f == add_f) {
      auto const key = detail::text_of(o.type == op_type::invoke ? o.value : detail::invocation_of(h, o).value);
      if (o.type == op_type::invoke) {
        by_value[key] = elements.size();
        elements.push_back({o.value});
      } else if (o.type == op_type::ok) {
        auto& e = elements[by_value.at(key)];
        if (!e.known) e.known = &o;
      }
    } else if (o.f == "read" && o.type == op_type::ok) {
      std::set<std::string> seen;
      if (o.value.is_array()) {
        for (auto const& v : o.value.get_array()) seen.insert(detail::text_of(v));
      }
      auto const& inv = detail::invocation_of(h, o);
      for (auto& e : elements) {
        if (seen.count(detail::text_of(e.value))) {
          if (!e.known) e.known = &o;
          e.last_present = later(e.last_present, &inv);
        } else {
          e.last_absent = later(e.last_absent, &inv);
        }
      }
    }
  }

  auto const idx = [](op const* o) { return o ? o->index : std::int64_t{-1}; };
  auto const ms = [](sim_time t) { return std::chrono::duration_cast<std::chrono::milliseconds>(t).count(); };
  std::vector<std::int64_t> stable_latencies, lost_latencies;
  json::array lost, never_read, stale;
  struct stale_result {
    std::int64_t latency;
    json::object result;
  };
  std::vector<stale_result> stales;
  std::vector<json::value> lost_values, never_read_values, stale_values;
  for (auto const& e : elements) {
    bool const stable = e.last_present && idx(e.last_absent) < idx(e.last_present);
    bool const is_lost = e.known && e.last_absent && idx(e.last_present) < idx(e.last_absent) &&
                         idx(e.known) < idx(e.last_absent);
    if (stable) {
      auto const absent_end = e.last_absent ? e.last_absent->time + sim_time(1) : sim_time(0);
      auto const latency = std::max<std::int64_t>(0, ms(absent_end - e.known->time));
      stable_latencies.push_back(latency);
      if (latency > 0) {
        stale_values.push_back(e.value);
        stales.push_back({latency, json::object{{"element", e.value},
                                                {"outcome", "stable"},
                                                {"stable-latency", latency},
                                                {"known-time", e.known->time.count()},
                                                {"last-absent-time", e.last_absent->time.count()}}});
      }
    } else if (is_lost) {
      lost_values.push_back(e.value);
      auto const present_end = e.last_present ? e.last_present->time + sim_time(1) : sim_time(0);
      lost_latencies.push_back(std::max<std::int64_t>(0, ms(present_end - e.known->time)));
    } else {
      never_read_values.push_back(e.value);
    }
  }
  auto const sorted = [](std::vector<json::value> v) {
    std::sort(v.begin(), v.end(), [](json::value const& a, json::value const& b) {
      if (a.is_number() && b.is_number()) return a.to_number<double>() < b.to_number<double>();
      return detail::text_of(a) < detail::text_of(b);
    });
    return json::array(v.begin(), v.end());
  };
  std::stable_sort(stales.begin(), stales.end(), [](auto const& a, auto const& b) { return a.latency > b.latency; });
  json::array worst;
  for (std::size_t i = 0; i < stales.size() && i < 8; ++i) worst.push_back(stales[i].result);

  json::value valid = true;
  if (!lost_values.empty()) valid = false;
  else if (stable_latencies.empty()) valid = "unknown";
  return json::object{{"valid?", valid},
                      {"attempt-count", static_cast<std::int64_t>(elements.size())},
                      {"stable-count", static_cast<std::int64_t>(stable_latencies.size())},
                      {"lost-count", static_cast<std::int64_t>(lost_values.size())},
                      {"lost", sorted(lost_values)},
                      {"never-read-count", static_cast<std::int64_t>(never_read_values.size())},
                      {"never-read", sorted(never_read_values)},
                      {"stale-count", static_cast<std::int64_t>(stale_values.size())},
                      {"stale", sorted(stale_values)},
                      {"worst-stale", worst},
                      {"stable-latencies", quantiles(stable_latencies)},
                      {"lost-latencies", quantiles(lost_latencies)},
                      {"duplicated-count", 0},
                      {"duplicated", json::object{}}};
}

// g-counter and pn-counter: every final read must be a sum the history allows. The acceptable
// set starts at the sum of ok adds and, for each indeterminate add of d, becomes A ∪ (A + d);
// kept as disjoint inclusive ranges.
inline json::object check_counter(history const& h) {
  std::int64_t sum = 0;
  std::vector<std::int64_t> maybe;
  for (auto const& o : h) {
    if (!o.is_client() || o.f != "add") continue;
    if (o.type == op_type::ok) sum += detail::invocation_of(h, o).value.to_number<std::int64_t>();
    if (o.type == op_type::info) maybe.push_back(detail::invocation_of(h, o).value.to_number<std::int64_t>());
  }
  std::vector<std::pair<std::int64_t, std::int64_t>> ranges{{sum, sum}};
  for (auto const d : maybe) {
    auto shifted = ranges;
    for (auto& [lo, hi] : shifted) lo += d, hi += d;
    ranges.insert(ranges.end(), shifted.begin(), shifted.end());
    std::sort(ranges.begin(), ranges.end());
    std::vector<std::pair<std::int64_t, std::int64_t>> merged;
    for (auto const& r : ranges) {
      if (!merged.empty() && r.first <= merged.back().second + 1) {
        merged.back().second = std::max(merged.back().second, r.second);
      } else {
        merged.push_back(r);
      }
    }
    ranges = std::move(merged);
  }
  auto const acceptable = [&](std::int64_t v) {
    return std::any_of(ranges.begin(), ranges.end(), [v](auto const& r) { return r.first <= v && v <= r.second; });
  };
  json::array errors, final_reads, acceptable_json;
  for (auto const& o : h) {
    if (!o.is_client() || o.f != "read" || o.type != op_type::ok || !o.final) continue;
    final_reads.push_back(o.value);
    if (!o.value.is_number() || !acceptable(o.value.to_number<std::int64_t>())) {
      errors.push_back(json::object{{"index", o.index}, {"value", o.value}});
    }
  }
  for (auto const& [lo, hi] : ranges) acceptable_json.push_back(json::array{lo, hi});
  json::object out{{"valid?", errors.empty()}, {"final-reads", final_reads}, {"acceptable", acceptable_json}};
  out["errors"] = errors.empty() ? json::value(nullptr) : json::value(errors);
  return out;
}

}  // namespace glomers::harness
