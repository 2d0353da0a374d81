// Role: topology, for broadcast. Who a node passes a value on to.
//
// Context: the node's id, every node id in test order, and the topology Maelstrom sent (empty
// until the topology message arrives, and for designs that ignore it).
//
// Required expression, for a topology type T:
//   T::targets(self, from, nodes, given) -> std::vector<std::string>
//     the nodes to pass a value on to when self learns it from `from` ("" when from a client).
//     Pure: the same arguments give the same answer; never includes self or from. Every value
//     must reach every node when each node forwards new values to its targets.
//
// Models: topology::as_given (flood Maelstrom's graph), star (one hub), tree<K> (heap-ordered
// tree of fan-out K), full_mesh (origin sends to all), line, clusters<K> (stars of K nodes whose
// hubs form a mesh), dual_star (two hubs; loses nothing when one hub is cut off).
#pragma once

#include "policies/role.hpp"

#include <concepts>
#include <map>
#include <string>
#include <vector>

namespace glomers {

using topology_map = std::map<std::string, std::vector<std::string>>;

template <class T>
concept topology_policy = plays<T, roles::topology> && requires(std::string const& self, std::string const& from, std::vector<std::string> const& nodes,
                                   topology_map const& given) {
  { T::targets(self, from, nodes, given) } -> std::same_as<std::vector<std::string>>;
};

namespace topology {

using role = roles::topology;  // models declare `using policy_role = role;`

namespace detail {

inline std::size_t index_of(std::string const& id, std::vector<std::string> const& nodes) {
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i] == id) return i;
  }
  return nodes.size();
}

// Flooding over an undirected graph: everything adjacent but the sender.
inline std::vector<std::string> all_but(std::vector<std::string> const& adjacent, std::string const& self,
                                        std::string const& from) {
  std::vector<std::string> out;
  for (auto const& n : adjacent) {
    if (n != from && n != self) out.push_back(n);
  }
  return out;
}

// Flooding over an undirected graph over node indices: the nodes adjacent(index of self) gives,
// but the sender. Nothing for a node that is not in the list.
template <class Adjacent>
std::vector<std::string> flood(std::string const& self, std::string const& from, std::vector<std::string> const& nodes,
                               Adjacent adjacent) {
  auto const i = index_of(self, nodes);
  if (i == nodes.size()) return {};
  std::vector<std::string> out;
  for (std::size_t j : adjacent(i)) {
    if (nodes[j] != from) out.push_back(nodes[j]);
  }
  return out;
}

}  // namespace detail
}  // namespace topology
}  // namespace glomers
