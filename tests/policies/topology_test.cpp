// Every topology, for 1 to 25 nodes: the forwarding graph delivers a value from any origin to
// every node (connected), never sends to self or back to the sender, and has the hop count
// (diameter) and fan-out (degree) the design promises.
#include "harness/workloads/broadcast.hpp"
#include "policies/topology/as_given.hpp"
#include "policies/topology/clusters.hpp"
#include "policies/topology/dual_star.hpp"
#include "policies/topology/full_mesh.hpp"
#include "policies/topology/line.hpp"
#include "policies/topology/star.hpp"
#include "policies/topology/tree.hpp"

#include <boost/mpl/list.hpp>
#include <boost/test/unit_test.hpp>

#include <deque>
#include <map>
#include <set>

using namespace glomers;

namespace {

std::vector<std::string> nodes(std::size_t n) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back("n" + std::to_string(i));
  return out;
}

// Maelstrom's grid for n nodes, as the topology message carries it (the harness sends it).
topology_map grid(std::vector<std::string> const& ns) { return harness::make_topology("grid", ns); }

struct spread {
  std::size_t reached = 0;  // nodes that learnt the value
  std::size_t hops = 0;     // when the last one did
  std::size_t messages = 0;
  std::size_t max_fanout = 0;
  bool bad_target = false;  // self or the sender
};

// Floods one value from origin the way the broadcast server does: a node forwards a value it
// learns for the first time to its targets.
template <class T>
spread flood(std::string const& origin, std::vector<std::string> const& ns, topology_map const& given) {
  spread s;
  std::map<std::string, std::size_t> hop{{origin, 0}};
  std::deque<std::pair<std::string, std::string>> queue{{origin, ""}};  // (node, learnt from)
  while (!queue.empty()) {
    auto [node, from] = queue.front();
    queue.pop_front();
    auto targets = T::targets(node, from, ns, given);
    s.max_fanout = std::max(s.max_fanout, targets.size());
    for (auto const& t : targets) {
      ++s.messages;
      s.bad_target = s.bad_target || t == node || t == from;
      if (hop.count(t)) continue;
      hop[t] = hop[node] + 1;
      queue.emplace_back(t, node);
    }
  }
  s.reached = hop.size();
  for (auto const& [n, h] : hop) s.hops = std::max(s.hops, h);
  return s;
}

// The worst case over every origin: the most hops, the most messages for one value, the most
// targets of one node.
struct worst {
  std::size_t hops = 0, messages = 0, fanout = 0;
};

template <class T>
worst worst_of(std::vector<std::string> const& ns, topology_map const& given) {
  worst w;
  for (auto const& origin : ns) {
    auto const s = flood<T>(origin, ns, given);
    w.hops = std::max(w.hops, s.hops);
    w.messages = std::max(w.messages, s.messages);
    w.fanout = std::max(w.fanout, s.max_fanout);
  }
  return w;
}

using all_topologies = boost::mpl::list<topology::as_given, topology::star, topology::tree<2>, topology::tree<4>,
                                        topology::full_mesh, topology::line, topology::clusters<5>, topology::dual_star>;

}  // namespace

BOOST_AUTO_TEST_SUITE(topology_test)

BOOST_AUTO_TEST_CASE_TEMPLATE(every_value_reaches_every_node, T, all_topologies) {
  for (std::size_t n = 1; n <= 25; ++n) {
    auto const ns = nodes(n);
    auto const given = grid(ns);
    for (auto const& origin : ns) {
      auto s = flood<T>(origin, ns, given);
      BOOST_TEST_CONTEXT("n=" << n << " origin=" << origin) {
        BOOST_TEST(s.reached == n);
        BOOST_TEST(!s.bad_target);
      }
    }
  }
}

