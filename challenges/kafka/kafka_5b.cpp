// Fly.io challenge 5b: ./maelstrom test -w kafka --bin kafka_5b --node-count 2 --concurrency 2n --time-limit 20 --rate 1000
// Each key's owner (first byte of SHA-256) assigns its offsets; the other node forwards.
#include "challenges/kafka/designs.hpp"
#include "maelstrom/run.hpp"

template <class Runtime>
using node = glomers::kafka_server<Runtime, glomers::kafka_designs::owner_sha256>;

int main() { return glomers::run<node>(); }
