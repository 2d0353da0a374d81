// Challenge 6's binaries and the other txn designs, the first row of the comparison first
// (eager read committed: no published txn solution exists to reproduce, see designs.hpp).
//   txn_6a  ./maelstrom test -w txn-rw-register --node-count 1 --time-limit 20 --rate 1000 --concurrency 2n --consistency-models read-uncommitted --availability total
//   txn_6b  ./maelstrom test -w txn-rw-register --node-count 2 --concurrency 2n --time-limit 20 --rate 1000 --consistency-models read-uncommitted [--availability total --nemesis partition]
//   txn_6c  ./maelstrom test -w txn-rw-register --node-count 2 --concurrency 2n --time-limit 20 --rate 1000 --consistency-models read-committed --availability total --nemesis partition
#pragma once

#include "challenges/catalog.hpp"
#include "challenges/txn/designs.hpp"

namespace glomers::catalog {

using txn_rc_eager = entry<"txn_rc_eager", "read committed, eager replication, repair 1 s (the first row)",
                           txn_server, txn_designs::rc_eager>;
using txn_6a = entry<"txn_6a", "challenge 6a: one node, read committed", txn_server, txn_designs::single>;
using txn_6b = entry<"txn_6b", "challenge 6b: read uncommitted, eager replication, repair 1 s",
                     txn_server, txn_designs::ru_eager>;
using txn_6c = entry<"txn_6c", "challenge 6c: read committed, batched 100 ms, repair 1 s",
                     txn_server, txn_designs::rc_batched>;
using txn_ru_batched = entry<"txn_ru_batched", "read uncommitted, batched 100 ms, repair 1 s",
                             txn_server, txn_designs::ru_batched>;
using txn_rc_batched_500 = entry<"txn_rc_batched_500", "read committed, batched 500 ms, repair 1 s",
                                 txn_server, txn_designs::rc_batched_500>;
using txn_list_append = entry<"txn_list_append", "txn-list-append: lists merged by version, batched 100 ms, repair 1 s",
                              txn_list_server, txn_designs::list_batched>;

}  // namespace glomers::catalog
