// driver<Runtime>: runs sans-IO policies on a node. A sans-IO policy decides and never acts: the
// host hands it events, asks it what to send now, and asks when it next wants to be asked. The
// driver is that "ask" loop, written once: after every event the host calls kick(); the driver
// calls the host's pump(now), which sends whatever the policies have due and answers with the
// earliest next deadline, and keeps one timer armed, for the earliest deadline reported since
// it was armed.
//
//   driver d(n, [this](auto now) { for (auto& m : policy.poll(now)) n.send(...);
//                                  return policy.next_deadline(); });
//   ... on every message or state change: d.kick();
//
// Deadlines are on the runtime's clock (node.runtime().now()). A deadline in the past fires at
// once (from the run loop, never inline). Re-arming: a sooner deadline replaces the armed timer;
// a later one, or none, leaves it be. When such a stale timer fires, the pump finds nothing due
// and answers the deadline then current, which is armed; so no deadline is ever missed, and a
// deadline moved later costs at most one empty pump, never a cancel (Raft's election deadline
// moves later on every heartbeat). Once the policies report none and the armed timer has fired,
// the node is idle: no timer at all.
#pragma once

#include "maelstrom/node.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>

namespace glomers {

using deadline = std::optional<std::chrono::nanoseconds>;

// The earlier of two deadlines (none counts as never).
inline deadline earliest(deadline a, deadline b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

template <runtime_policy Runtime>
class driver {
 public:
  using pump_fn = std::function<deadline(std::chrono::nanoseconds now)>;

  driver(node<Runtime>& n, pump_fn pump) : n_(n), pump_(std::move(pump)) {}
  driver(driver const&) = delete;
  driver& operator=(driver const&) = delete;
  ~driver() { disarm(); }

  // Pumps now and re-arms the timer for the next deadline. Safe to call from pump's own sends.
  void kick() {
    if (pumping_) {
      again_ = true;
      return;
    }
    pumping_ = true;
    deadline next;
    try {
      do {
        again_ = false;
        next = pump_(n_.runtime().now());
      } while (again_);
    } catch (...) {  // the caller's handler answers it; the next kick pumps again
      pumping_ = again_ = false;
      throw;
    }
    pumping_ = false;
    arm(next);
  }

  // When the armed timer fires, if one is armed.
  deadline armed_for() const { return timer_ ? deadline(at_) : std::nullopt; }

 private:
  void arm(deadline next) {
    if (!next || (timer_ && at_ <= *next)) return;  // the armed timer fires first: it will pump
    disarm();
    auto const now = n_.runtime().now();
    at_ = std::max(*next, now);
    timer_ = n_.after(at_ - now, [this] {
      timer_.reset();
      kick();
    });
  }
  void disarm() {
    if (timer_) n_.cancel(*timer_);
    timer_.reset();
  }

  node<Runtime>& n_;
  pump_fn pump_;
  std::optional<timer_id> timer_;
  std::chrono::nanoseconds at_{0};
  bool pumping_ = false;
  bool again_ = false;
};

}  // namespace glomers
