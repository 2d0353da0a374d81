// runtime::sim: a node inside a simulated cluster. Time, delivery and randomness come from the
// simulator through sim_environment (implemented by the harness's simulation host); the node's
// code is exactly what runs under runtime::stdio.
#pragma once

#include "maelstrom/runtime.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <string_view>

namespace glomers::runtime {

// What a simulator provides to each simulated node.
class sim_environment {
 public:
  virtual ~sim_environment() = default;
  virtual std::chrono::nanoseconds now() = 0;
  virtual void send(message m) = 0;
  virtual timer_id after(std::chrono::nanoseconds d, std::function<void()> fn) = 0;
  virtual bool cancel(timer_id t) = 0;
  virtual void log(std::string_view text) = 0;
  virtual std::uint64_t random() = 0;
  virtual node_store& storage() = 0;  // the node's, kept by the simulator across its kills
};

class sim {
 public:
  explicit sim(sim_environment& env) : env_(env) {}

  std::chrono::nanoseconds now() const { return env_.now(); }
  void send(message m) { env_.send(std::move(m)); }
  timer_id after(std::chrono::nanoseconds d, std::function<void()> fn) { return env_.after(d, std::move(fn)); }
  bool cancel(timer_id t) { return env_.cancel(t); }
  void log(std::string_view text) { env_.log(text); }
  std::uint64_t random() { return env_.random(); }
  node_store& storage() { return env_.storage(); }

 private:
  sim_environment& env_;
};

static_assert(glomers::runtime_policy<sim>);

}  // namespace glomers::runtime
