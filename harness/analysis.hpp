// The composed results of spec §8: stats, availability, net, the workload's checker, merged
// validity. The map mirrors Maelstrom's results.edn (keys as strings).
#pragma once

#include "harness/history.hpp"
#include "harness/network.hpp"
#include "harness/workload.hpp"

#include <charconv>
#include <map>
#include <optional>
#include <string>

namespace glomers::harness {

// --availability: unset (not checked), "total" (every op ok), or a minimum ok fraction (a
// number or a ratio such as 1/2, as EDN reads it).
struct availability_goal {
  bool total = false;
  std::optional<double> fraction;
};

// The servers' msgs-per-op of a results map (spec §8.2): the figure Fly.io's challenges judge.
inline double servers_msgs_per_op(json::object const& results) {
  return results.at("net").at("servers").at("msgs-per-op").to_number<double>();
}
inline double all_msgs_per_op(json::object const& results) {
  return results.at("net").at("all").at("msgs-per-op").to_number<double>();
}

// Validity merge: false beats "unknown" beats true.
inline json::value merge_valid(json::value const& a, json::value const& b) {
  auto const rank = [](json::value const& v) { return v.is_bool() ? (v.get_bool() ? 0 : 2) : 1; };
  return rank(b) > rank(a) ? b : a;
}

inline json::object stats_result(history const& h) {
  struct counts {
    std::int64_t count = 0, ok = 0, fail = 0, info = 0;
  };
  counts all;
  std::map<std::string, counts> by_f;
  for (auto const& o : h) {
    if (!o.is_client_op() || o.type == op_type::invoke) continue;
    for (auto* c : {&all, &by_f[o.f]}) {
      ++c->count;
      if (o.type == op_type::ok) ++c->ok;
      if (o.type == op_type::fail) ++c->fail;
      if (o.type == op_type::info) ++c->info;
    }
  }
  bool valid = true;
  json::object by;
  for (auto const& [f, c] : by_f) {
    bool const f_valid = c.ok > 0;
    if (f != "crash" && f != "debug-topic-partitions") valid = valid && f_valid;
    by[f] = json::object{{"valid?", f_valid}, {"count", c.count}, {"ok-count", c.ok},
                         {"fail-count", c.fail}, {"info-count", c.info}};
  }
  return json::object{{"valid?", valid}, {"count", all.count}, {"ok-count", all.ok},
                      {"fail-count", all.fail}, {"info-count", all.info}, {"by-f", by}};
}

// Maelstrom's availability checker: ok-fraction is (float (/ oks invokes)), a 32-bit float, and
// the goal a is compared with it as (<= a ok-fraction): exactly 9/10 ok against 0.9 is invalid
// (0.9f is below 0.9), and total means the float equals 1.
inline json::object availability_result(history const& h, availability_goal const& goal) {
  std::int64_t invokes = 0, oks = 0;
  for (auto const& o : h) {
    if (o.type == op_type::invoke) ++invokes;
    if (o.type == op_type::ok) ++oks;
  }
  float const fraction = invokes == 0 ? 1.0f : static_cast<float>(static_cast<double>(oks) / static_cast<double>(invokes));
  bool valid = true;
  if (goal.total) valid = fraction == 1.0f;
  else if (goal.fraction) valid = *goal.fraction <= static_cast<double>(fraction);
  // Printed as the float prints (0.9, not 0.8999999761581421).
  char buf[32];
  auto const [end, ec] = std::to_chars(buf, buf + sizeof buf, fraction);
  double shown = 0;
  std::from_chars(buf, end, shown);
  return json::object{{"valid?", valid}, {"ok-fraction", invokes == 0 ? json::value(1) : json::value(shown)}};
}

inline std::int64_t client_op_count(history const& h) {
  return std::count_if(h.begin(), h.end(), [](op const& o) { return o.is_client_op() && o.type == op_type::invoke; });
}

inline json::object net_result(harness::journal const& journal, std::int64_t op_count) {
  auto const s = count_messages(journal);
  auto const group = [&](net_counts const& c, bool per_op) {
    json::object o{{"send-count", c.send_count}, {"recv-count", c.recv_count}, {"msg-count", c.msg_count}};
    if (per_op && op_count > 0) o["msgs-per-op"] = static_cast<double>(c.msg_count) / static_cast<double>(op_count);
    return o;
  };
  return json::object{{"all", group(s.all, true)}, {"clients", group(s.clients, false)},
                      {"servers", group(s.servers, true)}, {"valid?", true}};
}

// Runs every checker, each guarded: one that throws yields {"valid?": "unknown", "error": ...}.
inline json::object analyze(history const& h, workload& wl, harness::journal const& journal,
                            availability_goal const& availability) {
  auto const guarded = [](auto&& f) -> json::object {
    try {
      return f();
    } catch (std::exception const& e) {
      return json::object{{"valid?", "unknown"}, {"error", e.what()}};
    }
  };
  json::object r;
  r["perf"] = json::object{{"latency-graph", {{"valid?", true}}}, {"rate-graph", {{"valid?", true}}}, {"valid?", true}};
  r["timeline"] = json::object{{"valid?", true}};
  r["exceptions"] = json::object{{"valid?", true}};
  r["stats"] = guarded([&] { return stats_result(h); });
  r["availability"] = guarded([&] { return availability_result(h, availability); });
  r["net"] = guarded([&] { return net_result(journal, client_op_count(h)); });
  r["workload"] = guarded([&] { return wl.check(h); });
  json::value valid = true;
  for (auto const& [k, v] : r) valid = merge_valid(valid, v.as_object().at("valid?"));
  r["valid?"] = valid;
  return r;
}

}  // namespace glomers::harness
