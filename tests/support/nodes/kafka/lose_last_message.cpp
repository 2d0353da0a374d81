// Broken: message 16, the last a key gets, is acknowledged but never stored (unseen).
#include "maelstrom/run.hpp"
#include "tests/support/nodes/kafka/kafka_log_node.hpp"

template <class Runtime>
using node = glomers::testing::kafka_log_node<Runtime, glomers::testing::kafka_flaw::lose_last_message>;

int main() { return glomers::run<node>(); }
