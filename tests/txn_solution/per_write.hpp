// A deliberately broken isolation model: every write is a write set of its own, so each gets a
// stamp of its own and two transactions on two nodes can interleave their stamps (x: T1 < T2,
// y: T2 < T1). Each replica converges, but to a state no order of the transactions explains:
// G0 once the final reads name each key's last version. Tests and the design comparison use it
// to show the convergence and G0 checks catch it.
#pragma once

#include "policies/isolation.hpp"

#include <map>

namespace glomers::testing {

struct per_write_isolation {
  using policy_role = roles::isolation;

  static execution execute(std::vector<mop> const& txn, read_fn const& read) {
    execution out;
    std::map<std::int64_t, std::int64_t> own;
    for (auto m : txn) {
      if (m.f == mop::kind::write) {
        own[m.key] = m.value.value_or(0);
        out.commits.push_back(write_set{{m.key, m.value.value_or(0)}});
      } else if (auto it = own.find(m.key); it != own.end()) {
        m.value = it->second;
      } else {
        m.value = read(m.key);
      }
      out.results.push_back(m);
    }
    return out;
  }
};

static_assert(isolation_policy<per_write_isolation>);

}  // namespace glomers::testing
