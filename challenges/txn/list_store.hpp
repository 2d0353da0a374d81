// list_store: one replica's lists for txn-list-append. A list is the set of its appended
// elements ordered by version (the appending write set's stamp, then the position in it), so
// replicas that hold the same appends show the same lists, whatever the order of arrival; an
// append is never lost to a concurrent one. A read of everything held could see [1, 3] before a
// late [2] arrives and makes the list [1, 2, 3], and an append no read ever saw sits before ones that were seen, which Elle (placing
// unobserved appends last) reads as G0; so the server reads as of a frontier below which every
// append has arrived (list_server.hpp). Pure.
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

  // The list at key as of frontier: only appends stamped at or before it (see list_server.hpp).
  std::optional<std::vector<std::int64_t>> read(std::int64_t key, detail::hlc_stamp const& frontier) const {
    auto it = lists_.find(key);
    if (it == lists_.end()) return std::nullopt;
    std::vector<std::int64_t> out;
    for (auto const& [v, e] : it->second) {
      if (v.at > frontier) break;
      out.push_back(e);
    }
    if (out.empty()) return std::nullopt;
    return out;
  }

  std::map<std::int64_t, list> const& lists() const noexcept { return lists_; }

 private:
  std::map<std::int64_t, list> lists_;
};

}  // namespace glomers::txn
