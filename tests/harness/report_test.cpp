// results.edn: the results map written the way Maelstrom writes it, for tools that read it.
#include "harness/report.hpp"

#include <boost/test/unit_test.hpp>

using namespace glomers::harness;
namespace json = glomers::json;

BOOST_AUTO_TEST_SUITE(report_test)

BOOST_AUTO_TEST_CASE(results_as_edn) {
  auto const results = boost::json::parse(R"({
    "workload": {"valid?": "unknown", "stable-latencies": {"0": 0, "0.5": 84, "1": 120},
                 "lost": [1, 2], "error": "say \"hi\"", "duplicated": {"x": 2, "7": 3, "[1,2]": 2},
                 "never-read": [], "range": null},
    "stats": {"valid?": true, "by-f": {"read": {"ok-count": 3}}},
    "availability": {"valid?": false, "ok-fraction": 0.9},
    "valid?": false})");
  BOOST_TEST(to_edn(results) ==
             R"({:workload {:valid? :unknown, :stable-latencies {0 0, 0.5 84, 1 120}, :lost [1 2], )"
             R"(:error "say \"hi\"", :duplicated {"x" 2, 7 3, "[1,2]" 2}, :never-read [], :range nil}, )"
             R"(:stats {:valid? true, :by-f {:read {:ok-count 3}}}, )"
             R"(:availability {:valid? false, :ok-fraction 0.9}, :valid? false})");
}

BOOST_AUTO_TEST_SUITE_END()
