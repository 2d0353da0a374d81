// Deliberately broken: prints a line that is not JSON after init.
#include "maelstrom/node.hpp"
#include "maelstrom/runtime/stdio.hpp"

#include <unistd.h>

#include <cstdlib>

int main() {
  glomers::runtime::stdio rt;
  glomers::node<glomers::runtime::stdio> n(rt);
  n.on_init([&] {
    rt.after(std::chrono::milliseconds(100), [] {
      if (::write(1, "hello world\n", 12) != 12) std::abort();
    });
  });
  return rt.run([&n](std::string_view line) { n.receive_line(line); });
}
