// The kafka workload (spec §6.7): Maelstrom's kafka generator, client and checker.
//
// The client is not reusable: an info completion (a crash op, a timeout) opens a new client with
// no assigned keys. assign is idempotent; it lists committed offsets unless it seeks to the
// beginning. A poll asks from the client's offsets, advances them, then commits the highest
// offsets it returned, all in one op; send records the offset it was given.
#pragma once

#include "harness/workload.hpp"
#include "harness/workloads/kafka/checker.hpp"
#include "harness/workloads/kafka/client.hpp"
#include "harness/workloads/kafka/generator.hpp"

#include <memory>

namespace glomers::harness::kafka {

class kafka_workload final : public workload {
 public:
  explicit kafka_workload(workload_context ctx)
      : ctx_(std::move(ctx)),
        gen_(*ctx_.w, {.concurrency = ctx_.concurrency,
                       .key_count = ctx_.key_count.value_or(10),
                       .max_writes_per_key = ctx_.max_writes_per_key}) {}

  // --- generator ---
  std::optional<op_spec> next(worker_view const&) override { return spec(gen_.next()); }
  bool has_final_phase() const override { return true; }
  std::optional<op_spec> final_op(worker_view const& w) override {
    auto o = gen_.final_op(w.thread);
    if (!o) return std::nullopt;
    return spec(std::move(*o));
  }
  sim_time final_gap(worker_view const& w) override { return gen_.final_gap(w.thread); }
  std::optional<sim_time> final_time_limit() const override { return std::chrono::seconds(10); }
  void observe(op const& completion) override {
    if (completion.is_client_op()) gen_.observe(completion);
  }

  // --- client ---
  bool idempotent(std::string_view f) const override { return f == "assign"; }

  struct state : client_state {
    enum stage_t { listing, sending, polling, committing } stage = polling;
    client_offsets offsets;
    json::value polled;  // the poll's value while its commit is in flight
  };
  std::unique_ptr<client_state> open_client() override { return std::make_unique<state>(); }

  step begin(op const& inv, client_state* cs) override {
    auto& st = static_cast<state&>(*cs);
    if (inv.f == "crash") return step::indeterminate();
    if (inv.f == "assign") {
      auto const* seek = inv.extra.if_contains("seek-to-beginning?");
      if (seek && seek->is_bool() && seek->get_bool()) {
        assign(st.offsets, inv.value, nullptr);
        return step::done(inv.value);
      }
      st.stage = state::listing;
      return step::request({{"type", "list_committed_offsets"}, {"keys", inv.value}});
    }
    if (inv.f == "send") {
      auto const& mop = inv.value.as_array()[0].as_array();
      st.stage = state::sending;
      return step::request({{"type", "send"}, {"key", mop[1]}, {"msg", mop[2]}});
    }
    st.stage = state::polling;
    return step::request({{"type", "poll"}, {"offsets", st.offsets.as_json()}});
  }

  step resume(op const& inv, client_state* cs, json::object const& reply) override {
    auto& st = static_cast<state&>(*cs);
    switch (st.stage) {
      case state::listing: {
        auto const& committed = committed_offsets(reply);
        assign(st.offsets, inv.value, &committed);
        return step::done(inv.value);
      }
      case state::sending: {
        auto const& mop = inv.value.as_array()[0].as_array();
        auto const offset = send_ok_offset(reply);
        return step::done(json::array{json::array{"send", mop[1], json::array{offset, mop[2]}}});
      }
      case state::polling: {
        auto const& msgs = poll_ok_msgs(reply);
        auto commit = advance(st.offsets, msgs);
        json::value polled = json::array{json::array{"poll", msgs}};
        if (commit.empty()) return step::done(std::move(polled));
        st.polled = std::move(polled);
        st.stage = state::committing;
        return step::request({{"type", "commit_offsets"}, {"offsets", std::move(commit)}});
      }
      case state::committing:
        check_commit_ok(reply);
        return step::done(std::move(st.polled));
    }
    return step::indeterminate("unexpected reply");
  }

  // --- checker ---
  json::object check(history const& h) override { return kafka::check(h); }

 private:
  static op_spec spec(gen_op o) {
    op_spec s{std::move(o.f), std::move(o.value)};
    if (o.seek_to_beginning) s.extra["seek-to-beginning?"] = true;
    return s;
  }

  workload_context ctx_;
  generator gen_;
};

inline std::unique_ptr<workload> make_kafka_workload(workload_context ctx) {
  return std::make_unique<kafka_workload>(std::move(ctx));
}

}  // namespace glomers::harness::kafka
