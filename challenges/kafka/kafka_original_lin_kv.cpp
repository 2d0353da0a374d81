// Kafka design original_lin_kv (challenges/kafka/designs.hpp), for comparisons:
// ./maelstrom test -w kafka --bin kafka_original_lin_kv --node-count 2 --concurrency 2n --time-limit 20 --rate 1000
#include "challenges/kafka/designs.hpp"
#include "maelstrom/run.hpp"

template <class Runtime>
using node = glomers::kafka_server<Runtime, glomers::kafka_designs::original_lin_kv>;

int main() { return glomers::run<node>(); }