// Diameter (worst hops from any origin) and fan-out (most targets of one node) for every n:
// the bounds each design promises in its header.
BOOST_AUTO_TEST_CASE(diameter_and_fanout_bounds_for_every_size) {
  auto depth = [](std::size_t n, std::size_t k) {  // levels below the root of a heap-ordered k-tree
    std::size_t d = 0, first = 1, width = k;
    while (first < n) first += width, width *= k, ++d;
    return d;
  };
  for (std::size_t n = 1; n <= 25; ++n) {
    auto const ns = nodes(n);
    auto const given = grid(ns);
    auto const star = worst_of<topology::star>(ns, given), mesh = worst_of<topology::full_mesh>(ns, given),
               tree4 = worst_of<topology::tree<4>>(ns, given);
    std::size_t leaf_fan = 0;
    for (auto const& origin : ns) {
      if (origin != ns.front()) leaf_fan = std::max(leaf_fan, topology::star::targets(origin, "", ns, given).size());
    }
    BOOST_TEST_CONTEXT("n=" << n) {
      BOOST_TEST(mesh.hops == (n > 1 ? 1u : 0u));
      BOOST_TEST(star.hops <= 2u);
      BOOST_TEST(worst_of<topology::dual_star>(ns, given).hops <= 2u);
      BOOST_TEST(worst_of<topology::clusters<5>>(ns, given).hops <= 3u);
      BOOST_TEST(worst_of<topology::line>(ns, given).hops == n - 1);
      BOOST_TEST(tree4.hops <= 2 * depth(n, 4));
      BOOST_TEST(mesh.fanout == n - 1);
      BOOST_TEST(star.fanout == n - 1);                  // the hub, for its own clients' values
      BOOST_TEST(leaf_fan <= 1u);                        // a leaf only ever tells the hub
      BOOST_TEST(tree4.fanout <= std::min<std::size_t>(5, n - 1));  // parent and four children
    }
  }
}

BOOST_AUTO_TEST_CASE(hops_and_fanout_per_design) {
  auto const ns = nodes(25);
  auto const given = grid(ns);
  auto const star = worst_of<topology::star>(ns, given), mesh = worst_of<topology::full_mesh>(ns, given);
  BOOST_TEST(mesh.hops == 1u);
  BOOST_TEST(star.hops == 2u);
  BOOST_TEST(worst_of<topology::clusters<5>>(ns, given).hops == 3u);
  BOOST_TEST(worst_of<topology::tree<4>>(ns, given).hops == 5u);  // n21 (depth 3, under n5) to n20 (depth 2) through the root
  BOOST_TEST(worst_of<topology::line>(ns, given).hops == 24u);
  BOOST_TEST(mesh.messages == 24u);  // n-1 per value: the minimum for one hop
  BOOST_TEST(star.messages == 24u);  // a leaf's value: 1 up, 23 down
  // Fan-out: a star's leaf sends one message, its hub 23 or 24; a tree node at most 5.
  BOOST_TEST(topology::star::targets("n7", "", ns, given).size() == 1u);
  BOOST_TEST(topology::star::targets("n0", "n7", ns, given).size() == 23u);
  BOOST_TEST(topology::tree<4>::targets("n1", "", ns, given).size() == 5u);
}

BOOST_AUTO_TEST_CASE(as_given_follows_maelstroms_graph) {
  auto const ns = nodes(5);
  // Maelstrom's grid for 5 nodes: n0[n3,n1] n1[n4,n2,n0] n2[n1] n3[n0,n4] n4[n1,n3].
  auto const given = grid(ns);
  BOOST_TEST(given.at("n1") == (std::vector<std::string>{"n4", "n2", "n0"}));
  BOOST_TEST(topology::as_given::targets("n1", "n0", ns, given) == (std::vector<std::string>{"n4", "n2"}));
  BOOST_TEST(topology::as_given::targets("n9", "", ns, given).empty());  // unknown node: no targets
}

BOOST_AUTO_TEST_CASE(dual_star_survives_a_lost_hub) {
  auto const ns = nodes(25);
  for (auto const& lost : {"n0", "n1"}) {
    // Flood without the lost hub: every other node still learns every value.
    for (auto const& origin : ns) {
      if (origin == lost) continue;
      std::set<std::string> reached{origin};
      std::deque<std::pair<std::string, std::string>> queue{{origin, ""}};
      while (!queue.empty()) {
        auto [node, from] = queue.front();
        queue.pop_front();
        for (auto const& t : topology::dual_star::targets(node, from, ns, {})) {
          if (t == lost || !reached.insert(t).second) continue;
          queue.emplace_back(t, node);
        }
      }
      BOOST_TEST(reached.size() == 24u);
    }
  }
  // A star does not: without its hub, a leaf's value reaches nobody.
  auto const s = topology::star::targets("n5", "", ns, {});
  BOOST_TEST(s == (std::vector<std::string>{"n0"}));
}

BOOST_AUTO_TEST_SUITE_END()
