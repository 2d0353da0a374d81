// txn-list-append (no Fly.io challenge): ./maelstrom test -w txn-list-append --node-count 2 --concurrency 2n --time-limit 20 --rate 1000 --consistency-models read-uncommitted --availability total --nemesis partition --bin txn_list_append
#include "challenges/txn/designs.hpp"
#include "maelstrom/run.hpp"

template <class Runtime>
using node = glomers::txn_list_server<Runtime, glomers::txn_designs::list_batched>;

int main() { return glomers::run<node>(); }
