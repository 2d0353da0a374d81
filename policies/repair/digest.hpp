// repair::digest<PeriodMs>: every period, a summary to one node: on even turns the next
// neighbour, on odd turns the next of all peers (each in round-robin order). A star's leaves
// thus ask the hub every other period, and after a partition heals the hub, repaired by its
// leaves, passes what it learns on to everyone. Costs one message per node per period when
// nothing is missing, two or three when something is.
#pragma once

#include "policies/repair.hpp"

namespace glomers::repair {

template <std::int64_t PeriodMs>
class digest {
 public:
  static_assert(PeriodMs > 0);
  using policy_role = role;
  static constexpr std::chrono::nanoseconds period = std::chrono::milliseconds(PeriodMs);

  std::vector<std::string> poll(std::chrono::nanoseconds now, std::vector<std::string> const& neighbours,
                                std::vector<std::string> const& peers) {
    if (!started_) {
      started_ = true;
      next_ = now + period;
      return {};
    }
    if (now < next_) return {};
    next_ = now + period;
    bool const to_neighbour = turn_++ % 2 == 0 && !neighbours.empty();
    auto const& pool = to_neighbour ? neighbours : peers;
    auto& next = to_neighbour ? next_neighbour_ : next_peer_;
    if (pool.empty()) return {};
    return {pool[next++ % pool.size()]};
  }

  std::optional<std::chrono::nanoseconds> next_deadline() const {
    if (!started_) return std::chrono::nanoseconds(0);
    return next_;
  }

 private:
  bool started_ = false;
  std::chrono::nanoseconds next_{0};
  std::size_t turn_ = 0;
  std::size_t next_neighbour_ = 0;
  std::size_t next_peer_ = 0;
};

static_assert(repair_policy<digest<1000>>);

}  // namespace glomers::repair
