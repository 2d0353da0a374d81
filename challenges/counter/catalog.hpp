// Challenge 4 and the pn-counter workload: the counting strategies, as binaries.
#pragma once

#include "challenges/catalog.hpp"
#include "challenges/counter/server.hpp"
#include "policies/counter/crdt.hpp"
#include "policies/counter/kv_cas.hpp"

namespace glomers::catalog {

using g_counter = entry<"g_counter", "challenge 4: PN-CRDT gossiped, shares in seq-kv",
                        counter_server, counter::crdt<500, 1000>>;
using g_counter_cas = entry<"g_counter_cas", "challenge 4: compare-and-set on one seq-kv key (baseline)",
                            counter_server, counter::kv_cas<500, 500>>;
using g_counter_durable = entry<"g_counter_durable", "challenge 4: adds acknowledged once durable; survives kill",
                                counter_server, counter::crdt<500, 100, true>>;
using pn_counter = entry<"pn_counter", "pn-counter workload: PN-CRDT",
                         counter_server, counter::crdt<500, 1000>>;

}  // namespace glomers::catalog
