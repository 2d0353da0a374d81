// The harness's world: a virtual clock, the events scheduled on it, and the one seeded random
// source every draw (latency, nemesis, generator) comes from.
//
// Nothing in the network, nemesis, services, workloads or checkers reads a wall clock or touches
// a process: they schedule events here. A host decides how virtual time relates to real time:
// the process host keeps it equal to the wall clock since the start; a simulation host jumps
// straight to the next event.
#pragma once

#include "maelstrom/detail/timer_queue.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>

namespace glomers::harness {

using sim_time = std::chrono::nanoseconds;  // since the start of the run
using event_id = std::uint64_t;

class world {
 public:
  explicit world(std::uint64_t seed) : rng_(seed) {}

  sim_time now() const noexcept { return now_; }

  event_id at(sim_time t, std::function<void()> fn) { return events_.add(std::max(t, now_), std::move(fn)); }
  event_id after(sim_time d, std::function<void()> fn) { return at(now_ + d, std::move(fn)); }
  bool cancel(event_id e) { return events_.cancel(e); }

  std::optional<sim_time> next_event() const { return events_.next_deadline(); }

  // Runs every event due at or before t, in time order, moving the clock to each; then sets the
  // clock to t (never backwards).
  void run_until(sim_time t) {
    while (auto next = events_.next_deadline()) {
      if (*next > t) break;
      now_ = std::max(now_, *next);
      events_.run_due(now_);
    }
    now_ = std::max(now_, t);
  }

  std::mt19937_64& rng() noexcept { return rng_; }

  // Uniform double in [0, 1).
  double uniform() { return std::uniform_real_distribution<double>(0.0, 1.0)(rng_); }
  // Uniform integer in [lo, hi].
  std::int64_t uniform_int(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
  }

 private:
  sim_time now_{0};
  std::mt19937_64 rng_;
  glomers::detail::timer_queue events_;
};

}  // namespace glomers::harness
