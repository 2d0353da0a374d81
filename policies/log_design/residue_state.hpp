// log_design::residue_state<Storage, IntervalMs, RetryMs>: the pure part of log_design::residue.
//
// Offsets. Node i of N assigns offsets for any key from its residue class (offset % N == i), so
// two nodes never pick the same offset, and with no one to ask. Each node keeps a floor: every
// offset it assigns from now on is at least the floor, and above every offset it holds for that
// key (so a client's sends to a key through one node move forward). The floor rises past each
// assignment and, Lamport-style, to every watermark a peer reports.
//
// Replication (replicator.hpp). A node sends each peer its own new entries in batches (at most
// one per IntervalMs, one in flight at a time), each carrying every entry the peer has not
// acknowledged plus, as its mark, the watermark "every entry of mine below W is in this batch or
// an earlier acknowledged one", W = the floor when the batch left. An unacknowledged batch is
// resent after RetryMs.
//
// Settling. A node may only answer polls with offsets below min(own floor, every peer's
// watermark): below that line it holds every entry that will ever exist, so a run it returns
// has no gaps and no offset can later appear inside it (which the checker would report as a
// skip, or as a write lost behind a poll). Entries above the line wait; sends never do.
// Committed offsets are node-local maxima: lower than the cluster's, which is safe.
#pragma once

#include "policies/log_design/replicator.hpp"

#include <limits>

namespace glomers::log_design {

template <log_storage_policy Storage, std::int64_t IntervalMs, std::int64_t RetryMs>
class residue_state {
 public:
  using duration = std::chrono::nanoseconds;

  // Called once the node knows the cluster: self's index decides its residue class.
  void start(std::string const& self, std::vector<std::string> const& nodes) {
    count_ = static_cast<std::int64_t>(std::max<std::size_t>(nodes.size(), 1));
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (nodes[i] == self) {
        index_ = static_cast<std::int64_t>(i);
      } else {
        watermarks_.try_emplace(nodes[i], 0);
        replicator_.add_peer(nodes[i]);
      }
    }
  }

  // Assigns msg an offset for key, stores it and queues it for every peer.
  std::int64_t append(std::string const& key, json::value const& msg) {
    auto base = floor_;
    if (auto last = storage_.last_offset(key)) base = std::max(base, *last + 1);
    auto const offset = base + ((index_ - base % count_) % count_ + count_) % count_;
    storage_.insert(key, offset, msg);
    replicator_.push({key, offset, msg});
    floor_ = offset + 1;
    return offset;
  }

  // A peer's batch: its entries, then its watermark.
  void receive(std::string const& from, std::vector<own_entry> const& entries, std::int64_t watermark) {
    for (auto const& e : entries) storage_.insert(e.key, e.offset, e.msg);
    auto it = watermarks_.find(from);
    if (it == watermarks_.end()) return;
    it->second = std::max(it->second, watermark);
    floor_ = std::max(floor_, watermark);
  }

  // Everything below this offset is settled: known here, and nothing new can land below it.
  std::int64_t settled() const {
    auto s = floor_;
    for (auto const& [id, w] : watermarks_) s = std::min(s, w);
    return s;
  }

  polled_logs poll(offset_map const& offsets) const {
    polled_logs out;
    auto const below = settled();
    for (auto const& [key, from] : offsets) {
      auto run = storage_.read(key, from, below);
      if (!run.empty()) out.emplace(key, std::move(run));
    }
    return out;
  }

  void commit(offset_map const& offsets) {
    for (auto const& [key, offset] : offsets) storage_.commit(key, offset);
  }
  offset_map committed(std::vector<std::string> const& keys) const {
    offset_map out;
    for (auto const& key : keys) {
      if (auto c = storage_.committed(key)) out.emplace(key, *c);
    }
    return out;
  }

  // The batches due now (their mark is the watermark: the floor when they leave).
  std::vector<replication_batch> take_batches(duration now) { return replicator_.take_batches(now, floor_); }
  void on_ack(std::string const& peer, std::size_t upto, std::int64_t watermark) {
    replicator_.on_ack(peer, upto, watermark);
  }
  std::optional<duration> next_deadline() const { return replicator_.next_deadline(floor_); }

  Storage const& storage() const noexcept { return storage_; }
  std::int64_t floor() const noexcept { return floor_; }
  std::size_t unacked(std::string const& peer) const { return replicator_.unacked(peer); }

 private:
  Storage storage_;
  replicator<IntervalMs, RetryMs> replicator_;
  std::map<std::string, std::int64_t> watermarks_;  // a peer's entries below it are all here
  std::int64_t index_ = 0;
  std::int64_t count_ = 1;
  std::int64_t floor_ = 0;
};

}  // namespace glomers::log_design
