// list_store: one replica's lists for txn-list-append. A list is the set of its appended
// elements ordered by version (the appending write set's stamp, then the position in it), so
// replicas that hold the same appends show the same lists, whatever the order of arrival; an
// append is never lost to a concurrent one. A read can still see [1, 3] before a late [2]
// arrives and makes the list [1, 2, 3]: across replicas, reads need not be prefixes of each
// other (allowed by read uncommitted, not by read committed). Pure.
#pragma once

#include "policies/detail/hlc.hpp"
#include "policies/replication.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace glomers::txn {

class list_store {
 public:
  using list = std::map<detail::version_stamp, std::int64_t>;  // version -> element

  // The list at key, oldest append first; none when nothing was appended.
  std::optional<std::vector<std::int64_t>> read(std::int64_t key) const {
    auto it = lists_.find(key);
    if (it == lists_.end()) return std::nullopt;
    std::vector<std::int64_t> out;
    out.reserve(it->second.size());
    for (auto const& [v, e] : it->second) out.push_back(e);
    return out;
  }

  // Adds an append; false when it was already there.
  bool apply(stamped_write const& w) { return lists_[w.key].emplace(w.version, w.value).second; }

  // A summary of the appends of key stamped before cutoff_ms: their count and a hash of their
  // versions and elements (order-independent), to compare with a peer's.
  struct summary {
    std::int64_t count = 0;
    std::int64_t hash = 0;
    friend bool operator==(summary const&, summary const&) = default;
  };
  summary summarise(list const& l, std::int64_t cutoff_ms) const {
    summary s;
    std::uint64_t h = 0;
    for (auto const& [v, e] : l) {
      if (v.at.wall_ms >= cutoff_ms) continue;
      ++s.count;
      h += mix(mix(mix(mix(static_cast<std::uint64_t>(v.at.wall_ms)) ^ static_cast<std::uint64_t>(v.at.logical)) ^
                   static_cast<std::uint64_t>(v.at.node)) ^ static_cast<std::uint64_t>(v.seq)) ^
           static_cast<std::uint64_t>(e);
    }
    s.hash = static_cast<std::int64_t>(h & 0x1fffffffffffffULL);  // exact in a JSON double too
    return s;
  }

  std::map<std::int64_t, list> const& lists() const noexcept { return lists_; }

 private:
  static std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
  }

  std::map<std::int64_t, list> lists_;
};

}  // namespace glomers::txn
