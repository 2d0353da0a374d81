// Broken: a poll of 3+ messages of a key leaves out the second one (int-poll-skip).
#include "maelstrom/run.hpp"
#include "tests/support/nodes/kafka/kafka_log_node.hpp"

template <class Runtime>
using node = glomers::testing::kafka_log_node<Runtime, glomers::testing::kafka_flaw::skip_within_poll>;

int main() { return glomers::run<node>(); }
