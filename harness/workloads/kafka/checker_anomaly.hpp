// One anomaly the kafka checker found: a sort key (what Jepsen sorts that type by before capping
// its list) and a renderer, so capped lists only render the errors they keep.
#pragma once

#include "harness/workloads/kafka/checker_data.hpp"

#include <functional>
#include <utility>

namespace glomers::harness::kafka {

struct anomaly {
  double sort_key = 0;
  std::function<json::object()> render;
};

using anomalies = std::vector<anomaly>;

namespace detail {

// An op as the error shows it: its value keeps only the mops about key k, and a poll only k's
// messages (Jepsen prints whole ops; a final poll of every log, repeated in each error, would
// make the result file huge).
inline json::value op_json(analysis_data const& d, std::int64_t i, int k) {
  if (i == no_op) return nullptr;
  auto const& src = d.at(i);
  op head;  // every field but the value, which may be large
  head.index = src.index, head.type = src.type, head.f = src.f, head.process = src.process;
  head.time = src.time, head.final = src.final, head.error = src.error, head.invocation = src.invocation;
  head.extra = src.extra;
  auto j = to_json(head);
  auto const& value = src.value;
  if (!value.is_array()) {
    j["value"] = value;
    return j;
  }
  auto const& name = d.names.key_name(k);
  json::array mops;
  for (auto const& m : value.get_array()) {
    if (!m.is_array() || m.get_array().size() < 2 || !m.get_array()[0].is_string()) {
      mops.push_back(m);
      continue;
    }
    auto const& mop = m.get_array();
    if (mop[0].get_string() == "poll" && mop[1].is_object()) {
      json::object only;
      if (auto const* pairs = mop[1].get_object().if_contains(name)) only[name] = *pairs;
      mops.push_back(json::array{"poll", std::move(only)});
    } else if (mop[0].get_string() != "send" || (mop[1].is_string() && mop[1].get_string() == name)) {
      mops.push_back(m);
    }
  }
  j["value"] = std::move(mops);
  return j;
}
inline json::value key_json(analysis_data const& d, int k) { return json::value(d.names.key_name(k)); }
inline json::value value_json(analysis_data const& d, int v) { return d.names.value_json(v); }

inline json::array values_json(analysis_data const& d, std::vector<int> const& vs) {
  json::array a;
  for (int v : vs) a.push_back(value_json(d, v));
  return a;
}

}  // namespace detail
}  // namespace glomers::harness::kafka
