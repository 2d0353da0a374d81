// replication::over_gossip<G>: replicates write sets on the schedule of a broadcast gossip
// policy. Each write set gets a local id, the gossip policy (G, over int64) schedules ids per
// destination, and poll turns a batch of ids back into the write sets (a write set is kept
// until every destination it was meant for has taken it). The gossip models are generic over
// their payload (gossip_carrying<G, stamped_write> would carry the writes themselves); the ids
// keep one copy of a write set however many destinations wait for it.
// Requires a gossip policy that hands each enqueued id back exactly once per destination and
// expects no acknowledgements (eager, batched); repair covers losses instead of resends.
#pragma once

#include "policies/gossip.hpp"
#include "policies/gossip/eager.hpp"
#include "policies/replication.hpp"

#include <map>

namespace glomers::replication {

template <gossip_policy G>
class over_gossip {
 public:
  using policy_role = roles::replication;
  static_assert(!requires(G& g, std::string const& from, std::uint64_t id, std::chrono::nanoseconds now) {
    g.on_ack(from, id, now);
  }, "over_gossip: a gossip policy that resends until acknowledged would hand ids back twice");

  void commit(std::vector<stamped_write> const& ws, std::vector<std::string> const& peers,
              std::chrono::nanoseconds now) {
    if (ws.empty() || peers.empty()) return;
    auto const id = next_id_++;
    sets_.emplace(id, pending{ws, peers.size()});
    for (auto const& p : peers) gossip_.enqueue(p, {id}, now);
  }

  std::vector<replication_batch> poll(std::chrono::nanoseconds now) {
    std::vector<replication_batch> out;
    for (auto& b : gossip_.poll(now)) {
      replication_batch batch{b.to, {}};
      for (auto id : b.values) {
        auto it = sets_.find(id);
        if (it == sets_.end()) continue;  // cannot happen with a conforming G
        batch.writes.insert(batch.writes.end(), it->second.writes.begin(), it->second.writes.end());
        if (--it->second.destinations == 0) sets_.erase(it);
      }
      if (!batch.writes.empty()) out.push_back(std::move(batch));
    }
    return out;
  }

  std::optional<std::chrono::nanoseconds> next_deadline() const { return gossip_.next_deadline(); }

  // Write sets some destination has not taken yet (bounded by what one interval commits).
  std::size_t pending_sets() const noexcept { return sets_.size(); }

 private:
  struct pending {
    std::vector<stamped_write> writes;
    std::size_t destinations;
  };
  G gossip_;
  std::map<std::int64_t, pending> sets_;
  std::int64_t next_id_ = 0;
};

static_assert(replication_policy<over_gossip<gossip::eager<>>>);

}  // namespace glomers::replication
