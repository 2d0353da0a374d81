#include "maelstrom/errors.hpp"

#include <boost/test/unit_test.hpp>

BOOST_AUTO_TEST_SUITE(errors_test)

BOOST_AUTO_TEST_CASE(table_matches_maelstrom) {
  using glomers::error_name;
  using glomers::is_definite;
  BOOST_TEST(error_name(0) == "timeout");
  BOOST_TEST(!is_definite(0));
  BOOST_TEST(error_name(10) == "not-supported");
  BOOST_TEST(is_definite(10));
  BOOST_TEST(is_definite(11));
  BOOST_TEST(is_definite(12));
  BOOST_TEST(!is_definite(13));
  BOOST_TEST(is_definite(14));
  BOOST_TEST(error_name(20) == "key-does-not-exist");
  BOOST_TEST(is_definite(20));
  BOOST_TEST(is_definite(21));
  BOOST_TEST(is_definite(22));
  BOOST_TEST(error_name(30) == "txn-conflict");
  BOOST_TEST(is_definite(30));
}

BOOST_AUTO_TEST_CASE(unknown_and_user_codes_are_indefinite) {
  BOOST_TEST(glomers::error_name(2) == "unknown");
  BOOST_TEST(!glomers::is_definite(2));
  BOOST_TEST(!glomers::is_definite(1000));
  BOOST_TEST(!glomers::is_definite(-1));
}

BOOST_AUTO_TEST_CASE(error_carries_code_and_text) {
  glomers::error e(glomers::error_code::precondition_failed, "current value 1 is not 2");
  BOOST_TEST(e.code() == 22);
  BOOST_TEST(e.is(glomers::error_code::precondition_failed));
  BOOST_TEST(e.definite());
  BOOST_TEST(e.name() == "precondition-failed");
  BOOST_TEST(e.text() == "current value 1 is not 2");
}

BOOST_AUTO_TEST_SUITE_END()
