// replication::batched<IntervalMs>: write sets for a peer travel together, at most one message
// per peer per interval; a write set committed after a quiet interval leaves at once. At a
// thousand transactions a second, a 100 ms interval costs ten messages per peer per second.
#pragma once

#include "policies/gossip/batched.hpp"
#include "policies/replication/over_gossip.hpp"

namespace glomers::replication {

template <std::int64_t IntervalMs>
using batched = over_gossip<gossip::batched<IntervalMs>>;

static_assert(replication_policy<batched<100>>);

}  // namespace glomers::replication
