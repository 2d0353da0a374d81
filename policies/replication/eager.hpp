// replication::eager: every committed write set leaves at once, one message per peer per poll
// (write sets committed by one event share it). Lowest latency; about one message per peer per
// writing transaction.
#pragma once

#include "policies/gossip/eager.hpp"
#include "policies/replication/over_gossip.hpp"

namespace glomers::replication {

using eager = over_gossip<gossip::eager<>>;

static_assert(replication_policy<eager>);

}  // namespace glomers::replication
