// Challenge 3's binaries and every broadcast design the comparison table runs, the baseline
// first (the benchmark takes the first entry of the broadcast list as its baseline row).
#pragma once

#include "challenges/broadcast/designs.hpp"
#include "challenges/catalog.hpp"

namespace glomers::catalog {

#define GLOMERS_BROADCAST_ENTRY(entry_name, design, description)   \
  struct entry_name {                                              \
    static constexpr std::string_view name = #entry_name;          \
    static constexpr std::string_view what = description;          \
    template <class Runtime>                                       \
    using server = broadcast_server<Runtime, designs::design>;     \
  }

GLOMERS_BROADCAST_ENTRY(broadcast_baseline, go_original, "the Go original: star, a sync to each neighbour every 150 ms, empty or not");
GLOMERS_BROADCAST_ENTRY(broadcast_3a, flood_grid, "challenge 3a: Maelstrom's grid, eager");
GLOMERS_BROADCAST_ENTRY(broadcast_3b, flood_grid, "challenge 3b: Maelstrom's grid, eager");
GLOMERS_BROADCAST_ENTRY(broadcast_3c, acked_grid, "challenge 3c: grid, eager, acked");
GLOMERS_BROADCAST_ENTRY(broadcast_mesh, mesh_eager, "full mesh, eager, repair 1 s (latency first)");
GLOMERS_BROADCAST_ENTRY(broadcast_3d, hub_batched, "challenge 3d: star, batched 120 ms, repair 1 s");
GLOMERS_BROADCAST_ENTRY(broadcast_durable, hub_durable, "3d + ack once durable in seq-kv (latency counts from that later ack)");
GLOMERS_BROADCAST_ENTRY(broadcast_3e, hub_frugal, "challenge 3e: star, batched 250/650 ms, repair 4 s");
GLOMERS_BROADCAST_ENTRY(broadcast_dual_hub, dual_hub_batched, "two hubs, batched 120 ms, repair 1 s (survives a lost hub)");
GLOMERS_BROADCAST_ENTRY(broadcast_tree4, tree4_batched, "tree fan-out 4, batched 50 ms, repair 1 s");
GLOMERS_BROADCAST_ENTRY(broadcast_clusters5, clusters5_batched, "stars of 5, hub mesh, batched 50 ms, repair 1 s");
GLOMERS_BROADCAST_ENTRY(broadcast_line, line_eager, "line, eager, acked");

#undef GLOMERS_BROADCAST_ENTRY

}  // namespace glomers::catalog
