// Timers ordered by deadline (ties by creation order), cancellable by id. Shared by runtimes.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>

namespace glomers::detail {

class timer_queue {
 public:
  using id = std::uint64_t;
  using duration = std::chrono::nanoseconds;

  id add(duration at, std::function<void()> fn) {
    id const t = ++last_id_;
    queue_.emplace(key{at, t}, std::move(fn));
    deadlines_.emplace(t, at);
    return t;
  }

  // False when the timer already fired or was cancelled.
  bool cancel(id t) {
    auto it = deadlines_.find(t);
    if (it == deadlines_.end()) return false;
    queue_.erase(key{it->second, t});
    deadlines_.erase(it);
    return true;
  }

  std::optional<duration> next_deadline() const {
    if (queue_.empty()) return std::nullopt;
    return queue_.begin()->first.first;
  }

  // Runs, in deadline order, every timer due at or before now, including ones that callbacks
  // add with such deadlines. Returns how many ran.
  std::size_t run_due(duration now) {
    std::size_t ran = 0;
    while (!queue_.empty() && queue_.begin()->first.first <= now) {
      auto node = queue_.extract(queue_.begin());
      deadlines_.erase(node.key().second);
      node.mapped()();
      ++ran;
    }
    return ran;
  }

  std::size_t size() const noexcept { return queue_.size(); }

 private:
  using key = std::pair<duration, id>;
  std::map<key, std::function<void()>> queue_;
  std::unordered_map<id, duration> deadlines_;
  id last_id_ = 0;
};

}  // namespace glomers::detail
