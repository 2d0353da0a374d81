// Role: durability, for broadcast. When a client's value may be acknowledged.
//
// Like a counter model, a durability model is active (it writes to seq-kv through the node), so
// it is a template over the runtime: D::model<Runtime>, built on the node.
//
// Required expressions, for m of type D::model<Runtime>:
//   D::model<Runtime>(node, own)   own() -> std::vector<std::int64_t>: the values clients gave
//                                  this node, which the model keeps durable
//   m.recover(learn)               at init: learn(values) with what an earlier incarnation of
//                                  this node made durable (nothing, for a fresh node)
//   m.origin(value, ack)           a client gave this node value (already in own()); ack(status)
//                                  once it may be acknowledged
//
// Models: durability::none (acknowledge at once: cheapest; a node killed before its value left it
// loses the value), durability::group_commit<CommitMs> (acknowledge once a group-committed seq-kv write
// of this node's values includes it; nothing acknowledged is lost to a kill).
#pragma once

#include "policies/role.hpp"

#include "maelstrom/node.hpp"
#include "maelstrom/runtime/manual.hpp"

#include <concepts>
#include <cstdint>
#include <functional>
#include <vector>

namespace glomers {

template <class M>
concept durability_model = plays<M, roles::durability> && requires(M& m, std::function<void(std::vector<std::int64_t>)> learn,
                                    std::function<void(status)> ack) {
  m.recover(learn);
  m.origin(std::int64_t{0}, ack);
};

namespace durability {

using role = roles::durability;  // models declare `using policy_role = role;`

struct none {
  template <runtime_policy Runtime>
  struct model {
    using policy_role = role;
    model(node<Runtime>&, std::function<std::vector<std::int64_t>()>) {}
    void recover(std::function<void(std::vector<std::int64_t>)> const&) {}
    void origin(std::int64_t, std::function<void(status)> ack) { ack(status(ok_t{})); }
  };
};

static_assert(durability_model<none::model<runtime::manual>>);

}  // namespace durability
}  // namespace glomers
