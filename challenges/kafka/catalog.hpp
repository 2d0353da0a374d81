// Challenge 5's binaries and every kafka design the comparison table runs, the baseline first.
#pragma once

#include "challenges/catalog.hpp"
#include "challenges/kafka/designs.hpp"

namespace glomers::catalog {

#define GLOMERS_KAFKA_ENTRY(entry_name, design, description)          \
  struct entry_name {                                                 \
    static constexpr std::string_view name = #entry_name;             \
    static constexpr std::string_view what = description;             \
    template <class Runtime>                                          \
    using server = kafka_server<Runtime, kafka_designs::design>;      \
  }

GLOMERS_KAFKA_ENTRY(kafka_original_lin_kv, original_lin_kv, "the Go original: offsets by compare-and-set on lin-kv, a lin-kv key per message");
GLOMERS_KAFKA_ENTRY(kafka_5a, residue_sync, "challenge 5a: one node, its settled prefix is everything it holds");
GLOMERS_KAFKA_ENTRY(kafka_5b, owner_sha256, "challenge 5b: the key's owner (first byte of SHA-256) assigns offsets; others forward");
GLOMERS_KAFKA_ENTRY(kafka_owner_replicated, owner_replicated, "owner assigns, entries pushed to peers in batches, polls answered locally");
GLOMERS_KAFKA_ENTRY(kafka_owner_rendezvous, owner_rendezvous, "owner by rendezvous hashing, others forward");
GLOMERS_KAFKA_ENTRY(kafka_single_leader, single_leader, "one leader owns every key");
GLOMERS_KAFKA_ENTRY(kafka_5c, residue_sync, "challenge 5c: residue-class offsets, batched replication, settled polls");
GLOMERS_KAFKA_ENTRY(kafka_residue_eager, residue_eager, "residue-class offsets, replication every 20 ms");

#undef GLOMERS_KAFKA_ENTRY

}  // namespace glomers::catalog
