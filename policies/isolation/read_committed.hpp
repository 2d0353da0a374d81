// isolation::read_committed: a transaction's writes are buffered and committed as one write set
// holding its last write of each key, so other transactions see none of its writes or all of
// its final ones: no dirty reads (G1a: nothing ever aborts), no intermediate reads (G1b). The
// transaction's own reads see its earlier writes.
#pragma once

#include "policies/isolation.hpp"

#include <map>

namespace glomers::isolation {

struct read_committed {
  using policy_role = roles::isolation;

  static execution execute(std::vector<mop> const& txn, read_fn const& read) {
    execution out;
    std::map<std::int64_t, std::int64_t> own;  // key -> this transaction's last write
    out.results.reserve(txn.size());
    for (auto m : txn) {
      if (m.f == mop::kind::write) {
        own[m.key] = m.value.value_or(0);
      } else if (auto it = own.find(m.key); it != own.end()) {
        m.value = it->second;
      } else {
        m.value = read(m.key);
      }
      out.results.push_back(m);
    }
    if (!own.empty()) out.commits.push_back(write_set(own.begin(), own.end()));
    return out;
  }
};

static_assert(isolation_policy<read_committed>);

}  // namespace glomers::isolation
