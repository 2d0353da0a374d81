// Log storage models, one conformance suite for both: sparse offsets, inserts behind the end,
// no overwrites, bounded contiguous reads, committed offsets that only grow.
#include "policies/log_storage/ordered_map.hpp"
#include "policies/log_storage/sorted_vector.hpp"

#include <boost/mpl/list.hpp>
#include <boost/test/unit_test.hpp>

using namespace glomers;

namespace {
using models = boost::mpl::list<log_storage::ordered_map<3>, log_storage::sorted_vector<3>>;
std::vector<std::int64_t> offsets(std::vector<log_entry> const& run) {
  std::vector<std::int64_t> out;
  for (auto const& e : run) out.push_back(e.offset);
  return out;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(log_storage_test)

BOOST_AUTO_TEST_CASE_TEMPLATE(sparse_out_of_order_inserts, S, models) {
  S s;
  BOOST_TEST(!s.last_offset("k"));
  BOOST_TEST(s.insert("k", 4, json::value(40)));
  BOOST_TEST(s.insert("k", 10, json::value(100)));
  BOOST_TEST(s.insert("k", 7, json::value(70)));  // behind the end
  BOOST_TEST(s.insert("k", 0, json::value(0)));
  BOOST_TEST(!s.insert("k", 7, json::value(71)));  // taken: kept as it was
  BOOST_TEST(s.insert("other", 7, json::value("x")));
  BOOST_TEST(*s.last_offset("k") == 10);
  BOOST_TEST(s.size("k") == 4u);
  BOOST_TEST(s.size("none") == 0u);
  auto run = s.read("k", 1, 100);
  BOOST_TEST(offsets(run) == (std::vector<std::int64_t>{4, 7, 10}));
  BOOST_TEST(run[1].msg == json::value(70));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(reads_are_bounded_and_capped, S, models) {
  S s;
  for (std::int64_t o = 0; o < 10; ++o) s.insert("k", o * 2, json::value(o));
  BOOST_TEST(offsets(s.read("k", 3, 9)) == (std::vector<std::int64_t>{4, 6, 8}));
  BOOST_TEST(offsets(s.read("k", 3, 8)) == (std::vector<std::int64_t>{4, 6}));  // below is exclusive
  BOOST_TEST(offsets(s.read("k", 0, 100)) == (std::vector<std::int64_t>{0, 2, 4}));  // poll_max 3
  BOOST_TEST(s.read("k", 19, 100).empty());
  BOOST_TEST(s.read("missing", 0, 100).empty());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(committed_offsets_only_grow, S, models) {
  S s;
  BOOST_TEST(!s.committed("k"));
  s.commit("k", 5);
  s.commit("k", 3);
  BOOST_TEST(*s.committed("k") == 5);
  s.commit("k", 9);
  BOOST_TEST(*s.committed("k") == 9);
  BOOST_TEST(!s.committed("j"));
}

BOOST_AUTO_TEST_CASE(entries_travel_as_pairs) {
  auto v = boost::json::value_from(log_entry{3, json::value("m")});
  BOOST_TEST(v == (json::array{3, "m"}));
  BOOST_TEST((boost::json::value_to<log_entry>(v) == log_entry{3, json::value("m")}));
  BOOST_CHECK_THROW(boost::json::value_to<log_entry>(json::value(json::array{3})), json::decode_error);
}

BOOST_AUTO_TEST_SUITE_END()
