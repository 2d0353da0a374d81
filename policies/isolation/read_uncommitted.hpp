// isolation::read_uncommitted: no write buffer. Every write is committed as it executes, as a
// write set of its own with its own stamp, and replicated as such, so a transaction that writes
// a key twice exposes the intermediate value to any replica that reads between the two (G1b is
// allowed here). Later reads of the same transaction see its writes because they are already in
// the store. What it still guarantees: no write is lost or reordered (no G0: writes of a key are
// ordered by their stamps everywhere).
#pragma once

#include "policies/isolation.hpp"

namespace glomers::isolation {

struct read_uncommitted {
  using policy_role = roles::isolation;

  static execution execute(std::vector<mop> const& txn, read_fn const& read) {
    execution out;
    write_set applied;  // what this transaction's earlier commits put in the store
    out.results.reserve(txn.size());
    for (auto m : txn) {
      if (m.f == mop::kind::write) {
        applied[m.key] = m.value.value_or(0);
        out.commits.push_back(write_set{{m.key, m.value.value_or(0)}});
      } else if (auto it = applied.find(m.key); it != applied.end()) {
        m.value = it->second;
      } else {
        m.value = read(m.key);
      }
      out.results.push_back(m);
    }
    return out;
  }
};

static_assert(isolation_policy<read_uncommitted>);

}  // namespace glomers::isolation
