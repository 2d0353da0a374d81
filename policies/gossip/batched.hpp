// gossip::batched<LeafIntervalMs, HubIntervalMs = LeafIntervalMs, V = std::int64_t>: values for a
// destination travel together, at most one message per destination per interval. A value that
// arrives when the destination's last message left at least an interval ago leaves at once (the
// flush is triggered by new data); otherwise it waits for the interval to end. An idle node arms
// no timer.
// A node that gossips to one destination (a leaf reporting to its hub) waits LeafIntervalMs
// between messages; one that gossips to several (a hub) waits HubIntervalMs. Splitting the two lets a design spend its latency
// budget where messages are cheapest: a hub's flush costs a message per leaf, a leaf's one.
// V: the payload; values travel in the order they were enqueued.
#pragma once

#include "policies/gossip.hpp"

#include <map>

namespace glomers::gossip {

template <std::int64_t LeafIntervalMs, std::int64_t HubIntervalMs = LeafIntervalMs, class V = std::int64_t>
class batched {
 public:
  static_assert(LeafIntervalMs >= 0 && HubIntervalMs >= 0);
  using policy_role = role;
  using value_type = V;
  template <class U>
  using carrying = batched<LeafIntervalMs, HubIntervalMs, U>;

  void enqueue(std::string const& to, std::vector<V> const& values, std::chrono::nanoseconds) {
    auto& d = dest_[to];
    d.pending.insert(d.pending.end(), values.begin(), values.end());
  }

  std::vector<gossip_batch<V>> poll(std::chrono::nanoseconds now) {
    std::vector<gossip_batch<V>> out;
    for (auto& [to, d] : dest_) {
      if (d.pending.empty() || (d.sent_once && now < d.last_sent + interval())) continue;
      out.push_back({to, std::move(d.pending), std::nullopt});
      d.pending.clear();
      d.last_sent = now;
      d.sent_once = true;
    }
    return out;
  }

  std::optional<std::chrono::nanoseconds> next_deadline() const {
    std::optional<std::chrono::nanoseconds> next;
    for (auto const& [to, d] : dest_) {
      if (d.pending.empty()) continue;
      auto const due = d.sent_once ? d.last_sent + interval() : std::chrono::nanoseconds(0);
      if (!next || due < *next) next = due;
    }
    return next;
  }

 private:
  std::chrono::nanoseconds interval() const {
    return std::chrono::milliseconds(dest_.size() > 1 ? HubIntervalMs : LeafIntervalMs);
  }

  struct destination {
    std::vector<V> pending;
    std::chrono::nanoseconds last_sent{0};
    bool sent_once = false;
  };
  std::map<std::string, destination> dest_;
};

static_assert(gossip_policy<batched<100>>);

}  // namespace glomers::gossip
