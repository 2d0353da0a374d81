// Broken: every 10th send is stored but answered with a definite error (G1a).
#include "maelstrom/run.hpp"
#include "tests/support/nodes/kafka/kafka_log_node.hpp"

template <class Runtime>
using node = glomers::testing::kafka_log_node<Runtime, glomers::testing::kafka_flaw::fail_but_store>;

int main() { return glomers::run<node>(); }
