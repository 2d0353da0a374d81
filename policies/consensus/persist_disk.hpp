// persistence::disk: term, vote, snapshot and log as one record ("raft-state") in the node's
// store (runtime storage()), replaced whole at each save and written before the event's
// messages leave (persist_record.hpp has the format). On the process host the store is the
// node's data directory, written temp + fsync + rename, so a SIGKILL at any instant leaves the
// record of the last save that returned; in the simulator it is the per-node store the host keeps
// across kills. Under the real Maelstrom there is no data directory: memory only (the runtime
// says so on stderr), never state of an earlier test.
//
// A save rewrites the whole log; the server compacts it every raft_config::snapshot_every
// applied entries, which bounds the record.
#pragma once

#include "policies/consensus/persist_record.hpp"

namespace glomers::persistence {

struct disk {
  using policy_role = roles::raft_persistence;
  static constexpr std::string_view record_name = "raft-state";

  explicit disk(node_store& s) : store_(s) {}

  void save(raft_hard_state const& hs) {
    store_.write(record_name, record::encode(hs));
    ++saves;
  }

  std::optional<raft_hard_state> load() {
    auto bytes = store_.read(record_name);
    if (!bytes) return std::nullopt;
    try {
      return record::decode(*bytes);
    } catch (persistence_error const& e) {
      throw persistence_error("the stored Raft state " + store_.where(record_name) + " has " + e.what() +
                              ": refusing to start rather than vote or acknowledge without it");
    }
  }

  std::size_t saves = 0;

 private:
  node_store& store_;
};

static_assert(raft_persistence_policy<disk>);

}  // namespace glomers::persistence
