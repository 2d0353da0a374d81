// Broken: a poll returns the next message of a busy key before anyone sent it (G1c-realtime).
#include "maelstrom/run.hpp"
#include "tests/support/nodes/kafka/kafka_log_node.hpp"

template <class Runtime>
using node = glomers::testing::kafka_log_node<Runtime, glomers::testing::kafka_flaw::clairvoyant>;

int main() { return glomers::run<node>(); }
