// Deliberately broken: floods each value once, never retries, so partitions lose values.
#include "maelstrom/run.hpp"
#include "tests/support/nodes/set_node.hpp"

template <class Runtime>
using node = glomers::testing::flood_set_node<Runtime, false>;

int main() { return glomers::run<node>(); }
