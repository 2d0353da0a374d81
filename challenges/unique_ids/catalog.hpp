// Challenge 2's binary.
#pragma once

#include "challenges/catalog.hpp"
#include "challenges/unique_ids/server.hpp"

namespace glomers::catalog {

struct unique_ids {
  static constexpr std::string_view name = "unique_ids";
  static constexpr std::string_view what = "challenge 2: node id and a counter";
  template <class Runtime>
  using server = unique_ids_server<Runtime>;
};

}  // namespace glomers::catalog
