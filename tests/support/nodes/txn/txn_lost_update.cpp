// txn-rw-register test node, mode lost_update: see txn_node.hpp. Deliberately broken: reads at once, writes 20 ms later without a lock (lost-update).
#include "maelstrom/run.hpp"
#include "tests/support/nodes/txn/txn_node.hpp"

template <class Runtime>
using node = glomers::testing::txn_node<Runtime, glomers::testing::txn_mode::lost_update>;

int main() { return glomers::run<node>(); }
