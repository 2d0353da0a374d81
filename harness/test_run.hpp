// One Maelstrom test, as events on the world's clock (spec §1.6, §3, §4): init, workload setup,
// the main phase (clients at the stagger rate, the partition nemesis), then for workloads that
// have one the final phase (heal, 10 s recovery, one final op per worker). It records the
// history. Nodes are whatever the host registered in the network under the node ids.
#pragma once

#include "harness/history.hpp"
#include "harness/nemesis.hpp"
#include "harness/network.hpp"
#include "harness/workload.hpp"

#include <chrono>
#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <string>
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

// What the host does for the kill and pause faults, node by node. restart starts a fresh node
// under the same id; the test run then sends it init.
struct fault_hooks {
  std::function<void(std::string const&)> kill, restart, pause, resume;
};

// A span of virtual time (since the main phase began) during which a fault was in force.
struct partition_window {
  sim_time start;
  std::optional<sim_time> end;
  std::string spec;
};

class test_run {
 public:
  static constexpr sim_time init_timeout = std::chrono::seconds(10);
  static constexpr sim_time setup_timeout = std::chrono::seconds(5);
  static constexpr sim_time recovery = std::chrono::seconds(10);

  test_run(test_config cfg, world& w, network& net, workload& wl)
      : cfg_(std::move(cfg)), world_(w), net_(net), wl_(wl) {
    for (int t = 0; t < cfg_.concurrency; ++t) workers_.push_back(worker{t, t, std::nullopt, false});
  }

  void set_fault_hooks(fault_hooks hooks) { hooks_ = std::move(hooks); }

  // Starts the test at the world's current time: init, then setup, then the phases.
  void start() {
    if (cfg_.kill && (!hooks_.kill || !hooks_.restart)) return abort("this host cannot kill and restart nodes");
    if (cfg_.pause && (!hooks_.pause || !hooks_.resume)) return abort("this host cannot pause nodes");
    next_client_ = 0;
    pending_setup_ = cfg_.nodes.size();
    for (auto const& node : cfg_.nodes) {
      init(node, [this] {
        if (--pending_setup_ == 0) setup();
      });
    }
  }

  bool finished() const noexcept { return finished_; }
  std::optional<std::string> const& aborted() const noexcept { return aborted_; }
  history const& ops() const noexcept { return history_; }
  std::vector<partition_window> const& partitions() const noexcept { return partitions_; }
  // When the main phase began, on the world's clock; history times count from here.
  sim_time origin() const noexcept { return origin_; }
  std::string const& phase() const noexcept { return phase_; }

  // Progress lines ("Waiting for recovery...") for the console.
  std::function<void(std::string const&)> on_log;

 private:
  struct client {
    std::int64_t next_msg_id = 1;
    std::optional<std::int64_t> outstanding;
    event_id timeout = 0;
    std::function<void(std::optional<message>)> done;
  };
  struct worker {
    int thread;
    std::int64_t process;
    std::optional<std::string> client;
    bool busy = false;
  };

  // --- clients --------------------------------------------------------------------------------

  std::string open_client() {
    auto id = "c" + std::to_string(next_client_++);
    clients_[id];
    net_.add(id, [this, id](envelope const& e) { client_receive(id, e.msg); });
    return id;
  }
  void close_client(std::string const& id) {
    net_.remove(id);
    if (auto it = clients_.find(id); it != clients_.end()) {
      if (it->second.outstanding) world_.cancel(it->second.timeout);
      clients_.erase(it);
    }
  }

  // One request from client id; done gets the reply, or nullopt after the timeout. Any other
  // message to the client (a late reply to an earlier request) is discarded.
  void rpc(std::string const& id, std::string const& dest, json::object body, sim_time timeout,
           std::function<void(std::optional<message>)> done) {
    auto& c = clients_.at(id);
    auto const msg_id = c.next_msg_id++;
    body["msg_id"] = msg_id;
    c.outstanding = msg_id;
    c.done = std::move(done);
    c.timeout = world_.after(timeout, [this, id] {
      auto it = clients_.find(id);
      if (it == clients_.end() || !it->second.outstanding) return;
      it->second.outstanding.reset();
      auto cb = std::move(it->second.done);
      cb(std::nullopt);
    });
    net_.send(message{id, dest, std::move(body)});
  }

  void client_receive(std::string const& id, message const& m) {
    auto it = clients_.find(id);
    if (it == clients_.end()) return;
    auto& c = it->second;
    if (!c.outstanding || m.in_reply_to() != c.outstanding) return;
    c.outstanding.reset();
    world_.cancel(c.timeout);
    auto cb = std::move(c.done);
    cb(m);
  }

