// broadcast and g-set (spec §6.3, §6.4): adds of 0, 1, 2, ... and reads; the set-full checker
// with stable latencies; and the topologies Maelstrom sends with broadcast's --topology.
#pragma once

#include "harness/workload.hpp"
#include "harness/values.hpp"
#include "harness/workloads/common.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace glomers::harness {

// Maelstrom's --topology values, neighbour lists in its exact order. Throws for unknown names.
inline std::map<std::string, std::vector<std::string>> make_topology(std::string const& name,
                                                                     std::vector<std::string> const& nodes) {
  std::map<std::string, std::vector<std::string>> t;
  auto const n = static_cast<std::int64_t>(nodes.size());
  auto const at = [&](std::int64_t i) { return nodes[static_cast<std::size_t>(i)]; };
  if (name == "grid") {
    auto const side = static_cast<std::int64_t>(std::ceil(std::sqrt(static_cast<double>(n))));
    for (std::int64_t i = 0; i < n; ++i) {
      auto const r = i / side, c = i % side;
      auto& out = t[at(i)];
      auto const add = [&](std::int64_t rr, std::int64_t cc) {
        if (rr < 0 || cc < 0 || cc >= side) return;
        auto const j = rr * side + cc;
        if (j < n) out.push_back(at(j));
      };
      add(r + 1, c);
      add(r - 1, c);
      add(r, c + 1);
      add(r, c - 1);
    }
  } else if (name == "line") {
    if (n < 2) return t;
    for (std::int64_t i = 0; i < n; ++i) {
      auto& out = t[at(i)];
      if (i > 0) out.push_back(at(i - 1));
      if (i + 1 < n) out.push_back(at(i + 1));
    }
  } else if (name == "total") {
    for (auto const& a : nodes) {
      auto& out = t[a];
      for (auto const& b : nodes) {
        if (a != b) out.push_back(b);
      }
    }
  } else if (name == "tree" || name == "tree2" || name == "tree3" || name == "tree4") {
    std::int64_t const b = name == "tree3" ? 3 : name == "tree4" ? 4 : 2;
    for (std::int64_t i = 0; i < n; ++i) {
      auto& out = t[at(i)];
      if (i > 0) out.push_back(at((i - 1) / b));
      for (std::int64_t c = b * i + 1; c <= b * i + b && c < n; ++c) out.push_back(at(c));
    }
  } else {
    throw std::invalid_argument("unknown topology " + name);
  }
  return t;
}

// set-full (broadcast, g-set): every acknowledged element must be in the last reads.
// add_f names the add operation ("broadcast" or "add"). Elements are matched by Clojure's =
// (a read holding 3.0 does not hold 3) and sorted by Clojure's compare, as Jepsen does.
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
    if (!o.is_client_op()) continue;
    if (o.f == add_f) {
      auto const key = value_key(o.type == op_type::invoke ? o.value : detail::invocation_of(h, o).value);
      if (o.type == op_type::invoke) {
        // Jepsen re-creates the element's state when the same value is added again.
        if (auto it = by_value.find(key); it != by_value.end()) {
          elements[it->second] = element{o.value};
        } else {
          by_value[key] = elements.size();
          elements.push_back({o.value});
        }
      } else if (o.type == op_type::ok) {
        auto& e = elements[by_value.at(key)];
        if (!e.known) e.known = &o;
      }
    } else if (o.f == "read" && o.type == op_type::ok) {
      std::set<std::string> seen;
      if (o.value.is_array()) {
        for (auto const& v : o.value.get_array()) seen.insert(value_key(v));
      }
      auto const& inv = detail::invocation_of(h, o);
      for (auto& e : elements) {
        if (seen.count(value_key(e.value))) {
          if (!e.known) e.known = &o;
          e.last_present = later(e.last_present, &inv);
        } else {
          e.last_absent = later(e.last_absent, &inv);
        }
      }
    }
  }

  // Results in element order, as Jepsen's (sort elements); incomparable elements throw there too.
  std::stable_sort(elements.begin(), elements.end(),
                   [](element const& a, element const& b) { return clojure_compare(a.value, b.value) < 0; });
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
    clojure_sort(v);  // throws for incomparable elements, as Jepsen's sort does: unknown
    return json::array(v.begin(), v.end());
  };
  // Jepsen: (reverse (sort-by :stable-latency stale)): ties come out in reverse element order.
  std::stable_sort(stales.begin(), stales.end(), [](auto const& a, auto const& b) { return a.latency < b.latency; });
  std::reverse(stales.begin(), stales.end());
  json::array worst;
  for (std::size_t i = 0; i < stales.size() && i < 8; ++i) worst.push_back(stales[i].result);

  json::value valid = true;
  if (!lost_values.empty()) valid = false;
  else if (stable_latencies.empty()) valid = "unknown";
  json::object out{{"valid?", valid},
                      {"attempt-count", static_cast<std::int64_t>(elements.size())},
                      {"stable-count", static_cast<std::int64_t>(stable_latencies.size())},
                      {"lost-count", static_cast<std::int64_t>(lost_values.size())},
                      {"lost", sorted(lost_values)},
                      {"never-read-count", static_cast<std::int64_t>(never_read_values.size())},
                      {"never-read", sorted(never_read_values)},
                      {"stale-count", static_cast<std::int64_t>(stale_values.size())},
                      {"stale", sorted(stale_values)},
                      {"worst-stale", worst}};
  // Jepsen leaves the latency maps out when there are no latencies.
  if (!stable_latencies.empty()) out["stable-latencies"] = quantiles(stable_latencies);
  if (!lost_latencies.empty()) out["lost-latencies"] = quantiles(lost_latencies);
  out["duplicated-count"] = 0;
  out["duplicated"] = json::object{};
  return out;
}

