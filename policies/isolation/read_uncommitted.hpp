// isolation::read_uncommitted: no write buffer to collapse. A transaction commits every write it
// made, in order, intermediate ones too, as one write set (one stamp, later writes newer), so
// the writes of two transactions never interleave (no G0). What it gives up against
// read_committed is only what the single-threaded node cannot show anyway: a replica applies a
// write set at once, so the intermediate writes it carries are overwritten before anyone reads.
// It costs their bytes on the wire.
#pragma once

#include "policies/isolation.hpp"

#include <map>

namespace glomers::isolation {

struct read_uncommitted {
  using policy_role = roles::isolation;

  static execution execute(std::vector<mop> const& txn, read_fn const& read) {
    execution out;
    write_set all;
    std::map<std::int64_t, std::int64_t> own;  // what later reads of this transaction see
    out.results.reserve(txn.size());
    for (auto m : txn) {
      if (m.f == mop::kind::write) {
        all.emplace_back(m.key, m.value.value_or(0));
        own[m.key] = m.value.value_or(0);
      } else if (auto it = own.find(m.key); it != own.end()) {
        m.value = it->second;
      } else {
        m.value = read(m.key);
      }
      out.results.push_back(m);
    }
    if (!all.empty()) out.commits.push_back(std::move(all));
    return out;
  }
};

static_assert(isolation_policy<read_uncommitted>);

}  // namespace glomers::isolation
