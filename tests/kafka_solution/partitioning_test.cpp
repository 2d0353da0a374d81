// Partitioning models: the published rule's owners, determinism, spread, and rendezvous hashing's
// stability when a node leaves.
#include "policies/partitioning/rendezvous.hpp"
#include "policies/partitioning/sha256_first_byte.hpp"
#include "policies/partitioning/single_leader.hpp"

#include <boost/test/unit_test.hpp>

#include <map>

using namespace glomers;

BOOST_AUTO_TEST_SUITE(partitioning_test)

// First SHA-256 bytes of "0".."11" (from an independent implementation): 95 107 212 78 75 239
// 231 121 44 25 74 79; the owner is that byte modulo the node count.
BOOST_AUTO_TEST_CASE(sha256_first_byte_matches_the_go_rule) {
  std::vector<std::string> two{"n0", "n1"}, three{"n0", "n1", "n2"};
  int const first_bytes[] = {95, 107, 212, 78, 75, 239, 231, 121, 44, 25, 74, 79};
  for (int k = 0; k < 12; ++k) {
    auto const key = std::to_string(k);
    BOOST_TEST_CONTEXT("key " << key) {
      BOOST_TEST(partitioning::sha256_first_byte::owner(key, two) == two[first_bytes[k] % 2]);
      BOOST_TEST(partitioning::sha256_first_byte::owner(key, three) == three[first_bytes[k] % 3]);
    }
  }
  BOOST_TEST(partitioning::sha256_first_byte::owner("2", {"n1"}) == "n1");
}

BOOST_AUTO_TEST_CASE(single_leader_owns_everything) {
  for (auto key : {"0", "1", "abc"}) BOOST_TEST(partitioning::single_leader::owner(key, {"n3", "n1"}) == "n3");
}

BOOST_AUTO_TEST_CASE(rendezvous_spreads_and_is_stable) {
  std::vector<std::string> nodes{"n0", "n1", "n2", "n3", "n4"};
  std::map<std::string, int> load;
  std::vector<std::string> before;
  for (int k = 0; k < 5000; ++k) {
    auto owner = partitioning::rendezvous::owner(std::to_string(k), nodes);
    BOOST_TEST(owner == partitioning::rendezvous::owner(std::to_string(k), nodes));  // pure
    ++load[owner];
    before.push_back(owner);
  }
  for (auto const& n : nodes) BOOST_TEST_CONTEXT(n) { BOOST_TEST((load[n] > 850 && load[n] < 1150)); }
  // n2 leaves: only its keys move.
  std::vector<std::string> fewer{"n0", "n1", "n3", "n4"};
  for (int k = 0; k < 5000; ++k) {
    auto after = partitioning::rendezvous::owner(std::to_string(k), fewer);
    if (before[k] != "n2") BOOST_TEST(after == before[k]);
  }
}

BOOST_AUTO_TEST_SUITE_END()
