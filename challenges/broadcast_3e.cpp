// Fly.io challenge 3e: ./maelstrom test -w broadcast --node-count 25 --time-limit 20 --rate 100 --latency 100 --bin broadcast_3e
#include "challenges/designs.hpp"
#include "maelstrom/run.hpp"

template <class Runtime>
using node = glomers::broadcast_server<Runtime, glomers::designs::hub_frugal>;

int main() { return glomers::run<node>(); }
