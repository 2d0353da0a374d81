// The partition nemesis (spec §3.2): grudge shapes. A grudge maps each destination to the sources
// whose messages it drops. The schedule (start at t=0, then stop/start gaps of U[0, 2*interval))
// is run by the test run.
#pragma once

#include "harness/world.hpp"
#include "maelstrom/json.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace glomers::harness {

using grudge = std::map<std::string, std::set<std::string>>;

inline std::vector<std::string> const& partition_specs() {
  static std::vector<std::string> const specs{"one", "minority-third", "majority", "majorities-ring"};
  return specs;
}

namespace detail {

inline std::vector<std::string> shuffled(std::vector<std::string> v, world& w) {
  std::shuffle(v.begin(), v.end(), w.rng());
  return v;
}

// Complete, bidirectional cut between nodes[0, split) and nodes[split, n).
inline grudge cut(std::vector<std::string> const& nodes, std::size_t split) {
  grudge g;
  if (split == 0 || split >= nodes.size()) return g;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    for (std::size_t j = 0; j < nodes.size(); ++j) {
      if ((i < split) != (j < split)) g[nodes[i]].insert(nodes[j]);
    }
  }
  return g;
}

inline std::size_t majority(std::size_t n) { return n / 2 + 1; }

inline grudge majorities_ring(std::vector<std::string> const& nodes, world& w) {
  auto const n = nodes.size();
  grudge g;
  if (n <= 2) return g;
  auto const m = majority(n);
  if (n <= 5) {
    auto ring = shuffled(nodes, w);
    for (std::size_t start = 0; start < n; ++start) {
      std::set<std::string> window;
      for (std::size_t k = 0; k < m; ++k) window.insert(ring[(start + k) % n]);
      auto const& centre = ring[(start + m / 2) % n];
      for (auto const& other : nodes) {
        if (!window.count(other)) g[centre].insert(other);
      }
    }
    return g;
  }
  // Stochastic: link minimum-degree nodes until every node sees a majority (itself included).
  std::map<std::string, std::set<std::string>> links;
  for (auto const& a : nodes) links[a].insert(a);
  for (;;) {
    auto order = shuffled(nodes, w);
    std::stable_sort(order.begin(), order.end(),
                     [&](auto const& a, auto const& b) { return links[a].size() < links[b].size(); });
    auto const& a = order.front();
    if (links[a].size() >= m) break;
    auto it = std::find_if(order.begin() + 1, order.end(), [&](auto const& b) { return !links[a].count(b); });
    if (it == order.end()) break;
    links[a].insert(*it);
    links[*it].insert(a);
  }
  for (auto const& a : nodes) {
    for (auto const& b : nodes) {
      if (!links[a].count(b)) g[a].insert(b);
    }
  }
  return g;
}

}  // namespace detail

// The grudge for one of partition_specs(), drawn with w's random source.
inline grudge make_grudge(std::string const& spec, std::vector<std::string> const& nodes, world& w) {
  auto const n = nodes.size();
  if (spec == "one") {
    auto const isolated = nodes[static_cast<std::size_t>(w.uniform_int(0, static_cast<std::int64_t>(n) - 1))];
    std::vector<std::string> order{isolated};
    for (auto const& x : nodes) {
      if (x != isolated) order.push_back(x);
    }
    return detail::cut(order, 1);
  }
  if (spec == "majority") return detail::cut(detail::shuffled(nodes, w), n / 2);
  if (spec == "minority-third") return detail::cut(detail::shuffled(nodes, w), n == 0 ? 0 : (n - 1) / 3);
  if (spec == "majorities-ring") return detail::majorities_ring(nodes, w);
  return {};
}

inline json::object to_json(grudge const& g) {
  json::object o;
  for (auto const& [dest, srcs] : g) o[dest] = json::array(srcs.begin(), srcs.end());
  return o;
}

}  // namespace glomers::harness
