// log_design::replicator<IntervalMs, RetryMs>: pure, acknowledged batch replication of a node's
// own log entries to each peer, shared by the replicating log designs.
//
// Each peer gets at most one batch per IntervalMs and one in flight at a time; a batch carries
// every own entry the peer has not acknowledged (so a peer always holds a prefix of this node's
// entries, in assignment order) and a mark, a number the design wants the peer to learn (a
// watermark; 0 when unused). A batch not acknowledged within RetryMs is resent, with whatever
// is new. A batch is bounded (max_entries, ~max_bytes): a backlog drains over several. Idle (everything acknowledged, mark acknowledged): no batch, no deadline.
#pragma once

#include "policies/log_design.hpp"

#include <algorithm>
#include <chrono>
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
  std::int64_t mark;
  std::size_t upto;
};

template <std::int64_t IntervalMs, std::int64_t RetryMs>
class replicator {
 public:
  static constexpr std::size_t max_entries = 4096;      // per batch
  static constexpr std::size_t max_bytes = 256 * 1024;  // per batch, roughly, past the first entry
  static_assert(IntervalMs >= 0 && RetryMs > 0);
  using duration = std::chrono::nanoseconds;

  void add_peer(std::string const& id) { peers_.try_emplace(id); }
  void push(own_entry e) { own_.push_back(std::move(e)); }

  // The batches due now, given the mark to announce.
  std::vector<replication_batch> take_batches(duration now, std::int64_t mark) {
    std::vector<replication_batch> out;
    for (auto& [id, p] : peers_) {
      if (!has_news(p, mark) || now < due(p)) continue;
      // Bounded (~256 KiB, well under the 1 MiB a peer reads): the rest follows once this is
      // acknowledged. A cut batch's mark stops at its first entry left out (own offsets grow).
      std::size_t end = p.acked, bytes = 0;
      while (end < own_.size() && end - p.acked < max_entries && (end == p.acked || bytes < max_bytes)) {
        bytes += own_[end].key.size() + 24 + boost::json::serialize(own_[end].msg).size();
        ++end;
      }
      auto const m = end < own_.size() ? std::min(mark, own_[end].offset) : mark;
      out.push_back({id, {own_.begin() + static_cast<std::ptrdiff_t>(p.acked), own_.begin() + static_cast<std::ptrdiff_t>(end)}, m, end});
      p.in_flight = true;
      p.sent_at = now;
      p.sent_once = true;
    }
    return out;
  }

  // The peer stored the batch that carried own entries [.., upto) and mark.
  void on_ack(std::string const& peer, std::size_t upto, std::int64_t mark) {
    auto it = peers_.find(peer);
    if (it == peers_.end()) return;
    auto& p = it->second;
    p.acked = std::max(p.acked, upto);
    p.acked_mark = std::max(p.acked_mark, mark);
    p.in_flight = false;
  }

  std::optional<duration> next_deadline(std::int64_t mark) const {
    std::optional<duration> next;
    for (auto const& [id, p] : peers_) {
      if (!has_news(p, mark)) continue;
      auto const d = due(p);
      if (!next || d < *next) next = d;
    }
    return next;
  }

  std::size_t unacked(std::string const& peer) const {
    auto it = peers_.find(peer);
    return it == peers_.end() ? 0 : own_.size() - it->second.acked;
  }

 private:
  struct peer {
    std::size_t acked = 0;         // own_[0, acked) are stored there
    std::int64_t acked_mark = 0;   // the highest mark they acknowledged
    bool in_flight = false;
    bool sent_once = false;
    duration sent_at{0};
  };

  bool has_news(peer const& p, std::int64_t mark) const { return p.acked < own_.size() || p.acked_mark < mark; }
  duration due(peer const& p) const {
    if (!p.sent_once) return duration(0);
    auto const gap = p.in_flight ? std::chrono::milliseconds(RetryMs) : std::chrono::milliseconds(IntervalMs);
    return p.sent_at + gap;
  }

  std::vector<own_entry> own_;
  std::map<std::string, peer> peers_;
};

}  // namespace glomers::log_design
