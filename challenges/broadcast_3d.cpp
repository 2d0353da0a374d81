// Fly.io challenge 3d: ./maelstrom test -w broadcast --node-count 25 --time-limit 20 --rate 100 --latency 100 --bin broadcast_3d
#include "challenges/designs.hpp"
#include "maelstrom/run.hpp"

template <class Runtime>
using node = glomers::broadcast_server<Runtime, glomers::designs::hub_batched>;

int main() { return glomers::run<node>(); }
