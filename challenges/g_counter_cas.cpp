// Challenge 4 with the other counting strategy: one seq-kv key updated by compare-and-set.
#include "challenges/counter.hpp"
#include "maelstrom/run.hpp"
#include "policies/counter/kv_cas.hpp"

template <class Runtime>
using node = glomers::counter_server<Runtime, glomers::counter::kv_cas<500, 500>>;

int main() { return glomers::run<node>(); }
