// One Maelstrom test, as events on the world's clock (spec §1.6, §3, §4): init, workload setup,
// the main phase (clients at the stagger rate, the nemesis schedule), then for workloads that
// have one the final phase (heal, 10 s recovery, the final ops of each worker). It drives the
// workload's generator and client and records the history. Nodes are whatever the host
// registered in the network under the node ids; clients are harness/clients.hpp, faults
// harness/faults.hpp.
#pragma once

#include "harness/clients.hpp"
#include "harness/faults.hpp"
#include "harness/history.hpp"
#include "harness/network.hpp"
#include "harness/test_setup.hpp"
#include "harness/workload.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace glomers::harness {

struct test_config {
  std::vector<std::string> nodes;
  int concurrency = 1;
  sim_time time_limit = std::chrono::seconds(60);
  double rate = 5;
  bool partition = false;
  double nemesis_interval_s = 10;
  bool kill = false;   // ours: kill nodes and restart them with a fresh init (state lost)
  bool pause = false;  // ours: pause nodes (SIGSTOP) and resume them
};

class test_run {
 public:
  static constexpr sim_time recovery = std::chrono::seconds(10);

  test_run(test_config cfg, world& w, network& net, workload& wl)
      : cfg_(std::move(cfg)),
        world_(w),
        wl_(wl),
        clients_(w, net),
        faults_(fault_kinds{cfg_.partition, cfg_.kill, cfg_.pause}, cfg_.nodes, w, net),
        setup_(cfg_.nodes, clients_, wl, [this](std::string why) { abort(std::move(why)); }) {
    for (int t = 0; t < cfg_.concurrency; ++t) workers_.push_back(worker{t, t, std::nullopt, -1, false, false});
    faults_.record = [this](std::string const& f, json::value value, json::value result) {
      record_nemesis(f, std::move(value), std::move(result));
    };
    faults_.now = [this] { return since_origin(); };
    faults_.on_kill = [this](std::string const& node) { setup_.forget_init(node); };
    faults_.on_restart = [this](std::string const& node) { setup_.init(node, [] {}); };
  }

  void set_fault_hooks(fault_hooks hooks) { faults_.hooks = std::move(hooks); }

  // Starts the test at the world's current time: init, then setup, then the phases.
  void start() {
    if (auto why = faults_.unsupported()) return abort(*why);
    setup_.start([this] { begin_main(); });
  }

  bool finished() const noexcept { return finished_; }
  std::optional<std::string> const& aborted() const noexcept { return aborted_; }
  history const& ops() const noexcept { return history_; }
  // Every fault's window, for the plots.
  std::vector<fault_window> const& faults() const noexcept { return faults_.windows(); }
  // When the main phase began, on the world's clock; history times count from here.
  sim_time origin() const noexcept { return origin_; }
  std::string const& phase() const noexcept { return phase_; }

  // Progress lines ("Waiting for recovery...") for the console.
  std::function<void(std::string const&)> on_log;

 private:
  struct worker {
    int thread;
    std::int64_t process;
    std::optional<std::string> client;
    std::int64_t client_process = -1;  // the process the client was opened for
    bool busy = false;
    bool final_done = false;  // the generator has no more final ops for it
    worker_view view() const { return {thread, process}; }
  };

  void abort(std::string reason) {
    if (!aborted_) aborted_ = std::move(reason);
    finished_ = true;
  }

  // --- main phase -----------------------------------------------------------------------------

  sim_time since_origin() const { return world_.now() - origin_; }
  bool past_limit(sim_time at) const { return at - origin_ >= cfg_.time_limit; }

  void begin_main() {
    origin_ = world_.now();
    phase_ = "main";
    if (cfg_.rate > 0) {
      world_.at(origin_, [this] { dispatch_client_op(); });
    } else {
      world_.at(origin_ + cfg_.time_limit, [this] {
        clients_exhausted_ = true;
        maybe_end_main();
      });
    }
    if (cfg_.partition || cfg_.kill || cfg_.pause) {
      world_.at(origin_, [this] { nemesis_step(true); });
    } else {
      nemesis_exhausted_ = true;
    }
  }

