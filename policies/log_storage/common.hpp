// What both log stores share: the poll over a key's entries in offset order, and committed
// offsets per key. Not a model: ordered_map and sorted_vector build on it.
#pragma once

#include "policies/log_storage.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace glomers::log_storage::detail {

// An element of a key's log: a log_entry (sorted_vector) or an (offset, msg) pair (ordered_map).
inline std::int64_t offset_of(log_entry const& e) { return e.offset; }
inline log_entry const& entry_of(log_entry const& e) { return e; }
inline std::int64_t offset_of(std::pair<std::int64_t const, json::value> const& e) { return e.first; }
inline log_entry entry_of(std::pair<std::int64_t const, json::value> const& e) { return {e.first, e.second}; }

// The entries from first (in offset order) with offsets below `below`, at most max of them.
template <class It>
std::vector<log_entry> poll(It first, It last, std::int64_t below, std::size_t max) {
  std::vector<log_entry> out;
  for (; first != last && offset_of(*first) < below && out.size() < max; ++first) out.push_back(entry_of(*first));
  return out;
}

// Each key's committed offset, which only grows.
class committed_offsets {
 public:
  void commit(std::string const& key, std::int64_t offset) {
    auto [it, fresh] = committed_.try_emplace(key, offset);
    if (!fresh && it->second < offset) it->second = offset;
  }

  std::optional<std::int64_t> committed(std::string const& key) const {
    auto it = committed_.find(key);
    if (it == committed_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::unordered_map<std::string, std::int64_t> committed_;
};

}  // namespace glomers::log_storage::detail
