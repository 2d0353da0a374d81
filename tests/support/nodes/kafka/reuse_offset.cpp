// Broken: every 10th send overwrites the last offset of its key (inconsistent offsets).
#include "maelstrom/run.hpp"
#include "tests/support/nodes/kafka/kafka_log_node.hpp"

template <class Runtime>
using node = glomers::testing::kafka_log_node<Runtime, glomers::testing::kafka_flaw::reuse_offset>;

int main() { return glomers::run<node>(); }
