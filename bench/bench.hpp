// What the design-comparison benchmarks share: their command-line flags, the validity column,
// and ratios against a baseline row.
#pragma once

#include "maelstrom/json.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace glomers::bench {

// `--name value` options and bare `--switch`es, in any order; the last of a name counts.
class flags {
 public:
  flags(int argc, char** argv) : args_(argv + 1, argv + argc) {}

  bool has(std::string_view name) const { return std::find(args_.begin(), args_.end(), name) != args_.end(); }

  // The word after the last `name` (fallback when there is none).
  std::string value(std::string_view name, std::string fallback) const {
    for (auto i = args_.size(); i-- > 1;) {
      if (args_[i - 1] == name) return args_[i];
    }
    return fallback;
  }

  std::uint64_t seed() const { return std::stoull(value("--seed", "1")); }

 private:
  std::vector<std::string> args_;
};

// The results' "valid?" as the tables print it: true, false or unknown.
inline std::string validity(json::object const& results) {
  auto const& v = results.at("valid?");
  return v.is_bool() ? (v.get_bool() ? "true" : "false") : "unknown";
}

// x relative to a baseline figure; 0 when the baseline has none.
inline double ratio(double x, double base) { return base > 0 ? x / base : 0.0; }

}  // namespace glomers::bench
