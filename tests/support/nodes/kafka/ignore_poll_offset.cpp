// Broken: polls return each log from offset 0 (nonmonotonic polls).
#include "maelstrom/run.hpp"
#include "tests/support/nodes/kafka/kafka_log_node.hpp"

template <class Runtime>
using node = glomers::testing::kafka_log_node<Runtime, glomers::testing::kafka_flaw::ignore_poll_offset>;

int main() { return glomers::run<node>(); }
