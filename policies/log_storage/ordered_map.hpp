// log_storage::ordered_map<PollMax>: a std::map from offset to message per key. Inserts anywhere
// cost O(log n), which suits logs filled from several sources at once.
#pragma once

#include "policies/log_storage.hpp"
#include "policies/log_storage/common.hpp"

#include <map>
#include <unordered_map>

namespace glomers::log_storage {

template <std::size_t PollMax = 100>
class ordered_map : public detail::committed_offsets {
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
    auto it = logs_.find(key);
    if (it == logs_.end()) return {};
    return detail::poll(it->second.lower_bound(from), it->second.end(), below, PollMax);
  }

  std::size_t size(std::string const& key) const {
    auto it = logs_.find(key);
    return it == logs_.end() ? 0 : it->second.size();
  }

 private:
  std::unordered_map<std::string, std::map<std::int64_t, json::value>> logs_;
};

static_assert(log_storage_policy<ordered_map<>>);

}  // namespace glomers::log_storage
