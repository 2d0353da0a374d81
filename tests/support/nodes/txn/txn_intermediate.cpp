// txn-rw-register test node, mode intermediate: see txn_node.hpp. Deliberately broken: a key written twice in a txn keeps the first write (G1b).
#include "maelstrom/run.hpp"
#include "tests/support/nodes/txn/txn_node.hpp"

template <class Runtime>
using node = glomers::testing::txn_node<Runtime, glomers::testing::txn_mode::intermediate>;

int main() { return glomers::run<node>(); }