  // Sends init to node through a fresh client, which is closed once init_ok arrives (or when the
  // nemesis kills the node again before it answers: that init is moot).
  void init(std::string const& node, std::function<void()> then) {
    auto const id = open_client();
    pending_init_[node] = id;
    rpc(id, node, {{"type", "init"}, {"node_id", node}, {"node_ids", json::array(cfg_.nodes.begin(), cfg_.nodes.end())}},
        init_timeout, [this, id, node, then = std::move(then)](std::optional<message> reply) {
          if (!reply) return abort("Expected node " + node + " to respond to an init message");
          if (reply->type() != "init_ok") {
            return abort("Expected node " + node + " to respond to init with init_ok, got " + serialize(*reply));
          }
          close_client(id);
          pending_init_.erase(node);
          then();
        });
  }

  void abort(std::string reason) {
    if (!aborted_) aborted_ = std::move(reason);
    finished_ = true;
  }

  // --- setup ----------------------------------------------------------------------------------

  void setup() {
    std::map<std::string, std::string> setup_client;
    for (auto const& node : cfg_.nodes) setup_client[node] = open_client();
    auto requests = wl_.setup();
    pending_setup_ = requests.size();
    if (requests.empty()) return begin_main();
    for (auto& r : requests) {
      auto const node = r.node;
      auto const expected = r.expected_reply;
      rpc(setup_client.at(node), node, std::move(r.body), setup_timeout,
          [this, node, expected](std::optional<message> reply) {
            if (!reply) return abort("Expected node " + node + " to respond to " + expected + " setup");
            if (reply->type() != expected) {
              return abort("Node " + node + " answered setup with " + serialize(*reply));
            }
            if (--pending_setup_ == 0) begin_main();
          });
    }
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

  void dispatch_client_op() {
    auto* w = free_worker();
    if (!w) {
      waiting_for_worker_ = true;  // issued as soon as a worker frees
      return;
    }
    auto spec = wl_.next(w->thread);
    if (!spec) {
      clients_exhausted_ = true;
      return maybe_end_main();
    }
    invoke(*w, std::move(*spec), false);
    auto const next = world_.now() + stagger(1.0 / cfg_.rate);
    if (past_limit(next)) {
      clients_exhausted_ = true;
      return maybe_end_main();
    }
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
    if (start) start_fault();
    else stop_fault();
    auto const next = world_.now() + stagger(cfg_.nemesis_interval_s);
    if (past_limit(next)) {
      nemesis_exhausted_ = true;
      return maybe_end_main();
    }
    world_.at(next, [this, start] { nemesis_step(!start); });
  }

  // Each start picks one of the enabled faults at random.
  void start_fault() {
    std::vector<std::string> kinds;
    if (cfg_.partition) kinds.push_back("partition");
    if (cfg_.kill) kinds.push_back("kill");
    if (cfg_.pause) kinds.push_back("pause");
    auto const& kind = kinds[static_cast<std::size_t>(world_.uniform_int(0, static_cast<std::int64_t>(kinds.size()) - 1))];
    if (kind == "partition") {
      auto const& specs = partition_specs();
      auto const spec = specs[static_cast<std::size_t>(world_.uniform_int(0, static_cast<std::int64_t>(specs.size()) - 1))];
      auto const g = make_grudge(spec, cfg_.nodes, world_);
      for (auto const& [dest, srcs] : g) {
        for (auto const& src : srcs) net_.drop(src, dest);
      }
      record_nemesis("start-partition", json::value(spec), json::array{"isolated", to_json(g)});
      partitions_.push_back({since_origin(), std::nullopt, spec});
      active_ = {"partition", {}};
      return;
    }
    // kill or pause: one node to a minority of them, chosen at random.
    auto targets = cfg_.nodes;
    std::shuffle(targets.begin(), targets.end(), world_.rng());
    auto const most = std::max<std::int64_t>(1, (static_cast<std::int64_t>(targets.size()) - 1) / 2);
    targets.resize(static_cast<std::size_t>(world_.uniform_int(1, most)));
    auto const& act = kind == "kill" ? hooks_.kill : hooks_.pause;
    for (auto const& t : targets) {
      if (auto it = pending_init_.find(t); kind == "kill" && it != pending_init_.end()) {
        close_client(it->second);
        pending_init_.erase(it);
      }
      act(t);
    }
    json::array const names(targets.begin(), targets.end());
    record_nemesis(kind, names, json::array{kind == "kill" ? "killed" : "paused", names});
    std::string label = kind;
    for (auto const& t : targets) label += " " + t;
    partitions_.push_back({since_origin(), std::nullopt, label});
    active_ = {kind, targets};
  }

  // Undoes the fault in force: heal, restart (and init) the killed, resume the paused.
  void stop_fault() {
    auto const [kind, targets] = std::exchange(active_, {});
    json::array const names(targets.begin(), targets.end());
    if (kind == "kill") {
      for (auto const& t : targets) {
        hooks_.restart(t);
        init(t, [] {});
      }
      record_nemesis("start", names, json::array{"started", names});
    } else if (kind == "pause") {
      for (auto const& t : targets) hooks_.resume(t);
      record_nemesis("resume", names, json::array{"resumed", names});
    } else {
      net_.heal();
      record_nemesis("stop-partition", nullptr, "network-healed");
    }
    if (!partitions_.empty() && !partitions_.back().end) partitions_.back().end = since_origin();
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
    if (cfg_.partition || !active_.first.empty()) stop_fault();
    if (on_log) on_log("Waiting for recovery...");
    world_.after(recovery, [this] {
      phase_ = "final";
      for (auto& w : workers_) {
        if (auto spec = wl_.final_op(w.thread)) invoke(w, std::move(*spec), true);
      }
      maybe_end_final();
    });
  }

  void maybe_end_final() {
    if (phase_ == "final" && all_idle()) {
      phase_ = "done";
      finish();
    }
  }

  void finish() {
    net_.heal();  // nemesis teardown
    if (active_.first == "pause") {
      for (auto const& t : active_.second) hooks_.resume(t);
    }
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
    if (!w.client) w.client = open_client();
    auto inv = make_op(op_type::invoke, std::move(spec.f), std::move(spec.value), w.process);
    inv.final = final;
    history_.push_back(inv);
    auto const node = cfg_.nodes[static_cast<std::size_t>(w.thread) % cfg_.nodes.size()];
    auto body = wl_.request(inv);
    int const thread = w.thread;
    rpc(*w.client, node, std::move(body), wl_.timeout(),
        [this, thread, inv](std::optional<message> reply) { complete(workers_[thread], inv, reply); });
  }

  void complete(worker& w, op const& inv, std::optional<message> const& reply) {
    op done = inv;
    done.index = static_cast<std::int64_t>(history_.size());
    done.invocation = inv.index;
    done.time = since_origin();
    bool const idempotent = wl_.idempotent(inv.f);
    if (!reply) {
      done.type = wl_.with_errors() && idempotent ? op_type::fail : op_type::info;
      done.error = wl_.with_errors() ? "net-timeout" : "indeterminate: client RPC request timed out";
    } else if (reply->type() == "error") {
      auto const* code = reply->body.if_contains("code");
      std::int64_t const c = code && code->is_int64() ? code->get_int64() : static_cast<std::int64_t>(error_code::crash);
      auto const* text = reply->body.if_contains("text");
      std::string const t = text && text->is_string() ? std::string(text->get_string()) : "";
      if (wl_.with_errors()) {
        done.type = is_definite(c) || idempotent ? op_type::fail : op_type::info;
        done.error = std::string(error_name(c)) + ": " + t;
      } else {
        done.type = op_type::info;
        done.error = "indeterminate: error " + std::to_string(c) + " " + t;
      }
    } else {
      try {
        done.value = wl_.ok_value(inv, reply->body);
        done.type = op_type::ok;
      } catch (schema_error const& e) {
        done.type = op_type::info;
        done.error = std::string("indeterminate: ") + e.what();
      }
    }
    if (done.type == op_type::info) {
      w.process += cfg_.concurrency;
      if (!wl_.reusable_client() && w.client) {
        close_client(*w.client);
        w.client.reset();
      }
    }
    history_.push_back(std::move(done));
    w.busy = false;
    if (waiting_for_worker_) {
      waiting_for_worker_ = false;
      world_.after(sim_time(0), [this] { dispatch_client_op(); });
    }
    maybe_end_main();
    maybe_end_final();
  }

  test_config cfg_;
  world& world_;
  network& net_;
  workload& wl_;
  std::vector<worker> workers_;
  std::map<std::string, client> clients_;
  std::int64_t next_client_ = 0;
  std::size_t pending_setup_ = 0;
  std::size_t rotate_ = 0;
  bool waiting_for_worker_ = false;
  bool clients_exhausted_ = false;
  bool nemesis_exhausted_ = false;
  bool finished_ = false;
  std::optional<std::string> aborted_;
  sim_time origin_{0};
  std::string phase_ = "setup";
  history history_;
  std::vector<partition_window> partitions_;
  fault_hooks hooks_;
  std::pair<std::string, std::vector<std::string>> active_;  // the fault in force and its targets
  std::map<std::string, std::string> pending_init_;            // node -> client awaiting its init_ok
};

}  // namespace glomers::harness
