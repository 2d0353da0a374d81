#include "policies/storage/dense_set.hpp"
#include "policies/storage/ordered_set.hpp"

#include <boost/mpl/list.hpp>
#include <boost/test/unit_test.hpp>

using namespace glomers;
using stores = boost::mpl::list<storage::ordered_set, storage::dense_set>;

BOOST_AUTO_TEST_SUITE(storage_test)

BOOST_AUTO_TEST_CASE_TEMPLATE(insert_contains_values, S, stores) {
  S s;
  BOOST_TEST(s.insert(5));
  BOOST_TEST(!s.insert(5));
  BOOST_TEST(s.insert(-3));
  BOOST_TEST(s.insert(0));
  BOOST_TEST(s.insert(std::int64_t{1} << 40));
  BOOST_TEST(s.contains(5));
  BOOST_TEST(!s.contains(4));
  BOOST_TEST(!s.contains(1000000));
  BOOST_TEST(s.size() == 4u);
  BOOST_TEST(s.values() == (std::vector<std::int64_t>{-3, 0, 5, std::int64_t{1} << 40}));
}

BOOST_AUTO_TEST_SUITE_END()
