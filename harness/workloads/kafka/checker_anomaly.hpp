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

inline json::value op_json(analysis_data const& d, std::int64_t i) {
  if (i == no_op) return nullptr;
  return to_json(d.at(i));
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
