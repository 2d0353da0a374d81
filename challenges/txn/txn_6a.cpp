// Fly.io challenge 6a: ./maelstrom test -w txn-rw-register --node-count 1 --time-limit 20 --rate 1000 --concurrency 2n --consistency-models read-uncommitted --availability total --bin txn_6a
#include "challenges/txn/designs.hpp"
#include "maelstrom/run.hpp"

template <class Runtime>
using node = glomers::txn_server<Runtime, glomers::txn_designs::single>;

int main() { return glomers::run<node>(); }
