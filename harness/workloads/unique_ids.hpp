// unique-ids (spec §6.2): generate requests; no id may be acknowledged twice.
#pragma once

#include "harness/workload.hpp"
#include "harness/values.hpp"
#include "harness/workloads/common.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace glomers::harness {

// unique-ids (Jepsen's unique-ids checker): no id acknowledged twice. Ids are counted by
// Clojure's = (1 and 1.0 are two ids; {"a":1,"b":2} and {"b":2,"a":1} one) and ordered by its
// compare for :range and :duplicated; ids Clojure cannot compare (a number and a string, maps)
// make the checker fail as Jepsen's does: unknown.
inline json::object check_unique_ids(history const& h) {
  std::int64_t attempted = 0, acknowledged = 0;
  std::map<std::string, std::pair<json::value, std::int64_t>> counts;  // value_key -> (id, count)
  std::vector<json::value> ids;
  for (auto const& o : h) {
    if (!o.is_client_op() || o.f != "generate") continue;
    if (o.type == op_type::invoke) ++attempted;
    if (o.type == op_type::ok) {
      ++acknowledged;
      auto& c = counts.try_emplace(value_key(o.value), o.value, 0).first->second;
      ++c.second;
      ids.push_back(o.value);
    }
  }
  try {
    std::vector<std::pair<json::value, std::int64_t>> dups;
    for (auto const& [key, c] : counts) {
      if (c.second > 1) dups.push_back(c);
    }
    auto const by_id = [](auto const& a, auto const& b) { return clojure_compare(a.first, b.first) < 0; };
    std::stable_sort(dups.begin(), dups.end(), by_id);  // (into (sorted-map))
    auto const dup_count = static_cast<std::int64_t>(dups.size());
    // (->> dups (sort-by val) reverse (take 48) (into (sorted-map)))
    std::stable_sort(dups.begin(), dups.end(), [](auto const& a, auto const& b) { return a.second < b.second; });
    std::reverse(dups.begin(), dups.end());
    if (dups.size() > 48) dups.resize(48);
    std::stable_sort(dups.begin(), dups.end(), by_id);
    json::object duplicated;
    // Keyed by the id itself: a string id as it is, any other id as its JSON text.
    for (auto const& [id, n] : dups) duplicated[id.is_string() ? std::string(id.get_string()) : boost::json::serialize(id)] = n;
    json::value range = nullptr;
    if (!ids.empty()) {
      json::value const* lo = &ids.front();
      json::value const* hi = &ids.front();
      for (std::size_t i = 1; i < ids.size(); ++i) {  // one id alone is never compared
        if (clojure_compare(ids[i], *lo) < 0) lo = &ids[i];
        if (clojure_compare(ids[i], *hi) > 0) hi = &ids[i];
      }
      range = json::array{*lo, *hi};
    }
    return json::object{{"valid?", dups.empty()},
                        {"attempted-count", attempted},
                        {"acknowledged-count", acknowledged},
                        {"duplicated-count", dup_count},
                        {"duplicated", duplicated},
                        {"range", range}};
  } catch (not_comparable const& e) {
    return json::object{{"valid?", "unknown"}, {"error", std::string("ids are not mutually comparable: ") + e.what()}};
  }
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
