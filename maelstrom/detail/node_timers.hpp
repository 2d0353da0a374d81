// detail::node_timers: the node's own timer ids over a runtime's one-shot timers, with periodic
// timers re-armed before each run (so a callback may cancel its own timer) and every callback
// guarded, so a timer that throws is logged and the run loop goes on.
#pragma once

#include "maelstrom/detail/guarded.hpp"
#include "maelstrom/runtime.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <unordered_map>
#include <utility>

namespace glomers::detail {

template <runtime_policy Runtime>
class node_timers {
 public:
  using duration = std::chrono::nanoseconds;

  explicit node_timers(Runtime& rt) : rt_(rt) {}
  node_timers(node_timers const&) = delete;
  node_timers& operator=(node_timers const&) = delete;

  timer_id after(duration d, std::function<void()> fn) {
    auto const id = ++last_;
    live_[id] = rt_.after(d, [this, id, fn = std::move(fn)] {
      live_.erase(id);
      guarded(rt_, "a timer", fn);
    });
    return id;
  }

  // Runs fn every period, first one period from now, until cancelled.
  timer_id every(duration period, std::function<void()> fn) {
    auto const id = ++last_;
    arm_periodic(id, period, std::make_shared<std::function<void()>>(std::move(fn)));
    return id;
  }

  bool cancel(timer_id t) {
    auto it = live_.find(t);
    if (it == live_.end()) return false;
    rt_.cancel(it->second);
    live_.erase(it);
    return true;
  }

 private:
  void arm_periodic(timer_id id, duration period, std::shared_ptr<std::function<void()>> fn) {
    live_[id] = rt_.after(period, [this, id, period, fn] {
      arm_periodic(id, period, fn);  // re-armed first, so fn may cancel it
      guarded(rt_, "a periodic timer", *fn);
    });
  }

  Runtime& rt_;
  std::unordered_map<timer_id, timer_id> live_;  // node timer -> runtime timer
  timer_id last_ = 0;
};

}  // namespace glomers::detail
