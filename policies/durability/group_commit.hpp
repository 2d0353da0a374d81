// durability::group_commit<CommitMs> (seq-kv): a node's own values (those its clients gave it) live in seq-kv
// under "bc-<node>", written by group commit (detail::durable_key: at most one write per
// CommitMs); a client's broadcast is acknowledged once a write that includes it succeeded. A
// restarted node reads its values back at init and spreads them again; what it learnt from
// others comes back through repair. Cost: a write (two messages) per CommitMs per node while
// clients broadcast to it, and a seq-kv round trip plus up to CommitMs on each acknowledgement.
#pragma once

#include "maelstrom/kv.hpp"
#include "maelstrom/runtime/manual.hpp"
#include "policies/detail/durable_key.hpp"
#include "policies/durability.hpp"

#include <algorithm>

namespace glomers::durability {

template <std::int64_t CommitMs>
struct group_commit {
  template <runtime_policy Runtime>
  class model {
   public:
    using policy_role = role;

    model(node<Runtime>& n, std::function<std::vector<std::int64_t>()> own)
        : n_(n), own_(std::move(own)), key_(n, std::chrono::milliseconds(CommitMs), [this] {
            auto values = own_();
            std::sort(values.begin(), values.end());
            return json::value(json::array(values.begin(), values.end()));
          }) {}

    void recover(std::function<void(std::vector<std::int64_t>)> learn) {
      key_.recover("bc-" + n_.id(), [learn = std::move(learn)](std::optional<json::value> v) {
        std::vector<std::int64_t> values;
        if (v && v->is_array()) {
          for (auto const& e : v->as_array()) {
            if (e.is_int64()) values.push_back(e.get_int64());
          }
        }
        learn(std::move(values));
      });
    }

    void origin(std::int64_t, std::function<void(status)> ack) { key_.changed(std::move(ack)); }

   private:
    node<Runtime>& n_;
    std::function<std::vector<std::int64_t>()> own_;
    detail::durable_key<Runtime> key_;
  };
};

// Active models are checked on the hand-driven runtime.
static_assert(durability_model<group_commit<100>::model<runtime::manual>>);

}  // namespace glomers::durability
