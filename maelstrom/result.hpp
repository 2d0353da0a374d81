// result<T>: the value an asynchronous call produced, or the Maelstrom error it ended with.
// (std::expected is C++23; this is the small part of it the library needs.)
#pragma once

#include "maelstrom/errors.hpp"

#include <utility>
#include <variant>

namespace glomers {

template <class T>
class result {
 public:
  result(T v) : v_(std::in_place_index<0>, std::move(v)) {}
  result(error e) : v_(std::in_place_index<1>, std::move(e)) {}

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  // The value; throws the error when there is none.
  T& value() & {
    if (!ok()) throw std::get<1>(v_);
    return std::get<0>(v_);
  }
  T const& value() const& {
    if (!ok()) throw std::get<1>(v_);
    return std::get<0>(v_);
  }
  T&& value() && {
    if (!ok()) throw std::get<1>(v_);
    return std::get<0>(std::move(v_));
  }
  T const& operator*() const& { return value(); }
  T const* operator->() const { return &value(); }

  // The error; only meaningful when !ok().
  error const& err() const { return std::get<1>(v_); }
  // True when this result is an error with code c.
  bool failed_with(error_code c) const noexcept { return !ok() && err().is(c); }

 private:
  std::variant<T, error> v_;
};

struct ok_t {
  friend bool operator==(ok_t, ok_t) = default;
};

// Outcome of an operation with no value: result<void> spelled as result<ok_t>.
using status = result<ok_t>;

}  // namespace glomers