  sim_time stagger(double mean_s) {
    return std::chrono::duration_cast<sim_time>(std::chrono::duration<double>(world_.uniform() * 2 * mean_s));
  }

  void clients_done() {
    clients_exhausted_ = true;
    maybe_end_main();
  }

  void dispatch_client_op() {
    // Jepsen's time-limit: no op at or past the limit, even one that waited for a worker.
    if (past_limit(world_.now())) return clients_done();
    auto* w = free_worker();
    if (!w) {
      waiting_for_worker_ = true;  // issued as soon as a worker frees
      return;
    }
    auto spec = wl_.next(w->view());
    if (!spec) return clients_done();
    invoke(*w, std::move(*spec), false);
    auto const next = world_.now() + stagger(1.0 / cfg_.rate);
    if (past_limit(next)) return clients_done();
    world_.at(next, [this] { dispatch_client_op(); });
  }

  // The first free worker at or after the rotating start index.
  worker* free_worker() {
    auto const c = workers_.size();
    for (std::size_t k = 0; k < c; ++k) {
      auto& w = workers_[(rotate_ + k) % c];
      if (!w.busy) {
        rotate_ = (rotate_ + k + 1) % c;
        return &w;
      }
    }
    return nullptr;
  }

  void nemesis_step(bool start) {
    if (start) faults_.start();
    else faults_.stop();
    auto const next = world_.now() + stagger(cfg_.nemesis_interval_s);
    if (past_limit(next)) {
      nemesis_exhausted_ = true;
      return maybe_end_main();
    }
    world_.at(next, [this, start] { nemesis_step(!start); });
  }

  void record_nemesis(std::string const& f, json::value value, json::value result) {
    // Jepsen records both halves of a nemesis op as info.
    auto const inv = make_op(op_type::info, f, std::move(value), nemesis_process);
    history_.push_back(inv);
    op done = inv;
    done.index = static_cast<std::int64_t>(history_.size());
    done.type = op_type::info;
    done.value = std::move(result);
    done.invocation = inv.index;
    history_.push_back(std::move(done));
  }

  bool all_idle() const {
    return std::none_of(workers_.begin(), workers_.end(), [](auto const& w) { return w.busy; });
  }

  void maybe_end_main() {
    if (phase_ != "main" || !clients_exhausted_ || !nemesis_exhausted_ || !all_idle()) return;
    if (!wl_.has_final_phase()) {
      phase_ = "done";
      return finish();
    }
    phase_ = "recovery";
    if (cfg_.partition || faults_.active()) faults_.stop();
    if (on_log) on_log("Waiting for recovery...");
    world_.after(recovery, [this] {
      phase_ = "final";
      final_start_ = world_.now();
      for (auto& w : workers_) next_final_op(w);
      maybe_end_final();
    });
  }

  // --- final phase ----------------------------------------------------------------------------

  void next_final_op(worker& w) {
    auto const limit = wl_.final_time_limit();
    std::optional<op_spec> spec;
    if (!limit || world_.now() - final_start_ < *limit) spec = wl_.final_op(w.view());
    if (!spec) {
      w.final_done = true;
      return;
    }
    invoke(w, std::move(*spec), true);
  }

  // After a worker's final op completed: its next one, after the workload's gap.
  void continue_final(worker& w) {
    auto const gap = wl_.final_gap(w.view());
    if (gap <= sim_time(0)) return next_final_op(w);
    w.busy = true;  // waiting out the gap counts as busy: the phase is not over
    world_.after(gap, [this, thread = w.thread] {
      auto& wk = workers_[static_cast<std::size_t>(thread)];
      wk.busy = false;
      next_final_op(wk);
      maybe_end_final();
    });
  }

  void maybe_end_final() {
    if (phase_ != "final" || !all_idle()) return;
    if (!std::all_of(workers_.begin(), workers_.end(), [](auto const& w) { return w.final_done; })) return;
    phase_ = "done";
    finish();
  }

