// Validity of a simulated lin-kv run for the seed sweeps: every checker but :stats, with the
// failing part in the test log. (:stats is invalid when an op kind never succeeds: on a short
// line, every cas may meet a wrong from-value, about one run in a hundred at 10 s x rate 10,
// which says nothing about the store.)
#pragma once

#include "maelstrom/json.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

namespace glomers::testing {

inline bool valid_but_stats(json::object const& r) {
  bool ok = true;
  for (auto const& [k, v] : r) {
    if (k == "stats" || !v.is_object() || !v.as_object().contains("valid?") || v.at("valid?") == true) continue;
    BOOST_TEST_MESSAGE(std::string(k) << ": " << boost::json::serialize(v).substr(0, 3000));
    ok = false;
  }
  return ok;
}

}  // namespace glomers::testing
