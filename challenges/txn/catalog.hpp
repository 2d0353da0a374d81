// Challenge 6's binaries and the other txn designs, the first row of the comparison first
// (eager read committed: no published txn solution exists to reproduce, see designs.hpp).
//   txn_6a  ./maelstrom test -w txn-rw-register --node-count 1 --time-limit 20 --rate 1000 --concurrency 2n --consistency-models read-uncommitted --availability total
//   txn_6b  ./maelstrom test -w txn-rw-register --node-count 2 --concurrency 2n --time-limit 20 --rate 1000 --consistency-models read-uncommitted [--availability total --nemesis partition]
//   txn_6c  ./maelstrom test -w txn-rw-register --node-count 2 --concurrency 2n --time-limit 20 --rate 1000 --consistency-models read-committed --availability total --nemesis partition
#pragma once

#include "challenges/catalog.hpp"
#include "challenges/txn/designs.hpp"

namespace glomers::catalog {

#define GLOMERS_TXN_ENTRY(entry_name, server_template, design, description) \
  struct entry_name {                                                      \
    static constexpr std::string_view name = #entry_name;                  \
    static constexpr std::string_view what = description;                  \
    template <class Runtime>                                               \
    using server = server_template<Runtime, txn_designs::design>;          \
  }

GLOMERS_TXN_ENTRY(txn_rc_eager, txn_server, rc_eager, "read committed, eager replication, repair 1 s (the first row)");
GLOMERS_TXN_ENTRY(txn_6a, txn_server, single, "challenge 6a: one node, read committed");
GLOMERS_TXN_ENTRY(txn_6b, txn_server, ru_eager, "challenge 6b: read uncommitted, eager replication, repair 1 s");
GLOMERS_TXN_ENTRY(txn_6c, txn_server, rc_batched, "challenge 6c: read committed, batched 100 ms, repair 1 s");
GLOMERS_TXN_ENTRY(txn_ru_batched, txn_server, ru_batched, "read uncommitted, batched 100 ms, repair 1 s");
GLOMERS_TXN_ENTRY(txn_rc_batched_500, txn_server, rc_batched_500, "read committed, batched 500 ms, repair 1 s");
GLOMERS_TXN_ENTRY(txn_list_append, txn_list_server, list_batched, "txn-list-append: lists merged by version, batched 100 ms, repair 1 s");

#undef GLOMERS_TXN_ENTRY

}  // namespace glomers::catalog
