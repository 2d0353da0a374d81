// Deliberately broken: every node counts from 1, so nodes hand out the same ids.
#include "maelstrom/run.hpp"

template <class Runtime>
struct colliding_ids {
  std::int64_t next = 0;
  explicit colliding_ids(glomers::node<Runtime>& n) {
    n.on("generate", [this, &n](glomers::message const& m) {
      n.reply(m, glomers::json::object{{"type", "generate_ok"}, {"id", ++next}});
    });
  }
};

int main() { return glomers::run<colliding_ids>(); }
