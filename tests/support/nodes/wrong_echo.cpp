// Deliberately broken: answers every echo with a different payload.
#include "maelstrom/run.hpp"

template <class Runtime>
struct wrong_echo {
  explicit wrong_echo(glomers::node<Runtime>& n) {
    n.on("echo", [&n](glomers::message const& m) {
      n.reply(m, glomers::json::object{{"type", "echo_ok"}, {"echo", "not what you said"}});
    });
  }
};

int main() { return glomers::run<wrong_echo>(); }
