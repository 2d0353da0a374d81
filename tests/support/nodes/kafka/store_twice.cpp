// Broken: every 10th send is stored at two offsets (a duplicate).
#include "maelstrom/run.hpp"
#include "tests/support/nodes/kafka/kafka_log_node.hpp"

template <class Runtime>
using node = glomers::testing::kafka_log_node<Runtime, glomers::testing::kafka_flaw::store_twice>;

int main() { return glomers::run<node>(); }
