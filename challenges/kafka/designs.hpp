// The kafka designs the challenges and the comparison benchmark use, by name.
#pragma once

#include "challenges/kafka/server.hpp"
#include "policies/log_design/lin_kv_cas.hpp"
#include "policies/log_design/owner_forward.hpp"
#include "policies/log_design/residue.hpp"
#include "policies/log_storage/ordered_map.hpp"
#include "policies/log_storage/sorted_vector.hpp"
#include "policies/partitioning/rendezvous.hpp"
#include "policies/partitioning/sha256_first_byte.hpp"
#include "policies/partitioning/single_leader.hpp"

namespace glomers::kafka_designs {

// The baseline: the published Go solution (offsets by compare-and-set on lin-kv, a lin-kv key
// per message, owners by the first byte of SHA-256).
struct original_lin_kv {
  using log_design = glomers::log_design::lin_kv_cas<glomers::partitioning::sha256_first_byte>;
};

// The owner of a key (first byte of SHA-256) assigns dense offsets and keeps its log; other
// nodes forward, with a 500 ms timeout and 1 s circuit breaker.
struct owner_sha256 {
  using log_design = glomers::log_design::owner_forward<glomers::partitioning::sha256_first_byte,
                                                        glomers::log_storage::sorted_vector<>, 500, 1000>;
};

// Owners as above, but they push their entries to every node in batches every 100 ms, and
// polls are answered locally: only sends are forwarded.
struct owner_replicated {
  using log_design = glomers::log_design::owner_forward<glomers::partitioning::sha256_first_byte,
                                                        glomers::log_storage::sorted_vector<>, 500, 1000, 100>;
};

// Owners with forwarded polls, by rendezvous hashing (an even spread for any node count).
struct owner_rendezvous {
  using log_design = glomers::log_design::owner_forward<glomers::partitioning::rendezvous,
                                                        glomers::log_storage::ordered_map<>, 500, 1000>;
};

// One node owns every key: the others forward everything to it.
struct single_leader {
  using log_design = glomers::log_design::owner_forward<glomers::partitioning::single_leader,
                                                        glomers::log_storage::sorted_vector<>, 500, 1000>;
};

// No coordination per operation: offsets from each node's residue class, batches every 100 ms
// (resent after 500 ms), polls serve the prefix every peer has settled.
struct residue_sync {
  using log_design = glomers::log_design::residue<glomers::log_storage::sorted_vector<>, 100, 500>;
};

// The same with a 20 ms batch interval: polls see new messages sooner, for more messages.
struct residue_eager {
  using log_design = glomers::log_design::residue<glomers::log_storage::sorted_vector<>, 20, 500>;
};

}  // namespace glomers::kafka_designs
