// Fly.io challenge 2: ./maelstrom test -w unique-ids --bin unique_ids --time-limit 30
//   --rate 1000 --node-count 3 --availability total --nemesis partition
#include "challenges/unique_ids.hpp"
#include "maelstrom/run.hpp"

template <class Runtime>
using unique_ids = glomers::unique_ids_server<Runtime, glomers::ids::node_counter>;

int main() { return glomers::run<unique_ids>(); }
