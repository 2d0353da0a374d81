// log_design::residue_state<Storage, IntervalMs, RetryMs>: the pure part of log_design::residue.
//
// Offsets. Node i of N assigns offsets for any key from its residue class (offset % N == i), so
// two nodes never pick the same offset, and with no one to ask. Each node keeps a floor: every
// offset it assigns from now on is at least the floor, and above every offset it holds for that
// key (so a client's sends to a key through one node move forward). The floor rises past each
// assignment and, Lamport-style, to every watermark a peer reports.
//
// Replication. A node sends each peer its own new entries in batches (at most one per
// IntervalMs, one in flight at a time), each carrying every entry the peer has not acknowledged
// plus the watermark "every entry of mine below W is in this batch or an earlier acknowledged
// one", W = the floor when the batch left. An unacknowledged batch is resent after RetryMs.
//
// Settling. A node may only answer polls with offsets below min(own floor, every peer's
// watermark): below that line it holds every entry that will ever exist, so a run it returns
// has no gaps and no offset can later appear inside it (which the checker would report as a
// skip, or as a write lost behind a poll). Entries above the line wait; sends never do.
// Committed offsets are node-local maxima: lower than the cluster's, which is safe.
#pragma once

#include "policies/log_design.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <optional>

namespace glomers::log_design {

struct own_entry {
  std::string key;
  std::int64_t offset;
  json::value msg;
};

// What a node sends a peer: `entries` are its own entries [acked, upto) in assignment order.
struct replication_batch {
  std::string to;
  std::vector<own_entry> entries;
  std::int64_t watermark;
  std::size_t upto;
};

template <log_storage_policy Storage, std::int64_t IntervalMs, std::int64_t RetryMs>
class residue_state {
 public:
  static_assert(IntervalMs >= 0 && RetryMs > 0);
  using duration = std::chrono::nanoseconds;

  // Called once the node knows the cluster: self's index decides its residue class.
  void start(std::string const& self, std::vector<std::string> const& nodes) {
    count_ = static_cast<std::int64_t>(std::max<std::size_t>(nodes.size(), 1));
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (nodes[i] == self) index_ = static_cast<std::int64_t>(i);
      else peers_.try_emplace(nodes[i]);
    }
  }

  // Assigns msg an offset for key, stores it and queues it for every peer.
  std::int64_t append(std::string const& key, json::value const& msg) {
    auto base = floor_;
    if (auto last = storage_.last_offset(key)) base = std::max(base, *last + 1);
    auto const offset = base + ((index_ - base % count_) % count_ + count_) % count_;
    storage_.insert(key, offset, msg);
    own_.push_back({key, offset, msg});
    floor_ = offset + 1;
    return offset;
  }

  // A peer's batch: its entries, then its watermark.
  void receive(std::string const& from, std::vector<own_entry> const& entries, std::int64_t watermark) {
    for (auto const& e : entries) storage_.insert(e.key, e.offset, e.msg);
    auto it = peers_.find(from);
    if (it == peers_.end()) return;
    it->second.watermark = std::max(it->second.watermark, watermark);
    floor_ = std::max(floor_, watermark);
  }

  // Everything below this offset is settled: known here, and nothing new can land below it.
  std::int64_t settled() const {
    auto s = floor_;
    for (auto const& [id, p] : peers_) s = std::min(s, p.watermark);
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

  // The batches due now; each is sent once and answered by an acknowledgement.
  std::vector<replication_batch> take_batches(duration now) {
    std::vector<replication_batch> out;
    for (auto& [id, p] : peers_) {
      if (!has_news(p) || now < due(p)) continue;
      replication_batch b{id, {own_.begin() + static_cast<std::ptrdiff_t>(p.acked), own_.end()}, floor_, own_.size()};
      p.in_flight = true;
      p.sent_at = now;
      p.sent_once = true;
      out.push_back(std::move(b));
    }
    return out;
  }

  // The peer stored the batch that carried [.., upto) and watermark.
  void on_ack(std::string const& peer, std::size_t upto, std::int64_t watermark) {
    auto it = peers_.find(peer);
    if (it == peers_.end()) return;
    auto& p = it->second;
    p.acked = std::max(p.acked, upto);
    p.acked_watermark = std::max(p.acked_watermark, watermark);
    p.in_flight = false;
  }

  std::optional<duration> next_deadline() const {
    std::optional<duration> next;
    for (auto const& [id, p] : peers_) {
      if (!has_news(p)) continue;
      auto const d = due(p);
      if (!next || d < *next) next = d;
    }
    return next;
  }

  Storage const& storage() const noexcept { return storage_; }
  std::int64_t floor() const noexcept { return floor_; }
  std::size_t unacked(std::string const& peer) const {
    auto it = peers_.find(peer);
    return it == peers_.end() ? 0 : own_.size() - it->second.acked;
  }

 private:
  struct peer {
    std::int64_t watermark = 0;         // their entries below it are all here
    std::size_t acked = 0;              // own_[0, acked) are stored there
    std::int64_t acked_watermark = 0;   // the highest watermark they acknowledged
    bool in_flight = false;
    bool sent_once = false;
    duration sent_at{0};
  };

  bool has_news(peer const& p) const { return p.acked < own_.size() || p.acked_watermark < floor_; }
  duration due(peer const& p) const {
    if (!p.sent_once) return duration(0);
    auto const gap = p.in_flight ? std::chrono::milliseconds(RetryMs) : std::chrono::milliseconds(IntervalMs);
    return p.sent_at + gap;
  }

  Storage storage_;
  std::int64_t index_ = 0;
  std::int64_t count_ = 1;
  std::int64_t floor_ = 0;
  std::vector<own_entry> own_;
  std::map<std::string, peer> peers_;
};

}  // namespace glomers::log_design
