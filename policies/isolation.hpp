// Role: isolation, for the txn workloads. What a transaction may see, and which of its writes
// other transactions may see, as sets of writes committed together.
//
// Sans-IO and stateless: the server hands the policy a transaction and a view of the committed
// store; the policy runs the micro-operations in order and returns the completed operations (reads
// filled in) and the write sets to commit, in order. The server stamps each write set with one
// clock stamp, applies it to its store at once (no other transaction runs in between: a node is
// single-threaded) and replicates it as one unit. Transactions never abort: every transaction
// runs to completion against whatever the replica holds (total availability).
//
// Context: reads see the local replica only; a missing key reads as null.
//
// Required expressions, for an isolation type I, a txn (std::vector<mop>) and a
// read_fn (std::optional<std::int64_t>(std::int64_t key)):
//   I::execute(txn, read) -> execution
//       results: the micro-operations with reads filled in, in the order given;
//       commits: the write sets to commit, in order; each a sequence of (key, value) writes, later
//       writes of a key newer than earlier ones.
//       May not call read after returning, and never sees the clock.
//
// Models: isolation::read_uncommitted (one write set per transaction holding every write in
// order, intermediate ones too), isolation::read_committed (one write set holding only the last
// write of each key: only the final values of a whole transaction become visible, all at once).
// A write set per write would let two transactions interleave their writes (see
// policies/detail/hlc.hpp): G0, which read uncommitted forbids too.
#pragma once

#include "policies/role.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace glomers {

// One micro-operation: a read ("r", value null until executed) or a write ("w").
struct mop {
  enum class kind { read, write };
  kind f = kind::read;
  std::int64_t key = 0;
  std::optional<std::int64_t> value;

  friend bool operator==(mop const&, mop const&) = default;
};

using write_set = std::vector<std::pair<std::int64_t, std::int64_t>>;  // (key, value), in order

struct execution {
  std::vector<mop> results;
  std::vector<write_set> commits;
};

using read_fn = std::function<std::optional<std::int64_t>(std::int64_t key)>;

template <class I>
concept isolation_policy = plays<I, roles::isolation> &&
                           requires(std::vector<mop> const& txn, read_fn const& read) {
                             { I::execute(txn, read) } -> std::same_as<execution>;
                           };

}  // namespace glomers
