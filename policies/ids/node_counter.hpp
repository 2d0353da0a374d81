// ids::node_counter: "<node id>-<epoch>-<counter>", where the epoch is the hex entropy the node
// drew at start. Unique across nodes by the node id, across restarts by the epoch (a collision
// needs two starts of one node to draw the same 64-bit value), within a run by the counter.
#pragma once

#include "policies/ids.hpp"

#include <cstdio>
#include <string>

namespace glomers::ids {

class node_counter {
 public:
  using policy_role = role;

  node_counter(std::string_view node_id, std::uint64_t entropy) {
    char epoch[17];
    std::snprintf(epoch, sizeof epoch, "%016llx", static_cast<unsigned long long>(entropy));
    prefix_ = std::string(node_id) + "-" + epoch + "-";
  }

  json::value next() { return json::value(prefix_ + std::to_string(++counter_)); }

 private:
  std::string prefix_;
  std::uint64_t counter_ = 0;
};

static_assert(id_policy<node_counter>);

}  // namespace glomers::ids
