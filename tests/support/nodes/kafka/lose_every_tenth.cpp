// Broken: every 10th send is acknowledged but never stored (lost writes).
#include "maelstrom/run.hpp"
#include "tests/support/nodes/kafka/kafka_log_node.hpp"

template <class Runtime>
using node = glomers::testing::kafka_log_node<Runtime, glomers::testing::kafka_flaw::lose_every_tenth>;

int main() { return glomers::run<node>(); }
