// g-counter and pn-counter (spec §6.5): adds and reads; every final read must be a sum the
// history allows.
#pragma once

#include "harness/workload.hpp"
#include "harness/workloads/common.hpp"

#include <algorithm>
#include <memory>
#include <set>
#include <utility>
#include <vector>

namespace glomers::harness {

// g-counter and pn-counter: every final read must be a sum the history allows. The acceptable
// set starts at the sum of ok adds and, for each indeterminate add of d, becomes A ∪ (A + d);
// kept as disjoint inclusive ranges.
inline json::object check_counter(history const& h) {
  std::int64_t sum = 0;
  std::vector<std::int64_t> maybe;
  for (auto const& o : h) {
    if (!o.is_client_op() || o.f != "add") continue;
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
    if (!o.is_client_op() || o.f != "read" || o.type != op_type::ok || !o.final) continue;
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

// g-counter (deltas 0..4, negative draws re-drawn) and pn-counter (deltas -5..4).
class counter_workload final : public workload {
 public:
  counter_workload(bool grow_only, workload_context ctx) : grow_only_(grow_only), ctx_(std::move(ctx)) {}

  std::optional<op_spec> next(worker_view const&) override {
    for (;;) {
      if (ctx_.w->uniform_int(0, 1) == 1) return op_spec{"read", nullptr};
      auto const d = ctx_.w->uniform_int(-5, 4);
      if (!grow_only_ || d >= 0) return op_spec{"add", d};
    }
  }
  bool has_final_phase() const override { return true; }
  // One final read per worker.
  std::optional<op_spec> final_op(worker_view const& w) override {
    if (!final_read_.insert(w.thread).second) return std::nullopt;
    return op_spec{"read", nullptr};
  }
  bool with_errors() const override { return false; }

  json::object request(op const& inv) override {
    if (inv.f == "read") return {{"type", "read"}};
    return {{"type", "add"}, {"delta", inv.value}};
  }
  json::value ok_value(op const& inv, json::object const& reply) override {
    if (inv.f == "add") {
      check_reply_schema(reply, "add_ok", {});
      return inv.value;
    }
    check_reply_schema(reply, "read_ok", {{"value", field_kind::integer}});
    return reply.at("value");
  }
  json::object check(history const& h) override { return check_counter(h); }

 private:
  bool grow_only_;
  workload_context ctx_;
  std::set<int> final_read_;
};

}  // namespace glomers::harness
