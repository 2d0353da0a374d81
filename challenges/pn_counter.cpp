// The pn-counter workload: ./maelstrom test -w pn-counter --bin pn_counter --node-count 3
//   --rate 100 --time-limit 20 --nemesis partition
#include "challenges/counter.hpp"
#include "maelstrom/run.hpp"
#include "policies/counter/crdt.hpp"

template <class Runtime>
using node = glomers::counter_server<Runtime, glomers::counter::crdt<500, 1000>>;

int main() { return glomers::run<node>(); }
