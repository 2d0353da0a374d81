// Challenge 2's binary.
#pragma once

#include "challenges/catalog.hpp"
#include "challenges/unique_ids/server.hpp"

namespace glomers::catalog {

using unique_ids = entry<"unique_ids", "challenge 2: node id and a counter", unique_ids_server>;

}  // namespace glomers::catalog
