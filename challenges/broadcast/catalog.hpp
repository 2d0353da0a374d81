// Challenge 3's binaries and every broadcast design the comparison table runs, the baseline
// first (the benchmark takes the first entry of the broadcast list as its baseline row).
#pragma once

#include "challenges/broadcast/designs.hpp"
#include "challenges/catalog.hpp"

namespace glomers::catalog {

using broadcast_baseline = entry<"broadcast_baseline", "the Go original: star, a sync to each neighbour every 150 ms, empty or not",
                                 broadcast_server, designs::go_original>;
using broadcast_3a = entry<"broadcast_3a", "challenge 3a: Maelstrom's grid, eager",
                           broadcast_server, designs::flood_grid>;
using broadcast_3b = entry<"broadcast_3b", "challenge 3b: Maelstrom's grid, eager",
                           broadcast_server, designs::flood_grid>;
using broadcast_3c = entry<"broadcast_3c", "challenge 3c: grid, eager, acked",
                           broadcast_server, designs::acked_grid>;
using broadcast_mesh = entry<"broadcast_mesh", "full mesh, eager, repair 1 s (latency first)",
                             broadcast_server, designs::mesh_eager>;
using broadcast_3d = entry<"broadcast_3d", "challenge 3d: star, batched 120 ms, repair 1 s",
                           broadcast_server, designs::hub_batched>;
using broadcast_durable = entry<"broadcast_durable", "3d + ack once durable in seq-kv (latency counts from that later ack)",
                                broadcast_server, designs::hub_durable>;
using broadcast_3e = entry<"broadcast_3e", "challenge 3e: star, batched 250/650 ms, repair 4 s",
                           broadcast_server, designs::hub_frugal>;
using broadcast_dual_hub = entry<"broadcast_dual_hub", "two hubs, batched 120 ms, repair 1 s (survives a lost hub)",
                                 broadcast_server, designs::dual_hub_batched>;
using broadcast_tree4 = entry<"broadcast_tree4", "tree fan-out 4, batched 50 ms, repair 1 s",
                              broadcast_server, designs::tree4_batched>;
using broadcast_clusters5 = entry<"broadcast_clusters5", "stars of 5, hub mesh, batched 50 ms, repair 1 s",
                                  broadcast_server, designs::clusters5_batched>;
using broadcast_line = entry<"broadcast_line", "line, eager, acked", broadcast_server, designs::line_eager>;

}  // namespace glomers::catalog
