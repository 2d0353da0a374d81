// Challenge 5's binaries and every kafka design the comparison table runs, the baseline first.
#pragma once

#include "challenges/catalog.hpp"
#include "challenges/kafka/designs.hpp"

namespace glomers::catalog {

using kafka_original_lin_kv = entry<"kafka_original_lin_kv", "the Go original: offsets by compare-and-set on lin-kv, a lin-kv key per message",
                                    kafka_server, kafka_designs::original_lin_kv>;
using kafka_5a = entry<"kafka_5a", "challenge 5a: one node, its settled prefix is everything it holds",
                       kafka_server, kafka_designs::residue_sync>;
using kafka_5b = entry<"kafka_5b", "challenge 5b: the key's owner (first byte of SHA-256) assigns offsets; others forward",
                       kafka_server, kafka_designs::owner_sha256>;
using kafka_owner_replicated = entry<"kafka_owner_replicated", "owner assigns, entries pushed to peers in batches, polls answered locally",
                                     kafka_server, kafka_designs::owner_replicated>;
using kafka_owner_rendezvous = entry<"kafka_owner_rendezvous", "owner by rendezvous hashing, others forward",
                                     kafka_server, kafka_designs::owner_rendezvous>;
using kafka_single_leader = entry<"kafka_single_leader", "one leader owns every key",
                                  kafka_server, kafka_designs::single_leader>;
using kafka_5c = entry<"kafka_5c", "challenge 5c: residue-class offsets, batched replication, settled polls",
                       kafka_server, kafka_designs::residue_sync>;
using kafka_residue_eager = entry<"kafka_residue_eager", "residue-class offsets, replication every 20 ms",
                                  kafka_server, kafka_designs::residue_eager>;

}  // namespace glomers::catalog
