// lin-kv on Raft, design lin_kv_designs::raft_lease_hold (challenges/lin_kv/designs.hpp).
//   ./maelstrom test -w lin-kv --bin lin_kv --time-limit 10 --node-count 3 --concurrency 2n --rate 10
#include "challenges/lin_kv/designs.hpp"
#include "maelstrom/run.hpp"

int main() { return glomers::run<glomers::lin_kv_with<glomers::lin_kv_designs::raft_lease_hold>::server>(); }
