// The workloads of this harness (spec §6): echo, unique-ids, broadcast, g-set, g-counter and
// pn-counter, and the broadcast topologies Maelstrom sends (§6.3).
#pragma once

#include "harness/checkers.hpp"
#include "harness/workload.hpp"

#include <cmath>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
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

class echo_workload final : public workload {
 public:
  explicit echo_workload(workload_context ctx) : ctx_(std::move(ctx)) {}
  std::optional<op_spec> next(int) override {
    return op_spec{"echo", json::value("Please echo " + std::to_string(ctx_.w->uniform_int(0, 127)))};
  }
  json::object request(op const& inv) override { return {{"type", "echo"}, {"echo", inv.value}}; }
  json::value ok_value(op const&, json::object const& reply) override {
    check_reply_schema(reply, "echo_ok", {{"echo", field_kind::any}});
    return reply;
  }
  json::object check(history const& h) override { return check_echo(h); }

 private:
  workload_context ctx_;
};

class unique_ids_workload final : public workload {
 public:
  std::optional<op_spec> next(int) override { return op_spec{"generate", nullptr}; }
  bool reusable_client() const override { return true; }
  json::object request(op const&) override { return {{"type", "generate"}}; }
  json::value ok_value(op const&, json::object const& reply) override {
    check_reply_schema(reply, "generate_ok", {{"id", field_kind::any}});
    return reply.at("id");
  }
  json::object check(history const& h) override { return check_unique_ids(h); }
};

// broadcast and g-set share the generator (adds of 0, 1, 2, ... mixed 50/50 with reads), the
// final reads and the set-full checker; they differ in names and in error handling.
class set_workload final : public workload {
 public:
  enum kind_t { broadcast, g_set };

  set_workload(kind_t kind, workload_context ctx) : kind_(kind), ctx_(std::move(ctx)) {}

  std::optional<op_spec> next(int) override {
    if (ctx_.w->uniform_int(0, 1) == 0) return op_spec{add_f(), next_value_++};
    return op_spec{"read", nullptr};
  }
  bool has_final_phase() const override { return true; }
  std::optional<op_spec> final_op(int) override { return op_spec{"read", nullptr}; }

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
    check_reply_schema(reply, "read_ok", {{field, kind_ == broadcast ? field_kind::integer_seq : field_kind::seq}});
    auto v = reply.at(field);
    return v.is_null() ? json::value(json::array{}) : v;
  }
  json::object check(history const& h) override { return check_set_full(h, add_f()); }

 private:
  std::string add_f() const { return kind_ == broadcast ? "broadcast" : "add"; }
  kind_t kind_;
  workload_context ctx_;
  std::int64_t next_value_ = 0;
};

// g-counter (deltas 0..4, negative draws re-drawn) and pn-counter (deltas -5..4).
class counter_workload final : public workload {
 public:
  counter_workload(bool grow_only, workload_context ctx) : grow_only_(grow_only), ctx_(std::move(ctx)) {}

  std::optional<op_spec> next(int) override {
    for (;;) {
      if (ctx_.w->uniform_int(0, 1) == 1) return op_spec{"read", nullptr};
      auto const d = ctx_.w->uniform_int(-5, 4);
      if (!grow_only_ || d >= 0) return op_spec{"add", d};
    }
  }
  bool has_final_phase() const override { return true; }
  std::optional<op_spec> final_op(int) override { return op_spec{"read", nullptr}; }
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
};

inline std::vector<std::string> const& workload_names() {
  static std::vector<std::string> const names{"broadcast", "echo", "g-counter", "g-set", "kafka", "lin-kv",
                                              "pn-counter", "txn-list-append", "txn-rw-register", "unique-ids"};
  return names;
}

// The workload named, or nullptr when Maelstrom has it but this harness does not yet.
inline std::unique_ptr<workload> make_workload(std::string const& name, workload_context ctx) {
  if (name == "echo") return std::make_unique<echo_workload>(std::move(ctx));
  if (name == "unique-ids") return std::make_unique<unique_ids_workload>();
  if (name == "broadcast") return std::make_unique<set_workload>(set_workload::broadcast, std::move(ctx));
  if (name == "g-set") return std::make_unique<set_workload>(set_workload::g_set, std::move(ctx));
  if (name == "g-counter") return std::make_unique<counter_workload>(true, std::move(ctx));
  if (name == "pn-counter") return std::make_unique<counter_workload>(false, std::move(ctx));
  return nullptr;
}

}  // namespace glomers::harness
