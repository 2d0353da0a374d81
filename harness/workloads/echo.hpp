// echo (spec §6.1): "Please echo N" requests; every answer must carry its payload back.
#pragma once

#include "harness/workload.hpp"
#include "harness/values.hpp"
#include "harness/workloads/common.hpp"

#include <memory>
#include <string>

namespace glomers::harness {

// echo: every ok or fail completion must carry the invocation's payload (a fail carries none,
// so any definite error is an error; indeterminate completions are skipped).
inline json::object check_echo(history const& h) {
  json::array errors;
  for (auto const& o : h) {
    if (!o.is_client_op() || (o.type != op_type::ok && o.type != op_type::fail) || o.f != "echo") continue;
    auto const& inv = detail::invocation_of(h, o);
    json::value const* echoed = o.value.is_object() ? o.value.get_object().if_contains("echo") : nullptr;
    if (!echoed || !clojure_equal(*echoed, inv.value)) {
      errors.push_back(json::object{{"expected", inv.value},
                                    {"received", echoed ? *echoed : json::value(nullptr)},
                                    {"type", name_of(o.type)},
                                    {"index", o.index}});
    }
  }
  return json::object{{"valid?", errors.empty()}, {"errors", errors}};
}

class echo_workload final : public workload {
 public:
  explicit echo_workload(workload_context ctx) : ctx_(std::move(ctx)) {}
  std::optional<op_spec> next(worker_view const&) override {
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

}  // namespace glomers::harness
