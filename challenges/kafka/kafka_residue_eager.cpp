// Kafka design residue_eager (challenges/kafka/designs.hpp), for comparisons:
// ./maelstrom test -w kafka --bin kafka_residue_eager --node-count 2 --concurrency 2n --time-limit 20 --rate 1000
#include "challenges/kafka/designs.hpp"
#include "maelstrom/run.hpp"

template <class Runtime>
using node = glomers::kafka_server<Runtime, glomers::kafka_designs::residue_eager>;

int main() { return glomers::run<node>(); }
