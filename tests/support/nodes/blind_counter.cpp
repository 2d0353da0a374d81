// Counter test node, mode blind: see counter_node.hpp.
#include "maelstrom/run.hpp"
#include "tests/support/nodes/counter_node.hpp"

template <class Runtime>
using node = glomers::testing::counter_node<Runtime, glomers::testing::counter_mode::blind>;

int main() { return glomers::run<node>(); }
