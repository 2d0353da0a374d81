// What both txn servers (server.hpp, list_server.hpp) share besides their messages: a node's
// index in the cluster (its clock's tie-breaker) and times in whole milliseconds (the clock's unit).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace glomers::txn {

// The position of id in ids (ids.size() when absent).
inline std::int64_t node_index(std::vector<std::string> const& ids, std::string const& id) {
  return std::find(ids.begin(), ids.end(), id) - ids.begin();
}

inline std::int64_t ms(std::chrono::nanoseconds t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t).count();
}

}  // namespace glomers::txn
