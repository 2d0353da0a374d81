// The seed of a simulation test: GLOMERS_SEED when set (to replay a failure), else a fresh one.
// Tests report it through BOOST_TEST_CONTEXT so every failure says how to replay it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>

namespace glomers::testing {

inline std::uint64_t base_seed() {
  if (char const* s = std::getenv("GLOMERS_SEED")) return std::stoull(s);
  return (static_cast<std::uint64_t>(std::random_device{}()) << 20) ^ std::random_device{}();
}

// How many seeds a sweep runs: GLOMERS_SWEEP when set (the manual *_large targets set it),
// else the CI default.
inline int sweep_seeds(int ci_default) {
  if (char const* s = std::getenv("GLOMERS_SWEEP")) return std::stoi(s);
  return ci_default;
}

// Bazel's test sharding (shard_count on the target): this process runs the sweep's k-th seed
// only when k falls in its shard, so Bazel spreads a sweep over the local cores or a remote
// execution cluster. Unsharded, every k is ours.
inline bool in_this_shard(int k) {
  static int const total = [] {
    char const* t = std::getenv("TEST_TOTAL_SHARDS");
    if (char const* status = std::getenv("TEST_SHARD_STATUS_FILE")) std::ofstream{status};  // "I shard"
    return t ? std::max(1, std::stoi(t)) : 1;
  }();
  static int const index = [] {
    char const* i = std::getenv("TEST_SHARD_INDEX");
    return i ? std::stoi(i) : 0;
  }();
  return k % total == index;
}

}  // namespace glomers::testing
