// run<Server>(): the whole main() of a node binary. Builds the stdio runtime, the node and the
// server, then runs the loop until stdin closes. A server that cannot be built (its stored state
// is unreadable, say) ends the process with status 1 and one line on stderr saying why.
#pragma once

#include "maelstrom/node.hpp"
#include "maelstrom/runtime/stdio.hpp"

#include <exception>
#include <optional>
#include <string>

namespace glomers {

template <template <class> class Server>
int run() {
  runtime::stdio rt;
  node<runtime::stdio> n(rt);
  std::optional<Server<runtime::stdio>> server;
  try {
    server.emplace(n);
  } catch (std::exception const& e) {
    rt.log(std::string("glomers: cannot start: ") + e.what());
    return 1;
  }
  rt.line_max_bytes = n.limits().max_line_bytes;  // after the server, which may raise it
  return rt.run([&n](std::string_view line) { n.receive_line(line); });
}

}  // namespace glomers
