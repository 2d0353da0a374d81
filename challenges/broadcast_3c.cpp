// Fly.io challenge 3c: ./maelstrom test -w broadcast --node-count 5 --time-limit 20 --rate 10 --nemesis partition --bin broadcast_3c
#include "challenges/designs.hpp"
#include "maelstrom/run.hpp"

template <class Runtime>
using node = glomers::broadcast_server<Runtime, glomers::designs::acked_grid>;

int main() { return glomers::run<node>(); }
