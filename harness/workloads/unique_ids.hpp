// unique-ids (spec §6.2): generate requests; no id may be acknowledged twice.
#pragma once

#include "harness/workload.hpp"
#include "harness/workloads/common.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace glomers::harness {

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

class unique_ids_workload final : public workload {
 public:
  std::optional<op_spec> next(worker_view const&) override { return op_spec{"generate", nullptr}; }
  bool reusable_client() const override { return true; }
  json::object request(op const&) override { return {{"type", "generate"}}; }
  json::value ok_value(op const&, json::object const& reply) override {
    check_reply_schema(reply, "generate_ok", {{"id", field_kind::any}});
    return reply.at("id");
  }
  json::object check(history const& h) override { return check_unique_ids(h); }
};

}  // namespace glomers::harness
