// log_storage::ordered_map<PollMax>: a std::map from offset to message per key. Inserts anywhere
// cost O(log n), which suits logs filled from several sources at once.
#pragma once

#include "policies/log_storage.hpp"

#include <map>
#include <unordered_map>

namespace glomers::log_storage {

template <std::size_t PollMax = 100>
class ordered_map {
 public:
  static_assert(PollMax > 0);
  using policy_role = roles::log_storage;
  static constexpr std::size_t poll_max = PollMax;

  bool insert(std::string const& key, std::int64_t offset, json::value const& msg) {
    return logs_[key].try_emplace(offset, msg).second;
  }

  std::optional<std::int64_t> last_offset(std::string const& key) const {
    auto it = logs_.find(key);
    if (it == logs_.end() || it->second.empty()) return std::nullopt;
    return it->second.rbegin()->first;
  }

  std::vector<log_entry> read(std::string const& key, std::int64_t from, std::int64_t below) const {
    std::vector<log_entry> out;
    auto it = logs_.find(key);
    if (it == logs_.end()) return out;
    for (auto e = it->second.lower_bound(from); e != it->second.end() && e->first < below && out.size() < PollMax; ++e) {
      out.push_back({e->first, e->second});
    }
    return out;
  }

  std::size_t size(std::string const& key) const {
    auto it = logs_.find(key);
    return it == logs_.end() ? 0 : it->second.size();
  }

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
  std::unordered_map<std::string, std::map<std::int64_t, json::value>> logs_;
  std::unordered_map<std::string, std::int64_t> committed_;
};

static_assert(log_storage_policy<ordered_map<>>);

}  // namespace glomers::log_storage
