// A txn node of the design named by GLOMERS_TXN_DESIGN (a member of glomers::txn_designs), for
// running any design of the comparison under the real or the local Maelstrom, e.g.
// bazel-bin/challenges/txn/txn_rc_eager.
#include "challenges/txn/designs.hpp"
#include "maelstrom/run.hpp"

#ifndef GLOMERS_TXN_DESIGN
#error "define GLOMERS_TXN_DESIGN to a design of glomers::txn_designs"
#endif

template <class Runtime>
using node = glomers::txn_server<Runtime, glomers::txn_designs::GLOMERS_TXN_DESIGN>;

int main() { return glomers::run<node>(); }
