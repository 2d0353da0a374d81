// The nemesis in action (spec §3.2): starts and stops one fault at a time, as the test run's
// schedule tells it, and records both halves of each as nemesis ops. Faults: Maelstrom's
// partition (a grudge from harness/nemesis.hpp), and ours: kill (the host kills the node and,
// at the stop, restarts it; the test run then sends init) and pause (SIGSTOP / SIGCONT).
#pragma once

#include "harness/history.hpp"
#include "harness/nemesis.hpp"
#include "harness/network.hpp"
#include "harness/world.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace glomers::harness {

// What the host does for the kill and pause faults, node by node. restart starts a fresh node
// under the same id; the test run then sends it init.
struct fault_hooks {
  std::function<void(std::string const&)> kill, restart, pause, resume;
};

// A span of time (since the main phase began) during which a fault was in force.
struct fault_window {
  sim_time start;
  std::optional<sim_time> end;
  std::string spec;  // "majority", "kill n1 n3", ...
};

struct fault_kinds {
  bool partition = false, kill = false, pause = false;
  bool any() const { return partition || kill || pause; }
};

class fault_injector {
 public:
  // record(f, value, result): a nemesis op pair for the history; now(): time since the origin.
  using record_fn = std::function<void(std::string const& f, json::value value, json::value result)>;

  fault_injector(fault_kinds kinds, std::vector<std::string> nodes, world& w, network& net)
      : kinds_(kinds), nodes_(std::move(nodes)), world_(w), net_(net) {}

  fault_hooks hooks;
  record_fn record = [](std::string const&, json::value, json::value) {};
  std::function<sim_time()> now = [] { return sim_time(0); };
  // The nodes a kill hit; the test run drops their pending init and re-inits at restart.
  std::function<void(std::string const&)> on_kill = [](std::string const&) {};
  std::function<void(std::string const&)> on_restart = [](std::string const&) {};

  // Why this host cannot run the faults asked for, if it cannot.
  std::optional<std::string> unsupported() const {
    if (kinds_.kill && (!hooks.kill || !hooks.restart)) return "this host cannot kill and restart nodes";
    if (kinds_.pause && (!hooks.pause || !hooks.resume)) return "this host cannot pause nodes";
    return std::nullopt;
  }

  bool active() const { return !active_.first.empty(); }
  std::vector<fault_window> const& windows() const noexcept { return windows_; }

  // Each start picks one of the enabled faults at random.
  void start() {
    std::vector<std::string> kinds;
    if (kinds_.partition) kinds.push_back("partition");
    if (kinds_.kill) kinds.push_back("kill");
    if (kinds_.pause) kinds.push_back("pause");
    auto const& kind = pick(kinds);
    if (kind == "partition") {
      auto const spec = pick(partition_specs());
      auto const g = make_grudge(spec, nodes_, world_);
      for (auto const& [dest, srcs] : g) {
        for (auto const& src : srcs) net_.drop(src, dest);
      }
      record("start-partition", json::value(spec), json::array{"isolated", to_json(g)});
      windows_.push_back({now(), std::nullopt, spec});
      active_ = {"partition", {}};
      return;
    }
    // kill or pause: one node to a minority of them, chosen at random.
    auto targets = nodes_;
    std::shuffle(targets.begin(), targets.end(), world_.rng());
    auto const most = std::max<std::int64_t>(1, (static_cast<std::int64_t>(targets.size()) - 1) / 2);
    targets.resize(static_cast<std::size_t>(world_.uniform_int(1, most)));
    for (auto const& t : targets) {
      if (kind == "kill") {
        on_kill(t);
        hooks.kill(t);
      } else {
        hooks.pause(t);
      }
    }
    json::array const names(targets.begin(), targets.end());
    record(kind, names, json::array{kind == "kill" ? "killed" : "paused", names});
    std::string label = kind;
    for (auto const& t : targets) label += " " + t;
    windows_.push_back({now(), std::nullopt, label});
    active_ = {kind, targets};
  }

  // Undoes the fault in force: heal, restart (and init) the killed, resume the paused.
  void stop() {
    auto const [kind, targets] = std::exchange(active_, {});
    json::array const names(targets.begin(), targets.end());
    if (kind == "kill") {
      for (auto const& t : targets) {
        hooks.restart(t);
        on_restart(t);
      }
      record("start", names, json::array{"started", names});
    } else if (kind == "pause") {
      for (auto const& t : targets) hooks.resume(t);
      record("resume", names, json::array{"resumed", names});
    } else {
      net_.heal();
      record("stop-partition", nullptr, "network-healed");
    }
    if (!windows_.empty() && !windows_.back().end) windows_.back().end = now();
  }

  // The nemesis teardown once the test is over: the network healed, paused nodes resumed.
  void teardown() {
    net_.heal();
    if (active_.first == "pause") {
      for (auto const& t : active_.second) hooks.resume(t);
    }
  }

 private:
  template <class T>
  T const& pick(std::vector<T> const& from) {
    return from[static_cast<std::size_t>(world_.uniform_int(0, static_cast<std::int64_t>(from.size()) - 1))];
  }

  fault_kinds kinds_;
  std::vector<std::string> nodes_;
  world& world_;
  network& net_;
  std::vector<fault_window> windows_;
  std::pair<std::string, std::vector<std::string>> active_;  // the fault in force and its targets
};

}  // namespace glomers::harness
