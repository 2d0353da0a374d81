// gossip::periodic_sync<PeriodMs, V = std::int64_t>: the original Go solution's dissemination,
// reproduced from its code (gAbelli/fly-distributed-systems-challenges, 3-broadcast/3d): on a
// fixed ticker every PeriodMs, a node sends each of its destinations one sync carrying every
// value that destination has not acknowledged yet, empty or not, and marks those values as known
// to it when the answer comes. A sync still in flight when the next tick comes is sent again,
// values and all. The baseline of the broadcast comparison; never the cheapest.
// V: the payload, kept in a set per destination, so ordered (a sync carries it ascending).
#pragma once

#include "policies/gossip.hpp"

#include <concepts>
#include <map>
#include <set>

namespace glomers::gossip {

template <std::int64_t PeriodMs, std::totally_ordered V = std::int64_t>
class periodic_sync {
 public:
  static_assert(PeriodMs > 0);
  using policy_role = role;
  using value_type = V;
  template <std::totally_ordered U>
  using carrying = periodic_sync<PeriodMs, U>;
  static constexpr std::chrono::nanoseconds period = std::chrono::milliseconds(PeriodMs);

  void enqueue(std::string const& to, std::vector<V> const& values, std::chrono::nanoseconds now) {
    unknown_to_[to].insert(values.begin(), values.end());
    if (!next_tick_) next_tick_ = (now / period + 1) * period;  // the ticker runs from the start
  }

  std::vector<gossip_batch<V>> poll(std::chrono::nanoseconds now) {
    std::vector<gossip_batch<V>> out;
    if (!next_tick_ || now < *next_tick_) return out;
    while (*next_tick_ <= now) *next_tick_ += period;
    for (auto const& [to, values] : unknown_to_) {
      gossip_batch<V> b{to, std::vector<V>(values.begin(), values.end()), ++last_id_};
      in_flight_[*b.ack_id] = b.values;
      out.push_back(std::move(b));
    }
    return out;
  }

  void on_ack(std::string const& from, std::uint64_t id, std::chrono::nanoseconds) {
    auto it = in_flight_.find(id);
    if (it == in_flight_.end()) return;
    auto& unknown = unknown_to_[from];
    for (auto const& v : it->second) unknown.erase(v);
    in_flight_.erase(it);
  }

  std::optional<std::chrono::nanoseconds> next_deadline() const { return next_tick_; }

 private:
  std::map<std::string, std::set<V>> unknown_to_;
  std::map<std::uint64_t, std::vector<V>> in_flight_;  // sync id -> the values it carried
  std::optional<std::chrono::nanoseconds> next_tick_;
  std::uint64_t last_id_ = 0;
};

static_assert(gossip_policy<periodic_sync<150>>);

}  // namespace glomers::gossip
