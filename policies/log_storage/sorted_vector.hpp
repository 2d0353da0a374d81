// log_storage::sorted_vector<PollMax>: a vector of (offset, message) per key, kept sorted.
// Appending past the end (the common case: offsets grow) is O(1) and reads are a binary search
// then a contiguous copy; an insert behind the end shifts what follows it.
#pragma once

#include "policies/log_storage.hpp"
#include "policies/log_storage/common.hpp"

#include <algorithm>
#include <unordered_map>

namespace glomers::log_storage {

template <std::size_t PollMax = 100>
class sorted_vector : public detail::committed_offsets {
 public:
  static_assert(PollMax > 0);
  using policy_role = roles::log_storage;
  static constexpr std::size_t poll_max = PollMax;

  bool insert(std::string const& key, std::int64_t offset, json::value const& msg) {
    auto& log = logs_[key];
    if (log.empty() || log.back().offset < offset) {
      log.push_back({offset, msg});
      return true;
    }
    auto it = lower(log, offset);
    if (it != log.end() && it->offset == offset) return false;
    log.insert(it, log_entry{offset, msg});
    return true;
  }

  std::optional<std::int64_t> last_offset(std::string const& key) const {
    auto it = logs_.find(key);
    if (it == logs_.end() || it->second.empty()) return std::nullopt;
    return it->second.back().offset;
  }

  std::vector<log_entry> read(std::string const& key, std::int64_t from, std::int64_t below) const {
    auto it = logs_.find(key);
    if (it == logs_.end()) return {};
    return detail::poll(lower(it->second, from), it->second.end(), below, PollMax);
  }

  std::size_t size(std::string const& key) const {
    auto it = logs_.find(key);
    return it == logs_.end() ? 0 : it->second.size();
  }

 private:
  using log_t = std::vector<log_entry>;
  static log_t::const_iterator lower(log_t const& log, std::int64_t offset) {
    return std::lower_bound(log.begin(), log.end(), offset,
                            [](log_entry const& e, std::int64_t o) { return e.offset < o; });
  }
  static log_t::iterator lower(log_t& log, std::int64_t offset) {
    return std::lower_bound(log.begin(), log.end(), offset,
                            [](log_entry const& e, std::int64_t o) { return e.offset < o; });
  }

  std::unordered_map<std::string, log_t> logs_;
};

static_assert(log_storage_policy<sorted_vector<>>);

}  // namespace glomers::log_storage
