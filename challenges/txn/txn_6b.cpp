// Fly.io challenge 6b: ./maelstrom test -w txn-rw-register --node-count 2 --concurrency 2n --time-limit 20 --rate 1000 --consistency-models read-uncommitted [--availability total --nemesis partition] --bin txn_6b
#include "challenges/txn/designs.hpp"
#include "maelstrom/run.hpp"

template <class Runtime>
using node = glomers::txn_server<Runtime, glomers::txn_designs::ru_eager>;

int main() { return glomers::run<node>(); }
