// Fly.io challenge 5a: ./maelstrom test -w kafka --bin kafka_5a --node-count 1 --concurrency 2n --time-limit 20 --rate 1000
// One node: the residue design's settled prefix is everything it holds, and it sends nothing.
#include "challenges/kafka/designs.hpp"
#include "maelstrom/run.hpp"

template <class Runtime>
using node = glomers::kafka_server<Runtime, glomers::kafka_designs::residue_sync>;

int main() { return glomers::run<node>(); }
