// Tolerant conversion between Boost.JSON values and typed message bodies.
//
// Boost 1.81's own Describe-based conversion rejects objects with extra or missing keys, but
// Maelstrom bodies always carry extra keys (msg_id, type, ...) and optional ones. The rules here:
//   * a described struct decodes from an object; keys it does not describe are ignored;
//   * a std::optional member may be absent (or null); any other absent member is an error;
//   * encoding omits empty optionals, so nothing is written as null unless the value is null;
//   * integers reject floats (Maelstrom's schemas do) and values outside their type's range;
//   * every error names the path.
#pragma once

#include <boost/describe/class.hpp>
#include <boost/describe/members.hpp>
#include <boost/json.hpp>
#include <boost/mp11/algorithm.hpp>

#include <concepts>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace glomers::json {

using boost::json::array;
using boost::json::object;
using boost::json::value;

// A value did not have the shape a decoder expected; what() names the path, e.g. "delta".
class decode_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

namespace detail {

template <class T>
inline constexpr bool is_optional_v = false;
template <class T>
inline constexpr bool is_optional_v<std::optional<T>> = true;

template <class T>
inline constexpr bool is_vector_v = false;
template <class T, class A>
inline constexpr bool is_vector_v<std::vector<T, A>> = true;

template <class T>
inline constexpr bool is_string_map_v = false;
template <class T, class C, class A>
inline constexpr bool is_string_map_v<std::map<std::string, T, C, A>> = true;

template <class T>
concept described_struct = boost::describe::has_describe_members<T>::value;

[[noreturn]] inline void fail(std::string_view path, std::string_view what) {
  throw decode_error(std::string(path.empty() ? "body" : path) + ": " + std::string(what));
}

inline std::string child(std::string_view path, std::string_view key) {
  return path.empty() ? std::string(key) : std::string(path) + "." + std::string(key);
}

}  // namespace detail

// Decodes v as T, reporting errors relative to path.
template <class T>
T decode(value const& v, std::string_view path = {});

// Encodes t; empty optionals in described structs are omitted.
template <class T>
value encode(T const& t);

template <class T>
T decode(value const& v, std::string_view path) {
  using detail::fail;
  if constexpr (std::is_same_v<T, value>) {
    return v;
  } else if constexpr (detail::is_optional_v<T>) {
    if (v.is_null()) return std::nullopt;
    return decode<typename T::value_type>(v, path);
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!v.is_bool()) fail(path, "expected a boolean");
    return v.get_bool();
  } else if constexpr (std::is_integral_v<T>) {
    // Out of T's range is an error, never a wrapped value (2^64-1 is not -1).
    if (v.is_int64()) {
      auto i = v.get_int64();
      if (std::is_unsigned_v<T> && i < 0) fail(path, "expected a non-negative integer");
      if (!std::in_range<T>(i)) fail(path, "integer out of range");
      return static_cast<T>(i);
    }
    if (v.is_uint64()) {
      if (!std::in_range<T>(v.get_uint64())) fail(path, "integer out of range");
      return static_cast<T>(v.get_uint64());
    }
    fail(path, "expected an integer");
  } else if constexpr (std::is_floating_point_v<T>) {
    if (!v.is_number()) fail(path, "expected a number");
    return static_cast<T>(v.to_number<double>());
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!v.is_string()) fail(path, "expected a string");
    return std::string(v.get_string());
  } else if constexpr (detail::is_vector_v<T>) {
    T out;
    if (v.is_null()) return out;  // Maelstrom treats null as an empty sequence
    if (!v.is_array()) fail(path, "expected an array");
    out.reserve(v.get_array().size());
    std::size_t i = 0;
    for (auto const& e : v.get_array()) {
      out.push_back(decode<typename T::value_type>(e, std::string(path) + "[" + std::to_string(i++) + "]"));
    }
    return out;
  } else if constexpr (detail::is_string_map_v<T>) {
    if (!v.is_object()) fail(path, "expected an object");
    T out;
    for (auto const& [k, e] : v.get_object()) {
      out.emplace(std::string(k), decode<typename T::mapped_type>(e, detail::child(path, k)));
    }
    return out;
  } else if constexpr (detail::described_struct<T>) {
    if (!v.is_object()) fail(path, "expected an object");
    auto const& o = v.get_object();
    T out{};
    using members = boost::describe::describe_members<T, boost::describe::mod_public>;
    boost::mp11::mp_for_each<members>([&](auto d) {
      using member_t = std::remove_cvref_t<decltype(out.*d.pointer)>;
      if (auto const* field = o.if_contains(d.name)) {
        out.*d.pointer = decode<member_t>(*field, detail::child(path, d.name));
      } else if constexpr (!detail::is_optional_v<member_t>) {
        fail(path, std::string("missing field '") + d.name + "'");
      }
    });
    return out;
  } else {
    return boost::json::value_to<T>(v);
  }
}

template <class T>
value encode(T const& t) {
  if constexpr (detail::is_optional_v<T>) {
    return t ? encode(*t) : value(nullptr);
  } else if constexpr (detail::is_vector_v<T>) {
    array a;
    a.reserve(t.size());
    for (auto const& e : t) a.push_back(encode(e));
    return a;
  } else if constexpr (detail::is_string_map_v<T>) {
    object o;
    for (auto const& [k, e] : t) o[k] = encode(e);
    return o;
  } else if constexpr (detail::described_struct<T>) {
    object o;
    using members = boost::describe::describe_members<T, boost::describe::mod_public>;
    boost::mp11::mp_for_each<members>([&](auto d) {
      auto const& field = t.*d.pointer;
      if constexpr (detail::is_optional_v<std::remove_cvref_t<decltype(field)>>) {
        if (!field) return;
      }
      o[d.name] = encode(field);
    });
    return o;
  } else {
    return boost::json::value_from(t);
  }
}

}  // namespace glomers::json
