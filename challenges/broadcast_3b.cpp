// Fly.io challenge 3b: ./maelstrom test -w broadcast --node-count 5 --time-limit 20 --rate 10 --bin broadcast_3b
#include "challenges/designs.hpp"
#include "maelstrom/run.hpp"

template <class Runtime>
using node = glomers::broadcast_server<Runtime, glomers::designs::flood_grid>;

int main() { return glomers::run<node>(); }
