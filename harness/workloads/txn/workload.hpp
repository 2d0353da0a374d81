// txn-rw-register and txn-list-append (spec §6.8, §6.9): Elle's wr-txns generator, a reusable
// client with Maelstrom's with-errors mapping (nothing idempotent), strict txn_ok schemas, and
// the Elle checkers. No final phase, unless our --final-reads asks every node, after the heal
// and recovery, to read every key the test used (rw-register only).
#pragma once

#include "harness/workload.hpp"
#include "harness/workloads/txn/generator.hpp"
#include "harness/workloads/txn/list_append.hpp"
#include "harness/workloads/txn/rw_register.hpp"

#include <memory>
#include <set>
#include <string>

namespace glomers::harness {

class txn_workload final : public workload {
 public:
  enum kind_t { rw_register, list_append };

  txn_workload(kind_t kind, workload_context ctx)
      : kind_(kind),
        ctx_(std::move(ctx)),
        gen_({.key_count = ctx_.key_count.value_or(10),
              .min_length = 1,
              .max_length = ctx_.max_txn_length,
              .max_writes_per_key = ctx_.max_writes_per_key,
              .append = kind == list_append}) {}

  std::optional<op_spec> next(worker_view const&) override { return op_spec{"txn", gen_.next(*ctx_.w)}; }

  bool has_final_phase() const override { return kind_ == rw_register && ctx_.final_reads; }
  // One txn per node (the first worker bound to it) reading every key handed out.
  std::optional<op_spec> final_op(worker_view const& w) override {
    if (static_cast<std::size_t>(w.thread) >= ctx_.nodes.size() || !final_asked_.insert(w.thread).second) return std::nullopt;
    json::array txn;
    for (auto k : gen_.keys()) txn.push_back(json::array{"r", k, nullptr});
    return op_spec{"txn", txn};
  }

  bool reusable_client() const override { return true; }
  bool with_errors() const override { return true; }

  json::object request(op const& inv) override { return {{"type", "txn"}, {"txn", inv.value}}; }
  json::value ok_value(op const&, json::object const& reply) override {
    check_reply_schema(reply, "txn_ok", {{"txn", field_kind::any}});
    auto const& txn = reply.at("txn");
    auto const bad = [&](std::string const& why) {
      throw schema_error("Malformed RPC response: " + why + " in " + boost::json::serialize(reply));
    };
    if (!txn.is_array()) bad("txn must be a sequence");
    for (auto const& m : txn.get_array()) {
      if (!m.is_array() || m.get_array().size() != 3) bad("each micro-op must be [f, k, v]");
      auto const& f = m.get_array()[0];
      auto const& v = m.get_array()[2];
      bool const read = f == "r";
      if (!read && f != (kind_ == list_append ? "append" : "w")) bad("unknown micro-op function " + boost::json::serialize(f));
      if (read && kind_ == list_append && !v.is_null() && !v.is_array()) bad("a read of a list must be a sequence");
    }
    return txn;
  }

  json::object check(history const& h) override {
    if (kind_ == list_append) return txn::check_list_append(h, {ctx_.consistency_models});
    return txn::check_rw_register(h, {ctx_.consistency_models, ctx_.final_reads});
  }

 private:
  kind_t kind_;
  workload_context ctx_;
  txn::wr_txns gen_;
  std::set<int> final_asked_;
};

inline std::unique_ptr<workload> make_txn_rw_register(workload_context c) {
  return std::make_unique<txn_workload>(txn_workload::rw_register, std::move(c));
}
inline std::unique_ptr<workload> make_txn_list_append(workload_context c) {
  return std::make_unique<txn_workload>(txn_workload::list_append, std::move(c));
}

}  // namespace glomers::harness
