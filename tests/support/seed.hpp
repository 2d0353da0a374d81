// The seed of a simulation test: GLOMERS_SEED when set (to replay a failure), else a fresh one.
// Tests report it through BOOST_TEST_CONTEXT so every failure says how to replay it.
#pragma once

#include <cstdint>
#include <cstdlib>
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

}  // namespace glomers::testing
