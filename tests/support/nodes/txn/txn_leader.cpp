// txn-rw-register test node, mode leader: see txn_node.hpp. Correct: every node forwards to the first, which runs txns atomically.
#include "maelstrom/run.hpp"
#include "tests/support/nodes/txn/txn_node.hpp"

template <class Runtime>
using node = glomers::testing::txn_node<Runtime, glomers::testing::txn_mode::leader>;

int main() { return glomers::run<node>(); }
