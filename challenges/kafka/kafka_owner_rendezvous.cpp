// Kafka design owner_rendezvous (challenges/kafka/designs.hpp), for comparisons:
// ./maelstrom test -w kafka --bin kafka_owner_rendezvous --node-count 2 --concurrency 2n --time-limit 20 --rate 1000
#include "challenges/kafka/designs.hpp"
#include "maelstrom/run.hpp"

template <class Runtime>
using node = glomers::kafka_server<Runtime, glomers::kafka_designs::owner_rendezvous>;

int main() { return glomers::run<node>(); }
