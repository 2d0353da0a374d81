// run<Server>(): the whole main() of a node binary. Builds the stdio runtime, the node and the
// server, then runs the loop until stdin closes.
#pragma once

#include "maelstrom/node.hpp"
#include "maelstrom/runtime/stdio.hpp"

namespace glomers {

template <template <class> class Server>
int run() {
  runtime::stdio rt;
  node<runtime::stdio> n(rt);
  Server<runtime::stdio> server(n);
  rt.line_max_bytes = n.limits().max_line_bytes;  // after the server, which may raise it
  return rt.run([&n](std::string_view line) { n.receive_line(line); });
}

}  // namespace glomers
