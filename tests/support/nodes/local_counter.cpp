// Counter test node, mode local: see counter_node.hpp.
#include "maelstrom/run.hpp"
#include "tests/support/nodes/counter_node.hpp"

template <class Runtime>
using node = glomers::testing::counter_node<Runtime, glomers::testing::counter_mode::local>;

int main() { return glomers::run<node>(); }
