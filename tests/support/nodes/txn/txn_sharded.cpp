// txn-rw-register test node, mode sharded: see txn_node.hpp. Deliberately broken: per-key owners run micro-ops one by one (G0 once final reads order versions).
#include "maelstrom/run.hpp"
#include "tests/support/nodes/txn/txn_node.hpp"

template <class Runtime>
using node = glomers::testing::txn_node<Runtime, glomers::testing::txn_mode::sharded>;

int main() { return glomers::run<node>(); }
