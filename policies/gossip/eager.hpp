// gossip::eager<V>: every enqueued group of values leaves at the next poll, one message per
// destination. No batching across events, no acknowledgement: lowest latency, and a value is
// lost to a node the network drops it for. V: the payload (broadcast's int64 by default).
#pragma once

#include "policies/gossip.hpp"

#include <map>

namespace glomers::gossip {

template <class V = std::int64_t>
class eager {
 public:
  using policy_role = role;
  using value_type = V;
  template <class U>
  using carrying = eager<U>;

  void enqueue(std::string const& to, std::vector<V> const& values, std::chrono::nanoseconds) {
    auto& q = pending_[to];
    q.insert(q.end(), values.begin(), values.end());
  }

  std::vector<gossip_batch<V>> poll(std::chrono::nanoseconds) {
    std::vector<gossip_batch<V>> out;
    for (auto& [to, values] : pending_) out.push_back({to, std::move(values), std::nullopt});
    pending_.clear();
    return out;
  }

  std::optional<std::chrono::nanoseconds> next_deadline() const {
    if (pending_.empty()) return std::nullopt;
    return std::chrono::nanoseconds(0);  // due at once
  }

 private:
  std::map<std::string, std::vector<V>> pending_;
};

static_assert(gossip_policy<eager<>>);

}  // namespace glomers::gossip
