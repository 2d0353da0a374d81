// Role: log_design, for kafka. How a send gets its offset, how logs reach the nodes that answer
// polls, and where committed offsets live: the whole strategy behind the four kafka RPCs.
//
// Active (roles.hpp): a design talks to peers and services, so a model is
// `template <runtime_policy R> class model` constructed from node<R>&, before init; it registers
// handlers for its own messages (forwarding, replication), never for the client's. Pure parts
// (offset assignment, replication state) live beside it as value types and are tested alone.
//
// Required expressions, for a model type D, d of type D; every callback runs exactly once, from
// the run loop or inline, with a value or a Maelstrom error (a definite code only when the
// operation certainly did not take effect):
//   d.send(key, msg, done)         done(result<std::int64_t>): the offset msg was stored at. Per
//                                  key, one node's offsets only grow; offsets of a key are unique.
//   d.poll(offsets, done)          done(result<polled_logs>): for each requested key, a run of
//                                  the log starting at the first offset >= the requested one,
//                                  with nothing missing in between, ever (an offset may appear
//                                  later only above everything a poll returned); keys with
//                                  nothing may be left out. Every acknowledged send must
//                                  eventually be returned once the network heals.
//   d.commit(offsets, done)        done(status): the committed offsets become at least these
//   d.list_committed(keys, done)   done(result<offset_map>): committed offsets, never above what
//                                  some client committed; unknown keys left out
//
// Models: log_design::lin_kv_cas<Partitioning> (the published Go solution: offsets by
// compare-and-set on lin-kv, a lin-kv key per message), log_design::owner_forward<Partitioning,
// Storage, TimeoutMs> (the key's owner assigns and stores; other nodes forward to it, with
// timeouts and a circuit breaker), log_design::residue<Storage, IntervalMs, RetryMs> (any node
// assigns from its own residue class, replicates in acknowledged batches, and serves the prefix
// every peer has settled).
#pragma once

#include "maelstrom/result.hpp"
#include "policies/log_storage.hpp"

#include <functional>
#include <map>

namespace glomers {

using offset_map = std::map<std::string, std::int64_t>;
using polled_logs = std::map<std::string, std::vector<log_entry>>;

template <class D>
concept log_design_policy = plays<D, roles::log_design> &&
    requires(D& d, std::string const& key, json::value const& msg, offset_map const& offsets,
             std::vector<std::string> const& keys, std::function<void(result<std::int64_t>)> sent,
             std::function<void(result<polled_logs>)> polled, std::function<void(status)> committed,
             std::function<void(result<offset_map>)> listed) {
      d.send(key, msg, sent);
      d.poll(offsets, polled);
      d.commit(offsets, committed);
      d.list_committed(keys, listed);
    };

}  // namespace glomers
