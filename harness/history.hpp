// Jepsen's history: invocations and completions of client and nemesis operations (spec §4.4).
#pragma once

#include "harness/world.hpp"
#include "maelstrom/json.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace glomers::harness {

enum class op_type { invoke, ok, fail, info };

inline std::string_view name_of(op_type t) {
  switch (t) {
    case op_type::invoke: return "invoke";
    case op_type::ok: return "ok";
    case op_type::fail: return "fail";
    case op_type::info: return "info";
  }
  return "?";
}

inline constexpr std::int64_t nemesis_process = -1;

struct op {
  std::int64_t index = -1;  // dense, in history order
  op_type type = op_type::invoke;
  std::string f;
  json::value value;
  std::int64_t process = 0;  // nemesis_process for the nemesis
  sim_time time{0};          // since the main phase began
  bool final = false;        // an op of the final phase
  std::string error;         // completions only: why it failed or is indeterminate
  std::int64_t invocation = -1;  // completions: index of their invocation
  json::object extra;            // further keys the workload gave the op

  // A worker's op, not the nemesis's (Jepsen's client-op?). Not harness::is_client(id), which
  // asks whether a node id names a client.
  bool is_client_op() const noexcept { return process != nemesis_process; }
};

using history = std::vector<op>;

inline json::object to_json(op const& o) {
  json::object j{{"index", o.index}, {"type", name_of(o.type)}, {"f", o.f}, {"value", o.value},
                 {"time", o.time.count()}};
  if (o.process == nemesis_process) {
    j["process"] = "nemesis";
  } else {
    j["process"] = o.process;
  }
  for (auto const& [k, v] : o.extra) j[k] = v;
  if (o.final) j["final?"] = true;
  if (!o.error.empty()) j["error"] = o.error;
  return j;
}

}  // namespace glomers::harness
