// Values compared the way Maelstrom's checkers and services compare them: Clojure's = and
// compare on JSON as Cheshire decodes it (integers are Longs, or BigIntegers past 2^63; other
// numbers are Doubles; arrays are vectors; objects are maps).
//
//   =        integers equal integers by value, doubles equal doubles by value (-0.0 = 0.0), but
//            an integer never equals a double (1 and 1.0 differ); maps ignore key order;
//            vectors compare elementwise.
//   compare  numbers by value across integers and doubles; strings, booleans (false < true) and
//            vectors (length first, then elementwise) among their own kind; nil before anything;
//            maps and mixed kinds are not comparable (Clojure throws ClassCastException).
#pragma once

#include "maelstrom/json.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace glomers::harness {

// compare on values Clojure cannot order (a map, a string against a number...).
class not_comparable : public std::domain_error {
 public:
  using std::domain_error::domain_error;
};

namespace detail {

inline bool is_integer(json::value const& v) { return v.is_int64() || v.is_uint64(); }

// -1, 0, 1 for two integers of either representation.
inline int compare_integers(json::value const& a, json::value const& b) {
  if (a.is_int64() && b.is_int64()) return a.get_int64() < b.get_int64() ? -1 : a.get_int64() > b.get_int64();
  if (a.is_uint64() && b.is_uint64()) return a.get_uint64() < b.get_uint64() ? -1 : a.get_uint64() > b.get_uint64();
  // One is int64, the other uint64: a negative int64 is below every uint64.
  bool const a_signed = a.is_int64();
  std::int64_t const s = a_signed ? a.get_int64() : b.get_int64();
  std::uint64_t const u = a_signed ? b.get_uint64() : a.get_uint64();
  int const signed_vs_unsigned = s < 0 ? -1 : static_cast<std::uint64_t>(s) < u ? -1 : static_cast<std::uint64_t>(s) > u;
  return a_signed ? signed_vs_unsigned : -signed_vs_unsigned;
}

inline double as_double(json::value const& v) {
  return v.is_double() ? v.get_double() : v.is_int64() ? static_cast<double>(v.get_int64()) : static_cast<double>(v.get_uint64());
}

inline std::string kind_name(json::value const& v) {
  switch (v.kind()) {
    case boost::json::kind::null: return "nil";
    case boost::json::kind::bool_: return "a boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
    case boost::json::kind::double_: return "a number";
    case boost::json::kind::string: return "a string";
    case boost::json::kind::array: return "a vector";
    case boost::json::kind::object: return "a map";
  }
  return "?";
}

}  // namespace detail

// Clojure's (= a b).
inline bool clojure_equal(json::value const& a, json::value const& b) {
  if (detail::is_integer(a) && detail::is_integer(b)) return detail::compare_integers(a, b) == 0;
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case boost::json::kind::null: return true;
    case boost::json::kind::bool_: return a.get_bool() == b.get_bool();
    case boost::json::kind::double_: return a.get_double() == b.get_double();
    case boost::json::kind::string: return a.get_string() == b.get_string();
    case boost::json::kind::array: {
      auto const& x = a.get_array();
      auto const& y = b.get_array();
      if (x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i) {
        if (!clojure_equal(x[i], y[i])) return false;
      }
      return true;
    }
    case boost::json::kind::object: {
      auto const& x = a.get_object();
      auto const& y = b.get_object();
      if (x.size() != y.size()) return false;
      for (auto const& [k, v] : x) {
        auto const* w = y.if_contains(k);
        if (!w || !clojure_equal(v, *w)) return false;
      }
      return true;
    }
    default: return false;
  }
}

// Clojure's (compare a b): negative, zero or positive; throws not_comparable where Clojure throws.
inline int clojure_compare(json::value const& a, json::value const& b) {
  if (a.is_null() || b.is_null()) return a.is_null() == b.is_null() ? 0 : a.is_null() ? -1 : 1;
  auto const fail = [&]() -> int {
    throw not_comparable("cannot compare " + detail::kind_name(a) + " with " + detail::kind_name(b) + ": " +
                         boost::json::serialize(a) + " and " + boost::json::serialize(b));
  };
  if (a.is_number() || b.is_number()) {
    if (!a.is_number() || !b.is_number()) return fail();
    if (detail::is_integer(a) && detail::is_integer(b)) return detail::compare_integers(a, b);
    double const x = detail::as_double(a), y = detail::as_double(b);
    return x < y ? -1 : x > y;
  }
  if (a.kind() != b.kind()) return fail();
  switch (a.kind()) {
    case boost::json::kind::bool_: return static_cast<int>(a.get_bool()) - static_cast<int>(b.get_bool());
    case boost::json::kind::string: {
      auto const x = a.get_string(), y = b.get_string();
      return x < y ? -1 : x > y;
    }
    case boost::json::kind::array: {
      auto const& x = a.get_array();
      auto const& y = b.get_array();
      if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
      for (std::size_t i = 0; i < x.size(); ++i) {
        if (int const c = clojure_compare(x[i], y[i])) return c;
      }
      return 0;
    }
    default: return fail();  // maps are not Comparable
  }
}

// A text that two values share exactly when they are clojure_equal: a key for maps and sets
// standing in for Clojure's hash maps (object keys sorted, -0.0 as 0.0, integers apart from
// doubles).
inline std::string value_key(json::value const& v) {
  switch (v.kind()) {
    case boost::json::kind::null: return "nil";
    case boost::json::kind::bool_: return v.get_bool() ? "true" : "false";
    case boost::json::kind::int64: return std::to_string(v.get_int64());
    case boost::json::kind::uint64: return std::to_string(v.get_uint64());
    case boost::json::kind::double_: {
      double const d = v.get_double() == 0.0 ? 0.0 : v.get_double();
      char buf[64];
      auto const [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
      return "d" + std::string(buf, end);
    }
    case boost::json::kind::string: return boost::json::serialize(v);
    case boost::json::kind::array: {
      std::string out = "[";
      for (auto const& e : v.get_array()) out += value_key(e) + ",";
      return out + "]";
    }
    case boost::json::kind::object: {
      std::vector<std::pair<std::string, std::string>> entries;
      for (auto const& [k, e] : v.get_object()) entries.emplace_back(boost::json::serialize(json::value(k)), value_key(e));
      std::sort(entries.begin(), entries.end());
      std::string out = "{";
      for (auto const& [k, e] : entries) out += k + ":" + e + ",";
      return out + "}";
    }
  }
  return "?";
}

// Sorts values with clojure_compare (throws not_comparable as Clojure's sort would).
inline void clojure_sort(std::vector<json::value>& values) {
  std::stable_sort(values.begin(), values.end(),
                   [](json::value const& a, json::value const& b) { return clojure_compare(a, b) < 0; });
}

}  // namespace glomers::harness
