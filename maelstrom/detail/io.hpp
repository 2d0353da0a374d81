// Blocking writes that survive interruptions: shared by the stdio runtime and the harness.
#pragma once

#include <unistd.h>

#include <cerrno>
#include <string_view>

namespace glomers::detail {

// Writes all of data to fd; false when the descriptor fails (e.g. its reader is gone).
inline bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t const n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace glomers::detail
