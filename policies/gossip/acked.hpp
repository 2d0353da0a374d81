// gossip::acked<Inner, RetryMs>: Inner decides when values first travel; every batch then
// carries an ack id and is resent until its receiver acknowledges it. When batches to one
// destination go unacknowledged past RetryMs, all their values are resent together as one batch
// (a cut-off node costs one message per retry interval, not one per lost batch). Nothing is lost
// to a partition that eventually heals.
#pragma once

#include "policies/gossip.hpp"
#include "policies/gossip/eager.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace glomers::gossip {

template <gossip_policy Inner, std::int64_t RetryMs>
class acked {
 public:
  static_assert(RetryMs > 0);
  using policy_role = role;
  static constexpr std::chrono::nanoseconds retry = std::chrono::milliseconds(RetryMs);

  void enqueue(std::string const& to, std::vector<std::int64_t> const& values, std::chrono::nanoseconds now) {
    inner_.enqueue(to, values, now);
  }

  std::vector<gossip_batch> poll(std::chrono::nanoseconds now) {
    auto out = inner_.poll(now);
    for (auto& b : out) track(b, now);
    for (auto& [to, waiting] : unacked_) {
      bool const expired = std::any_of(waiting.begin(), waiting.end(), [now](auto const& w) { return w.second.deadline <= now; });
      if (!expired) continue;
      std::set<std::int64_t> values;
      for (auto const& [id, u] : waiting) values.insert(u.values.begin(), u.values.end());
      waiting.clear();
      gossip_batch b{to, std::vector<std::int64_t>(values.begin(), values.end()), std::nullopt};
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
    std::vector<std::int64_t> values;
    std::chrono::nanoseconds deadline;
  };

  void track(gossip_batch& b, std::chrono::nanoseconds now) {
    b.ack_id = ++last_id_;
    unacked_[b.to][*b.ack_id] = unacked{b.values, now + retry};
  }

  Inner inner_;
  std::map<std::string, std::map<std::uint64_t, unacked>> unacked_;
  std::uint64_t last_id_ = 0;
};

static_assert(gossip_policy<acked<eager, 500>>);

}  // namespace glomers::gossip
