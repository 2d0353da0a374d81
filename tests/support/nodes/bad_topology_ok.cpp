// Deliberately broken: answers topology with a key its closed schema does not allow. Maelstrom's
// setup throws there and the test aborts.
#include "maelstrom/run.hpp"

template <class Runtime>
struct bad_topology_ok {
  explicit bad_topology_ok(glomers::node<Runtime>& n) {
    n.on("topology", [&n](glomers::message const& m) {
      n.reply(m, glomers::json::object{{"type", "topology_ok"}, {"note", "extra"}});
    });
  }
};

int main() { return glomers::run<bad_topology_ok>(); }
