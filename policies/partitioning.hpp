// Role: partitioning. Which node owns a key (kafka: the node that assigns the key's offsets).
//
// Pure: a function of the key and the node list, the same on every node, so every node agrees
// on an owner without asking anyone.
//
// Required expression, for a partitioning type P:
//   P::owner(key, nodes) -> std::string
//     one of nodes (which is never empty, in Maelstrom's test order); the same arguments always
//     give the same answer.
//
// Models: partitioning::sha256_first_byte (the first byte of SHA-256 of the key modulo the node
// count, as the published Go solution does), partitioning::rendezvous (highest random weight:
// removing a node moves only its own keys), partitioning::single_leader (the first node owns
// everything).
#pragma once

#include "policies/role.hpp"

#include <concepts>
#include <string>
#include <vector>

namespace glomers {

template <class P>
concept partitioning_policy = plays<P, roles::partitioning> &&
    requires(std::string const& key, std::vector<std::string> const& nodes) {
      { P::owner(key, nodes) } -> std::same_as<std::string>;
    };

}  // namespace glomers
