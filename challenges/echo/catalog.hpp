// Challenge 1's binary.
#pragma once

#include "challenges/catalog.hpp"
#include "challenges/echo/server.hpp"

namespace glomers::catalog {

using echo = entry<"echo", "challenge 1: echo", echo_server>;

}  // namespace glomers::catalog
