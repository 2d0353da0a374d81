// Why a register history is not linearizable, in plain words: the op the search could not place,
// the register values it met, the writes that could have come last before it, and the window of
// ops around it.
#pragma once

#include "harness/workloads/lin_kv/linearizability.hpp"
#include "maelstrom/json.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace glomers::harness::linearizable {

// Where a register op came from in the history.
struct source_op {
  std::int64_t invoke_index = -1;
  std::int64_t complete_index = -1;  // -1: no ok completion (unknown outcome)
  std::int64_t process = 0;
  std::string f;
  json::value value;  // read: the value read; write: the value; cas: [from, to]
};

namespace detail {

inline json::object describe(source_op const& s) {
  json::object j{{"process", s.process}, {"f", s.f}, {"value", s.value}, {"invoke-index", s.invoke_index}};
  if (s.complete_index >= 0) {
    j["type"] = "ok";
    j["complete-index"] = s.complete_index;
  } else {
    j["type"] = "info";
  }
  return j;
}

inline std::string text(json::value const& v) { return v.is_null() ? "nil" : boost::json::serialize(v); }

inline std::string words(source_op const& s) {
  std::string w = s.f + " ";
  if (s.f == "cas" && s.value.is_array() && s.value.get_array().size() == 2) {
    w += "from " + text(s.value.get_array()[0]) + " to " + text(s.value.get_array()[1]);
  } else {
    w += text(s.value);
  }
  w += " (process " + std::to_string(s.process) + ", invoked at " + std::to_string(s.invoke_index);
  w += s.complete_index >= 0 ? ", ok at " + std::to_string(s.complete_index) + ")" : ", outcome unknown)";
  return w;
}

// Writes and cas ops that may be the last to take effect before op x: invoked before x
// completed, and not certainly overwritten before x was invoked (an ok write that completed
// before x began and began after they completed).
inline std::vector<std::int32_t> last_possible_writes(std::vector<reg_op> const& ops, std::int32_t x) {
  std::int64_t overwritten_before = -1;
  for (auto const& w : ops) {
    if (w.f != reg_f::read && !w.unknown() && w.ret < ops[x].call) overwritten_before = std::max(overwritten_before, w.call);
  }
  std::vector<std::int32_t> out;
  for (std::int32_t i = 0; i < static_cast<std::int32_t>(ops.size()); ++i) {
    auto const& w = ops[i];
    if (i == x || w.f == reg_f::read || w.call > ops[x].ret) continue;
    if (!w.unknown() && w.ret < overwritten_before) continue;
    if (w.unknown() && w.call < overwritten_before) continue;  // too old to matter here: keep it short
    out.push_back(i);
  }
  std::sort(out.begin(), out.end(), [&](auto a, auto b) { return ops[a].call < ops[b].call; });
  if (out.size() > 12) out.erase(out.begin(), out.end() - 12);
  return out;
}

// Fills the "linearizable" map of an invalid key.
inline void explain(std::vector<reg_op> const& ops, std::vector<source_op> const& sources,
                    std::vector<json::value> const& values, search_result const& r, json::object& lin) {
  if (r.stuck < 0) return;
  auto const x = r.stuck;
  auto const& xo = ops[x];
  auto const& xs = sources[x];
  lin["op"] = describe(xs);

  json::array held;
  std::string held_words;
  for (auto s : r.stuck_states) {
    held.push_back(values[static_cast<std::size_t>(s)]);
    held_words += (held_words.empty() ? "" : ", ") + text(values[static_cast<std::size_t>(s)]);
  }
  lin["register-values"] = held;

  auto const writes = last_possible_writes(ops, x);
  std::string writes_words;
  json::array writes_json;
  for (auto w : writes) {
    writes_words += (writes_words.empty() ? "" : "; ") + words(sources[w]);
    writes_json.push_back(describe(sources[w]));
  }
  lin["last-possible-writes"] = writes_json;

  std::string reason = words(xs) + " cannot be linearized: ";
  if (xo.f == reg_f::read || xo.f == reg_f::cas) {
    auto const want = text(values[static_cast<std::size_t>(xo.a)]);
    bool const ever = std::any_of(ops.begin(), ops.end(), [&](reg_op const& w) {
      return (w.f == reg_f::write && w.a == xo.a) || (w.f == reg_f::cas && w.b == xo.a);
    });
    reason += xo.f == reg_f::read ? "it read " + want : "it needed " + want;
    if (!ever) {
      reason += ", which no op ever wrote";
    } else {
      reason += " but no order of the ops before its completion leaves " + want + " in the register";
      if (!held_words.empty()) reason += " (orders explored leave " + held_words + ")";
    }
  } else {
    reason += "no order of the ops before its completion lets the ops after it take effect";
  }
  reason += writes.empty() ? "; no write or cas could precede it." : "; the last writes that could precede it: " + writes_words + ".";
  lin["reason"] = reason;

  // The window: ops overlapping x, the writes above, and the ops of one order that reached x.
  std::vector<std::int32_t> window = writes;
  for (std::int32_t i = 0; i < static_cast<std::int32_t>(ops.size()); ++i) {
    auto const& o = ops[i];
    bool const overlaps = o.call < xo.ret && (o.unknown() ? o.call > xo.call : o.ret > xo.call);
    if (overlaps || i == x) window.push_back(i);
  }
  for (auto i : r.stuck_order) window.push_back(i);
  std::sort(window.begin(), window.end(), [&](auto a, auto b) { return ops[a].call < ops[b].call; });
  window.erase(std::unique(window.begin(), window.end()), window.end());
  if (window.size() > 40) window.erase(window.begin(), window.end() - 40);
  json::array win;
  for (auto i : window) win.push_back(describe(sources[i]));
  lin["window"] = win;
  json::array order;
  for (auto i : r.stuck_order) order.push_back(describe(sources[i]));
  lin["order-reaching-op"] = order;
}

}  // namespace detail
}  // namespace glomers::harness::linearizable
