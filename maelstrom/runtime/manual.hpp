// runtime::manual: a runtime driven by hand. Time moves only when advance() is called; sent
// messages and log lines are collected for inspection. For unit tests of nodes and policies.
#pragma once

#include "maelstrom/detail/timer_queue.hpp"
#include "maelstrom/runtime.hpp"

#include <memory>
#include <random>
#include <string>
#include <vector>

namespace glomers::runtime {

class manual {
 public:
  explicit manual(std::uint64_t seed = 1) : rng_(seed) {}

  std::chrono::nanoseconds now() const { return now_; }
  void send(message m) { sent.push_back(std::move(m)); }
  timer_id after(std::chrono::nanoseconds d, std::function<void()> fn) {
    return timers_.add(now_ + d, std::move(fn));
  }
  bool cancel(timer_id t) { return timers_.cancel(t); }
  void log(std::string_view text) { logs.emplace_back(text); }
  std::uint64_t random() { return rng_(); }
  node_store& storage() { return *store; }

  // Moves time forward by d, firing every timer that falls due on the way, in order.
  void advance(std::chrono::nanoseconds d) {
    auto const until = now_ + d;
    while (auto next = timers_.next_deadline()) {
      if (*next > until) break;
      now_ = *next;
      timers_.run_due(now_);
    }
    now_ = until;
  }

  std::size_t timers_pending() const { return timers_.size(); }

  // Returns and forgets what was sent so far.
  std::vector<message> take_sent() { return std::exchange(sent, {}); }

  std::vector<message> sent;
  std::vector<std::string> logs;
  // What outlives this runtime: a test restarting a node hands the new runtime the old store.
  std::shared_ptr<node_store> store = std::make_shared<memory_store>();

 private:
  std::chrono::nanoseconds now_{0};
  std::mt19937_64 rng_;
  detail::timer_queue timers_;
};

static_assert(glomers::runtime_policy<manual>);

}  // namespace glomers::runtime
