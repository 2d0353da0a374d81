// txn-rw-register test node, mode aborted_read: see txn_node.hpp. Deliberately broken: some txns apply their writes, then answer a definite error (G1a).
#include "maelstrom/run.hpp"
#include "tests/support/nodes/txn/txn_node.hpp"

template <class Runtime>
using node = glomers::testing::txn_node<Runtime, glomers::testing::txn_mode::aborted_read>;

int main() { return glomers::run<node>(); }
