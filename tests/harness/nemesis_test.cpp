#include "harness/nemesis.hpp"

#include <boost/test/unit_test.hpp>

using namespace glomers::harness;

namespace {

std::vector<std::string> nodes(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back("n" + std::to_string(i));
  return out;
}
bool drops(grudge const& g, std::string const& dest, std::string const& src) {
  auto it = g.find(dest);
  return it != g.end() && it->second.count(src);
}
bool symmetric(grudge const& g) {
  for (auto const& [dest, srcs] : g) {
    for (auto const& src : srcs) {
      if (!drops(g, src, dest)) return false;
    }
  }
  return true;
}
// Nodes each node can hear, itself included.
std::size_t hears(grudge const& g, std::vector<std::string> const& ns, std::string const& me) {
  return static_cast<std::size_t>(std::count_if(ns.begin(), ns.end(), [&](auto const& o) { return !drops(g, me, o); }));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(nemesis_test)

BOOST_AUTO_TEST_CASE(one_isolates_a_single_node_both_ways) {
  world w(1);
  auto ns = nodes(5);
  auto g = make_grudge("one", ns, w);
  BOOST_TEST(symmetric(g));
  int isolated = 0;
  for (auto const& n : ns) {
    if (hears(g, ns, n) == 1) ++isolated;
    else BOOST_TEST(hears(g, ns, n) == 4u);
  }
  BOOST_TEST(isolated == 1);
}

BOOST_AUTO_TEST_CASE(majority_and_minority_third_split_sizes) {
  world w(2);
  for (auto [n, small] : std::vector<std::pair<int, std::size_t>>{{3, 1}, {5, 2}, {25, 12}}) {
    auto ns = nodes(n);
    auto g = make_grudge("majority", ns, w);
    BOOST_TEST(symmetric(g));
    std::size_t in_small = 0;
    for (auto const& x : ns) in_small += hears(g, ns, x) == small;
    BOOST_TEST(in_small == small);
  }
  auto two = nodes(2);
  auto g2 = make_grudge("majority", two, w);  // 1|1
  BOOST_TEST(hears(g2, two, "n0") == 1u);
  BOOST_TEST(hears(g2, two, "n1") == 1u);
  BOOST_TEST(make_grudge("minority-third", nodes(3), w).empty());  // floor(2/3) = 0: no cut
  auto ns = nodes(25);
  auto g = make_grudge("minority-third", ns, w);
  std::size_t in_small = 0;
  for (auto const& x : ns) in_small += hears(g, ns, x) == 8u;
  BOOST_TEST(in_small == 8u);
}

BOOST_AUTO_TEST_CASE(majorities_ring_shapes) {
  world w(3);
  auto five = nodes(5);
  auto g5 = make_grudge("majorities-ring", five, w);
  BOOST_TEST(symmetric(g5));
  for (auto const& n : five) BOOST_TEST(hears(g5, five, n) == 3u);  // itself and two ring neighbours
  auto three = nodes(3);
  auto g3 = make_grudge("majorities-ring", three, w);
  BOOST_TEST(!symmetric(g3));  // n=3 is one-directional
  for (auto const& n : three) BOOST_TEST(hears(g3, three, n) == 2u);
  auto many = nodes(25);
  auto g25 = make_grudge("majorities-ring", many, w);
  BOOST_TEST(symmetric(g25));
  std::set<std::set<std::string>> views;
  for (auto const& n : many) {
    BOOST_TEST(hears(g25, many, n) >= 13u);
    std::set<std::string> view;
    for (auto const& o : many) if (!drops(g25, n, o)) view.insert(o);
    views.insert(view);
  }
  BOOST_TEST(views.size() > 1u);  // no single shared majority
  BOOST_TEST(make_grudge("majorities-ring", nodes(2), w).empty());
}

BOOST_AUTO_TEST_SUITE_END()