  // The generator is done: the workers exit, closing their clients; the nemesis is torn down.
  // The nodes run on until the host stops them.
  void finish() {
    for (auto& w : workers_) {
      if (auto c = std::exchange(w.client, std::nullopt)) clients_.close(*c);
    }
    faults_.teardown();
    finished_ = true;
  }

  // --- operations -----------------------------------------------------------------------------

  // A new history entry, stamped now, indexed at the end of the history.
  op make_op(op_type type, std::string f, json::value value, std::int64_t process) const {
    op o;
    o.index = static_cast<std::int64_t>(history_.size());
    o.type = type;
    o.f = std::move(f);
    o.value = std::move(value);
    o.process = process;
    o.time = since_origin();
    return o;
  }

  void invoke(worker& w, op_spec spec, bool final) {
    w.busy = true;
    // Jepsen's ClientWorker: a client that is not reusable is replaced when the worker invokes
    // for a new process, not at the info; a node answering it after that is muted (send_from).
    if (w.client && !wl_.reusable_client() && w.client_process != w.process) {
      clients_.close(*std::exchange(w.client, std::nullopt));
    }
    if (!w.client) {
      w.client = clients_.open(wl_.open_client());
      w.client_process = w.process;
    }
    auto inv = make_op(op_type::invoke, std::move(spec.f), std::move(spec.value), w.process);
    inv.extra = std::move(spec.extra);
    inv.final = final;
    history_.push_back(inv);
    take_step(w, inv, wl_.begin(inv, clients_.state(*w.client)));
  }

  // Carries out a client step of the op in flight on w.
  void take_step(worker& w, op const& inv, workload::step s) {
    if (s.kind != workload::step::send) {
      op done = completion_of(inv);
      done.type = s.kind == workload::step::ok ? op_type::ok : s.kind == workload::step::fail ? op_type::fail : op_type::info;
      done.value = s.kind == workload::step::ok ? std::move(s.value) : inv.value;
      done.error = std::move(s.error);
      return complete(w, std::move(done));
    }
    auto const node = cfg_.nodes[static_cast<std::size_t>(w.thread) % cfg_.nodes.size()];
    int const thread = w.thread;
    clients_.rpc(*w.client, node, std::move(s.body), wl_.timeout(), [this, thread, inv](std::optional<message> reply) {
      auto& wk = workers_[static_cast<std::size_t>(thread)];
      if (!reply || reply->type() == "error") {
        op done = completion_of(inv);
        map_failure(done, wl_, reply);
        return complete(wk, std::move(done));
      }
      workload::step next;
      try {
        next = wl_.resume(inv, clients_.state(*wk.client), reply->body);
      } catch (schema_error const& e) {
        op done = completion_of(inv);
        done.type = op_type::info;
        done.error = std::string("indeterminate: ") + e.what();
        return complete(wk, std::move(done));
      }
      take_step(wk, inv, std::move(next));
    });
  }

  op completion_of(op const& inv) const {
    op done = inv;
    done.index = static_cast<std::int64_t>(history_.size());
    done.invocation = inv.index;
    done.time = since_origin();
    return done;
  }

  void complete(worker& w, op done) {
    done.index = static_cast<std::int64_t>(history_.size());
    done.time = since_origin();
    if (done.type == op_type::info) w.process += cfg_.concurrency;  // its client goes at the next invoke
    history_.push_back(std::move(done));
    wl_.observe(history_.back());
    w.busy = false;
    if (history_.back().final) continue_final(w);
    if (waiting_for_worker_) {
      waiting_for_worker_ = false;
      world_.after(sim_time(0), [this] { dispatch_client_op(); });
    }
    maybe_end_main();
    maybe_end_final();
  }

  test_config cfg_;
  world& world_;
  workload& wl_;
  client_pool clients_;
  fault_injector faults_;
  test_setup setup_;
  std::vector<worker> workers_;
  std::size_t rotate_ = 0;
  bool waiting_for_worker_ = false;
  bool clients_exhausted_ = false;
  bool nemesis_exhausted_ = false;
  bool finished_ = false;
  std::optional<std::string> aborted_;
  sim_time origin_{0};
  sim_time final_start_{0};
  std::string phase_ = "setup";
  history history_;
};

}  // namespace glomers::harness
