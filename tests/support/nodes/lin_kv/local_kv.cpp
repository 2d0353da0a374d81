// lin-kv test node, mode local: see kv_node.hpp.
#include "maelstrom/run.hpp"
#include "tests/support/nodes/lin_kv/kv_node.hpp"

template <class Runtime>
using node = glomers::testing::kv_node<Runtime, glomers::testing::kv_mode::local>;

int main() { return glomers::run<node>(); }
