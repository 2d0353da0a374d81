// txn-rw-register test node, mode local: see txn_node.hpp. Deliberately broken: each node keeps its own copy and never replicates (divergent replicas).
#include "maelstrom/run.hpp"
#include "tests/support/nodes/txn/txn_node.hpp"

template <class Runtime>
using node = glomers::testing::txn_node<Runtime, glomers::testing::txn_mode::local>;

int main() { return glomers::run<node>(); }
