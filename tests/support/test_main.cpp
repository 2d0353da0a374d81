// The one translation unit that defines Boost.Test's main for every suite.
#define BOOST_TEST_MODULE glomers
#include <boost/test/unit_test.hpp>
