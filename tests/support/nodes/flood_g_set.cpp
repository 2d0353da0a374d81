// A correct g-set: flood every new element to all peers, retrying until acknowledged.
#include "maelstrom/run.hpp"
#include "tests/support/nodes/set_node.hpp"

template <class Runtime>
using node = glomers::testing::flood_set_node<Runtime, true, true>;

int main() { return glomers::run<node>(); }
