// Deliberately broken: exits right after answering init.
#include "maelstrom/node.hpp"
#include "maelstrom/runtime/stdio.hpp"

#include <cstdlib>

int main() {
  glomers::runtime::stdio rt;
  glomers::node<glomers::runtime::stdio> n(rt);
  n.on_init([&] {
    rt.log("about to exit on purpose");
    rt.after(std::chrono::milliseconds(200), [] { std::exit(3); });
  });
  return rt.run([&n](std::string_view line) { n.receive_line(line); });
}
