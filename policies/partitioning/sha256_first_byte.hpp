// partitioning::sha256_first_byte: owner = nodes[sha256(key)[0] % nodes.size()], the published Go
// solution's rule (5-kafka-style-log/5b: int(sha256.Sum256(key)[0]) % len(NodeIDs)). Only 256
// buckets, and a modulo bias for node counts that do not divide 256; kept for fidelity.
#pragma once

#include "policies/detail/sha256.hpp"
#include "policies/partitioning.hpp"

namespace glomers::partitioning {

struct sha256_first_byte {
  using policy_role = roles::partitioning;
  static std::string owner(std::string const& key, std::vector<std::string> const& nodes) {
    return nodes[glomers::detail::sha256(key)[0] % nodes.size()];
  }
};

static_assert(partitioning_policy<sha256_first_byte>);

}  // namespace glomers::partitioning
