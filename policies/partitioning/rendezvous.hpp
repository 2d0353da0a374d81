// partitioning::rendezvous: highest random weight hashing. Every node gets a weight for the key
// (a 64-bit hash of key and node id) and the heaviest owns it: keys spread evenly for any node
// count, and a node leaving the list moves only the keys it owned.
#pragma once

#include "policies/partitioning.hpp"

#include <cstdint>
#include <string_view>

namespace glomers::partitioning {

struct rendezvous {
  using policy_role = roles::partitioning;

  static std::string owner(std::string const& key, std::vector<std::string> const& nodes) {
    std::size_t best = 0;
    std::uint64_t best_weight = 0;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      auto const w = weight(key, nodes[i]);
      if (i == 0 || w > best_weight || (w == best_weight && nodes[i] < nodes[best])) {
        best = i;
        best_weight = w;
      }
    }
    return nodes[best];
  }

  // FNV-1a over key, a separator and node, finished with the splitmix64 mixer so that similar
  // ids ("n1", "n2") get unrelated weights.
  static std::uint64_t weight(std::string_view key, std::string_view node) {
    std::uint64_t h = 0xcbf29ce484222325ull;
    auto feed = [&h](unsigned char c) {
      h ^= c;
      h *= 0x100000001b3ull;
    };
    for (unsigned char c : key) feed(c);
    feed(0);
    for (unsigned char c : node) feed(c);
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebull;
    h ^= h >> 31;
    return h;
  }
};

static_assert(partitioning_policy<rendezvous>);

}  // namespace glomers::partitioning
