// The simulation host: the same test run, network, services, workloads and checkers as the
// process host, with the nodes instantiated in-process on runtime::sim and virtual time jumping
// from event to event. One seed decides everything, so a run replays exactly; a 20-second test
// takes a fraction of a second.
#pragma once

#include "harness/analysis.hpp"
#include "harness/test_bed.hpp"
#include "maelstrom/node.hpp"
#include "maelstrom/runtime/sim.hpp"

#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace glomers::harness {

// One simulated node: its environment and its current incarnation (runtime, node, server).
// kill() drops the incarnation (state lost; its pending timers and deliveries vanish);
// restart() starts a fresh one, to which the test run sends init. The node's store (storage())
// belongs to the sim_node, not the incarnation: what a node wrote survives its kills, as files
// in its data directory do on the process host. pause() holds deliveries and
// timers, as a stopped process would; resume() runs what was held, in order.
template <template <class> class Server>
class sim_node final : public runtime::sim_environment {
 public:
  sim_node(world& w, network& net, std::string id, std::vector<std::string>* log)
      : world_(w), net_(net), id_(std::move(id)), log_(log) {
    restart();
    net_.add(id_, [this](envelope const& e) {
      if (!live_) return;  // a dead node's messages are lost
      run_or_hold([this, m = e.msg] { live_->node.receive(m); });
    });
  }

  void kill() {
    live_.reset();
    held_.clear();
    paused_ = false;
    ++epoch_;
  }
  void restart() {
    kill();
    net_.unmute(id_);  // a fresh process has a fresh output reader
    live_ = std::make_unique<incarnation>(*this, world_.rng()());
  }
  void pause() { paused_ = true; }
  void resume() {
    paused_ = false;
    auto held = std::exchange(held_, {});
    for (auto& f : held) {
      if (live_) f();
    }
  }

  std::chrono::nanoseconds now() override { return world_.now(); }
  // As a process's stdout line: a message to an unknown id mutes the node, as in Maelstrom.
  void send(message m) override { net_.send_from(id_, std::move(m)); }
  timer_id after(std::chrono::nanoseconds d, std::function<void()> fn) override {
    return world_.after(d, [this, epoch = epoch_, fn = std::move(fn)]() mutable {
      if (epoch == epoch_) run_or_hold(std::move(fn));
    });
  }
  bool cancel(timer_id t) override { return world_.cancel(t); }
  void log(std::string_view text) override {
    if (log_) log_->push_back(id_ + ": " + std::string(text));
  }
  std::uint64_t random() override { return live_ ? live_->rng() : 0; }
  node_store& storage() override { return store_; }

 private:
  struct incarnation {
    incarnation(sim_node& env, std::uint64_t seed) : rng(seed), rt(env), node(rt), server(node) {}
    std::mt19937_64 rng;
    runtime::sim rt;
    glomers::node<runtime::sim> node;
    Server<runtime::sim> server;
  };

  void run_or_hold(std::function<void()> f) {
    if (paused_) held_.push_back(std::move(f));
    else f();
  }

  world& world_;
  network& net_;
  std::string id_;
  std::vector<std::string>* log_;
  memory_store store_;  // declared before live_: an incarnation may read it as it is built
  std::unique_ptr<incarnation> live_;
  std::vector<std::function<void()>> held_;
  bool paused_ = false;
  std::uint64_t epoch_ = 0;
};

// Nodes of one Server for a test bed, with the kill and pause faults wired to the test run.
template <template <class> class Server>
class sim_cluster {
 public:
  sim_cluster(test_bed& bed, std::vector<std::string> const& ids, std::vector<std::string>* log);

 private:
  std::map<std::string, std::unique_ptr<sim_node<Server>>> nodes_;
};

struct sim_outcome {
  json::object results;                    // empty when the test broke
  std::optional<std::string> broke;
  history ops;
  harness::journal journal;
  std::vector<fault_window> faults;
  std::vector<std::string> node_logs;
  std::uint64_t seed = 0;
  sim_time simulated{0};
};

template <template <class> class Server>
sim_cluster<Server>::sim_cluster(test_bed& bed, std::vector<std::string> const& ids, std::vector<std::string>* log) {
  for (auto const& id : ids) nodes_[id] = std::make_unique<sim_node<Server>>(bed.w, bed.net, id, log);
  auto const each = [this](void (sim_node<Server>::*f)()) {
    return [this, f](std::string const& id) { (nodes_.at(id).get()->*f)(); };
  };
  bed.run.set_fault_hooks(fault_hooks{each(&sim_node<Server>::kill), each(&sim_node<Server>::restart),
                                      each(&sim_node<Server>::pause), each(&sim_node<Server>::resume)});
}

// Runs a started test in virtual time until it finishes; the reason when it broke. The nodes
// are stopped at the instant the test finished: what is due by then still happens and is
// journaled (the process host routes until it stops its processes).
inline std::optional<std::string> run_virtual(test_bed& bed) {
  bed.run.start();
  while (!bed.run.finished()) {
    auto next = bed.w.next_event();
    if (!next) return "the simulation ran out of events before the test finished";
    bed.w.run_until(*next);
  }
  bed.w.run_until(bed.w.now());
  return bed.run.aborted();
}

// Runs one test of Server under the options, in virtual time.
template <template <class> class Server>
sim_outcome simulate(cli_options const& o, std::uint64_t seed) {
  sim_outcome out;
  out.seed = seed;
  test_bed bed(o, seed);
  sim_cluster<Server> nodes(bed, o.nodes, &out.node_logs);
  out.broke = run_virtual(bed);
  out.simulated = bed.w.now();
  if (!out.broke) out.results = analyze(bed.run.ops(), *bed.wl, bed.net.journal(), o.availability);
  out.ops = bed.run.ops();
  out.journal = bed.net.journal();
  out.faults = bed.run.faults();
  return out;
}

}  // namespace glomers::harness
