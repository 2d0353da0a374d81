// Challenge 4 with adds acknowledged only once durable in seq-kv: passes the Fly.io line and
// also survives our kill fault (--nemesis kill,partition).
#include "challenges/counter.hpp"
#include "maelstrom/run.hpp"
#include "policies/counter/crdt.hpp"

template <class Runtime>
using node = glomers::counter_server<Runtime, glomers::counter::crdt<500, 100, true>>;

int main() { return glomers::run<node>(); }
