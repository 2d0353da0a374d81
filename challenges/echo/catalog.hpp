// Challenge 1's binary.
#pragma once

#include "challenges/catalog.hpp"
#include "challenges/echo/server.hpp"

namespace glomers::catalog {

struct echo {
  static constexpr std::string_view name = "echo";
  static constexpr std::string_view what = "challenge 1: echo";
  template <class Runtime>
  using server = echo_server<Runtime>;
};

}  // namespace glomers::catalog
