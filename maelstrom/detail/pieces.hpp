// detail::for_each_piece: hands f consecutive pieces of at most max elements of all, in order;
// with at_least_one, an empty `all` still gives one (empty) piece. Returns how many pieces f got.
// What keeps a node's messages bounded when it sends a batch of any size.
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <vector>

namespace glomers::detail {

template <class T, class F>
std::size_t for_each_piece(std::vector<T> const& all, std::size_t max, F&& f, bool at_least_one = false) {
  std::size_t pieces = 0;
  for (std::size_t at = 0; at < all.size() || (at_least_one && pieces == 0); at += max, ++pieces) {
    auto const first = all.begin() + static_cast<std::ptrdiff_t>(std::min(all.size(), at));
    auto const last = all.begin() + static_cast<std::ptrdiff_t>(std::min(all.size(), at + max));
    f(std::vector<T>(first, last));
  }
  return pieces;
}

}  // namespace glomers::detail
