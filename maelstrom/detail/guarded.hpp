// detail::guarded: runs a callback so that nothing it throws reaches the run loop (which would
// end the process): an escaping exception becomes one diagnostic line.
#pragma once

#include <exception>
#include <string>

namespace glomers::detail {

template <class Runtime, class F>
void guarded(Runtime& rt, char const* what, F&& f) noexcept {
  try {
    try {
      f();
    } catch (std::exception const& e) {
      rt.log(std::string("glomers: ") + what + " failed: " + e.what());
    } catch (...) {
      rt.log(std::string("glomers: ") + what + " failed");
    }
  } catch (...) {  // the log itself failed: nothing more to do
  }
}

}  // namespace glomers::detail
