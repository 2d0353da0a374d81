// Deliberately broken: prints a line that is not JSON before it answers init. Maelstrom stops
// reading its output at that line, so the init_ok after it is never read: the test aborts when
// init times out.
#include "maelstrom/node.hpp"
#include "maelstrom/runtime/stdio.hpp"

#include <unistd.h>

#include <cstdlib>

int main() {
  if (::write(1, "hello world\n", 12) != 12) std::abort();
  glomers::runtime::stdio rt;
  glomers::node<glomers::runtime::stdio> n(rt);
  return rt.run([&n](std::string_view line) { n.receive_line(line); });
}
