// lww_store: one replica's registers, a last-writer-wins version per key. Applying the same set
// of stamped writes in any order, any number of times, leaves the same state on every replica
// (the larger version wins; two writes never share one: a stamp names its node), so replicas that have
// exchanged everything agree. Pure.
#pragma once

#include "policies/detail/hlc.hpp"
#include "policies/replication.hpp"

#include <map>
#include <optional>

namespace glomers::txn {

class lww_store {
 public:
  struct version {
    std::int64_t value = 0;
    detail::version_stamp version;
  };

  std::optional<std::int64_t> read(std::int64_t key) const {
    auto it = versions_.find(key);
    if (it == versions_.end()) return std::nullopt;
    return it->second.value;
  }

  // Keeps w when it is newer than what the key holds; true when it replaced the version.
  bool apply(stamped_write const& w) {
    auto [it, fresh] = versions_.try_emplace(w.key, version{w.value, w.version});
    if (fresh) return true;
    if (!detail::lww_replaces(w.version, it->second.version)) return false;
    it->second = {w.value, w.version};
    return true;
  }

  std::map<std::int64_t, version> const& versions() const noexcept { return versions_; }

 private:
  std::map<std::int64_t, version> versions_;
};

}  // namespace glomers::txn
