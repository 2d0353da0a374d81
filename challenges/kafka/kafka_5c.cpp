// Fly.io challenge 5c: ./maelstrom test -w kafka --bin kafka_5c --node-count 2 --concurrency 2n --time-limit 20 --rate 1000
// No coordination per operation: residue-class offsets, batched replication, settled polls.
#include "challenges/kafka/designs.hpp"
#include "maelstrom/run.hpp"

template <class Runtime>
using node = glomers::kafka_server<Runtime, glomers::kafka_designs::residue_sync>;

int main() { return glomers::run<node>(); }
