// Helpers the workload checkers share.
#pragma once

#include "harness/history.hpp"

#include <string>

namespace glomers::harness {

namespace detail {

// The invocation of every completion, by completion index.
inline op const& invocation_of(history const& h, op const& completion) {
  return h.at(static_cast<std::size_t>(completion.invocation));
}

inline std::string text_of(json::value const& v) { return boost::json::serialize(v); }

}  // namespace detail

}  // namespace glomers::harness
