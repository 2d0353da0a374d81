// A correct kafka service: n0 keeps the logs, the other nodes forward to it.
#include "maelstrom/run.hpp"
#include "tests/support/nodes/kafka/kafka_log_node.hpp"

template <class Runtime>
using node = glomers::testing::kafka_log_node<Runtime, glomers::testing::kafka_flaw::none>;

int main() { return glomers::run<node>(); }
