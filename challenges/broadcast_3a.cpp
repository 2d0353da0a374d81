// Fly.io challenge 3a: ./maelstrom test -w broadcast --node-count 1 --time-limit 20 --rate 10 --bin broadcast_3a
#include "challenges/designs.hpp"
#include "maelstrom/run.hpp"

template <class Runtime>
using node = glomers::broadcast_server<Runtime, glomers::designs::flood_grid>;

int main() { return glomers::run<node>(); }
