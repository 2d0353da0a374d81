// lin-kv's checker (spec §6.6): the history split by key (Jepsen's independent checker), each
// key a compare-and-set register checked for linearizability, and Maelstrom's result map
// {"valid?", "results": {k: {"valid?", "linearizable": {...}}}, "failures": [k...]}.
//
// Op values are Jepsen's independent tuples: read [k v], write [k v], cas [k [from to]]. Failed
// ops are removed, unknown reads (info) say nothing and are dropped, unknown writes and cas may
// take effect at any point after their invocation, or never.
#pragma once

#include "harness/history.hpp"
#include "harness/workloads/lin_kv/explain.hpp"
#include "harness/workloads/lin_kv/linearizability.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace glomers::harness::linearizable {

namespace detail {

// One key's register history, with the ops it came from.
struct key_history {
  json::value key;
  std::vector<reg_op> ops;
  std::vector<source_op> sources;
  std::map<std::string, std::int32_t> ids;  // value text -> interned id
  std::vector<json::value> values{nullptr};  // id -> value

  std::int32_t intern(json::value const& v) {
    if (v.is_null()) return nil_value;
    auto [it, fresh] = ids.try_emplace(boost::json::serialize(v), static_cast<std::int32_t>(values.size()));
    if (fresh) values.push_back(v);
    return it->second;
  }
};

inline bool is_pair(json::value const& v) { return v.is_array() && v.get_array().size() == 2; }

// Integer keys in numeric order, then the others by their text (Jepsen's sorted map).
struct key_order {
  bool operator()(json::value const& x, json::value const& y) const {
    bool const xi = x.is_int64() || x.is_uint64(), yi = y.is_int64() || y.is_uint64();
    if (xi && yi) return x.to_number<double>() < y.to_number<double>();
    if (xi != yi) return xi;
    return boost::json::serialize(x) < boost::json::serialize(y);
  }
};

// Adds one op (its invocation and, if any, its completion) to its key's history.
inline void add_op(std::map<json::value, key_history, key_order>& keys, op const& inv, op const* done) {
  if (!is_pair(inv.value)) return;
  if (done && done->type == op_type::fail) return;
  bool const ok = done && done->type == op_type::ok;
  if (inv.f == "read" && !ok) return;  // an unknown read constrains nothing
  auto const& key = inv.value.get_array()[0];
  auto& kh = keys[key];
  kh.key = key;
  reg_op r;
  r.call = inv.index;
  r.ret = ok ? done->index : -1;
  auto const& arg = inv.value.get_array()[1];
  if (inv.f == "read") {
    if (!is_pair(done->value)) return;
    r.f = reg_f::read;
    r.a = kh.intern(done->value.get_array()[1]);
  } else if (inv.f == "write") {
    r.f = reg_f::write;
    r.a = kh.intern(arg);
  } else if (inv.f == "cas") {
    if (!is_pair(arg)) return;
    r.f = reg_f::cas;
    r.a = kh.intern(arg.get_array()[0]);
    r.b = kh.intern(arg.get_array()[1]);
  } else {
    return;
  }
  kh.ops.push_back(r);
  kh.sources.push_back({inv.index, ok ? done->index : -1, inv.process, inv.f,
                        inv.f == "read" ? done->value.get_array()[1] : arg});
}

}  // namespace detail

struct checker_options {
  search_budget budget;                          // per key
  std::chrono::milliseconds max_total_time{120'000};  // all keys together: later keys get what is left
};

// One key: {"valid?", "linearizable": {...}}.
inline json::object check_key(detail::key_history const& kh, checker_options const& opts = {}) {
  auto const r = check_register(kh.ops, opts.budget);
  std::int64_t unknown = 0;
  for (auto const& o : kh.ops) unknown += o.unknown();
  json::object lin{{"analyzer", "wgl"},
                   {"op-count", static_cast<std::int64_t>(kh.ops.size())},
                   {"unknown-count", unknown},
                   {"states", r.states}};
  json::value valid;
  switch (r.outcome) {
    case verdict::valid:
      valid = true;
      break;
    case verdict::unknown:
      valid = "unknown";
      lin["error"] = r.out_of_time ? "search time limit reached after " + std::to_string(r.states) + " states"
                                   : "search state limit reached (" + std::to_string(r.states) + " states)";
      break;
    case verdict::invalid:
      valid = false;
      detail::explain(kh.ops, kh.sources, kh.values, r, lin);
      break;
  }
  lin["valid?"] = valid;
  return json::object{{"valid?", valid}, {"linearizable", std::move(lin)}};
}

// The whole lin-kv history: Maelstrom's workload result map.
inline json::object check(history const& h, checker_options const& opts = {}) {
  std::map<json::value, detail::key_history, detail::key_order> keys;
  std::vector<op const*> done(h.size(), nullptr);
  for (auto const& o : h) {
    if (o.type != op_type::invoke && o.invocation >= 0 && static_cast<std::size_t>(o.invocation) < h.size()) {
      done[static_cast<std::size_t>(o.invocation)] = &o;
    }
  }
  for (auto const& o : h) {
    if (o.is_client_op() && o.type == op_type::invoke) detail::add_op(keys, o, done[static_cast<std::size_t>(o.index)]);
  }
  json::object results;
  json::array failures;
  bool any_unknown = false;
  auto const started = std::chrono::steady_clock::now();
  for (auto const& [key, kh] : keys) {
    auto per_key = opts;
    auto const left = opts.max_total_time - std::chrono::duration_cast<std::chrono::milliseconds>(
                                                std::chrono::steady_clock::now() - started);
    per_key.budget.max_time = std::clamp(left, std::chrono::milliseconds(0), opts.budget.max_time);
    auto res = check_key(kh, per_key);
    auto const& v = res.at("valid?");
    if (v.is_bool() && !v.get_bool()) failures.push_back(key);
    if (v.is_string()) any_unknown = true;
    auto const name = key.is_string() ? std::string(key.get_string()) : boost::json::serialize(key);
    results[name] = std::move(res);
  }
  json::value valid = failures.empty() ? (any_unknown ? json::value("unknown") : json::value(true)) : json::value(false);
  return json::object{{"valid?", valid}, {"results", std::move(results)}, {"failures", std::move(failures)}};
}

}  // namespace glomers::harness::linearizable