// broadcast and g-set share the generator (adds of 0, 1, 2, ... mixed 50/50 with reads), the
// final reads and the set-full checker; they differ in names and in error handling.
class set_workload final : public workload {
 public:
  enum kind_t { broadcast, g_set };

  set_workload(kind_t kind, workload_context ctx) : kind_(kind), ctx_(std::move(ctx)) {}

  std::optional<op_spec> next(worker_view const&) override {
    if (ctx_.w->uniform_int(0, 1) == 0) return op_spec{add_f(), next_value_++};
    return op_spec{"read", nullptr};
  }
  bool has_final_phase() const override { return true; }
  // One final read per worker.
  std::optional<op_spec> final_op(worker_view const& w) override {
    if (!final_read_.insert(w.thread).second) return std::nullopt;
    return op_spec{"read", nullptr};
  }

  std::vector<setup_request> setup() override {
    if (kind_ != broadcast) return {};
    auto const topology = make_topology(ctx_.topology, ctx_.nodes);
    json::object t;
    for (auto const& [node, neighbours] : topology) t[node] = json::array(neighbours.begin(), neighbours.end());
    std::vector<setup_request> out;
    for (auto const& node : ctx_.nodes) out.push_back({node, {{"type", "topology"}, {"topology", t}}, "topology_ok"});
    return out;
  }
  bool with_errors() const override { return kind_ == broadcast; }
  bool idempotent(std::string_view f) const override { return f == "read"; }

  json::object request(op const& inv) override {
    if (inv.f == "read") return {{"type", "read"}};
    if (kind_ == broadcast) return {{"type", "broadcast"}, {"message", inv.value}};
    return {{"type", "add"}, {"element", inv.value}};
  }
  json::value ok_value(op const& inv, json::object const& reply) override {
    if (inv.f != "read") {
      check_reply_schema(reply, kind_ == broadcast ? "broadcast_ok" : "add_ok", {});
      return inv.value;
    }
    std::string_view const field = kind_ == broadcast ? "messages" : "value";
    // [s/Any] for both: a non-integer element is accepted here and counts as absent in the
    // checker (it equals no broadcast integer).
    check_reply_schema(reply, "read_ok", {{field, field_kind::seq}});
    auto v = reply.at(field);
    return v.is_null() ? json::value(json::array{}) : v;
  }
  json::object check(history const& h) override { return check_set_full(h, add_f()); }

 private:
  std::string add_f() const { return kind_ == broadcast ? "broadcast" : "add"; }
  kind_t kind_;
  workload_context ctx_;
  std::set<int> final_read_;
  std::int64_t next_value_ = 0;
};

}  // namespace glomers::harness
