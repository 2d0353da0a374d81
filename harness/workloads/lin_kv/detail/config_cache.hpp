// The configurations the register search has explored: (ok ops linearized as a prefix by
// completion, the register's value, the other linearized ops in order), in one open-addressing
// table whose entries keep their op lists in a shared pool.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace glomers::harness::linearizable::detail {

class config_cache {
 public:
  // Records the configuration; false when it was already there.
  bool insert(std::int32_t prefix, std::int32_t state, std::span<std::int32_t const> extra) {
    if (2 * (entries_.size() + 1) > slots_.size()) grow();
    auto const h = hash(prefix, state, extra);
    auto const mask = slots_.size() - 1;
    for (auto i = h & mask;; i = (i + 1) & mask) {
      auto const s = slots_[i];
      if (s == 0) {
        entries_.push_back({h, prefix, state, static_cast<std::uint32_t>(pool_.size()),
                            static_cast<std::uint32_t>(extra.size())});
        pool_.insert(pool_.end(), extra.begin(), extra.end());
        slots_[i] = static_cast<std::uint32_t>(entries_.size());
        return true;
      }
      auto const& e = entries_[s - 1];
      if (e.hash == h && e.prefix == prefix && e.state == state && e.len == extra.size() &&
          std::equal(extra.begin(), extra.end(), pool_.begin() + e.from)) {
        return false;
      }
    }
  }

  std::int64_t size() const noexcept { return static_cast<std::int64_t>(entries_.size()); }

 private:
  struct entry {
    std::uint64_t hash;
    std::int32_t prefix, state;
    std::uint32_t from, len;
  };

  static std::uint64_t mix(std::uint64_t h, std::uint64_t x) {
    h ^= x + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return h * 0xff51afd7ed558ccdull;
  }
  static std::uint64_t hash(std::int32_t prefix, std::int32_t state, std::span<std::int32_t const> extra) {
    auto h = mix(static_cast<std::uint64_t>(prefix), static_cast<std::uint64_t>(state));
    for (auto x : extra) h = mix(h, static_cast<std::uint64_t>(x));
    return h ^ (h >> 29);
  }

  void grow() {
    std::vector<std::uint32_t> slots(std::max<std::size_t>(1024, 2 * slots_.size()), 0);
    auto const mask = slots.size() - 1;
    for (std::size_t k = 0; k < entries_.size(); ++k) {
      auto i = entries_[k].hash & mask;
      while (slots[i] != 0) i = (i + 1) & mask;
      slots[i] = static_cast<std::uint32_t>(k + 1);
    }
    slots_ = std::move(slots);
  }

  std::vector<entry> entries_;
  std::vector<std::uint32_t> slots_;  // entry index + 1; 0 is free
  std::vector<std::int32_t> pool_;
};

}  // namespace glomers::harness::linearizable::detail
