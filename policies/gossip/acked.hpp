// gossip::acked<Inner, RetryMs>: Inner decides when values first travel; every batch then
// carries an ack id and is resent until its receiver acknowledges it. When batches to one
// destination go unacknowledged past RetryMs, all their values are resent together as one batch
// (a cut-off node costs one message per retry interval, not one per lost batch). Nothing is lost
// to a partition that eventually heals.
// The payload is Inner's. A resend of ordered values (std::totally_ordered) is sorted and free
// of duplicates; other values go again in the order their batches first left, repeats included.
#pragma once

#include "policies/gossip.hpp"
#include "policies/gossip/eager.hpp"

#include <algorithm>
#include <concepts>
#include <map>

namespace glomers::gossip {

template <gossip_policy Inner, std::int64_t RetryMs>
class acked {
 public:
  static_assert(RetryMs > 0);
  using policy_role = role;
  using value_type = typename Inner::value_type;
  template <class U>
  using carrying = acked<gossip_carrying<Inner, U>, RetryMs>;
  static constexpr std::chrono::nanoseconds retry = std::chrono::milliseconds(RetryMs);

  void enqueue(std::string const& to, std::vector<value_type> const& values, std::chrono::nanoseconds now) {
    inner_.enqueue(to, values, now);
  }

  std::vector<gossip_batch<value_type>> poll(std::chrono::nanoseconds now) {
    auto out = inner_.poll(now);
    for (auto& b : out) track(b, now);
    for (auto& [to, waiting] : unacked_) {
      bool const expired = std::any_of(waiting.begin(), waiting.end(), [now](auto const& w) { return w.second.deadline <= now; });
      if (!expired) continue;
      gossip_batch<value_type> b{to, merged(waiting), std::nullopt};
      waiting.clear();
      track(b, now);
      out.push_back(std::move(b));
    }
    return out;
  }

  void on_ack(std::string const& from, std::uint64_t id, std::chrono::nanoseconds) {
    if (auto it = unacked_.find(from); it != unacked_.end()) it->second.erase(id);
  }

  std::optional<std::chrono::nanoseconds> next_deadline() const {
    auto next = inner_.next_deadline();
    for (auto const& [to, waiting] : unacked_) {
      for (auto const& [id, u] : waiting) {
        if (!next || u.deadline < *next) next = u.deadline;
      }
    }
    return next;
  }

  std::size_t unacked_batches() const {
    std::size_t n = 0;
    for (auto const& [to, waiting] : unacked_) n += waiting.size();
    return n;
  }

 private:
  struct unacked {
    std::vector<value_type> values;
    std::chrono::nanoseconds deadline;
  };

  // Every value of the batches waiting for one destination, for a single resend.
  static std::vector<value_type> merged(std::map<std::uint64_t, unacked> const& waiting) {
    std::vector<value_type> values;
    for (auto const& [id, u] : waiting) values.insert(values.end(), u.values.begin(), u.values.end());
    if constexpr (std::totally_ordered<value_type>) {
      std::sort(values.begin(), values.end());
      values.erase(std::unique(values.begin(), values.end()), values.end());
    }
    return values;
  }

  void track(gossip_batch<value_type>& b, std::chrono::nanoseconds now) {
    b.ack_id = ++last_id_;
    unacked_[b.to][*b.ack_id] = unacked{b.values, now + retry};
  }

  Inner inner_;
  std::map<std::string, std::map<std::uint64_t, unacked>> unacked_;
  std::uint64_t last_id_ = 0;
};

static_assert(gossip_policy<acked<eager<>, 500>>);

}  // namespace glomers::gossip
