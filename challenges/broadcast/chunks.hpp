// gossip_chunks: what keeps every gossip message a broadcast node sends bounded. A batch of
// values (from the gossip policy, or given by repair) goes out in messages of at most max_values
// values; a batch the policy wants acknowledged gets a wire ack id per message, and counts as
// acknowledged (the policy's own id) once every one of its messages is. A batch that fits one
// message is sent exactly as before, one wire id for one policy id.
#pragma once

#include "maelstrom/detail/pieces.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace glomers {

class gossip_chunks {
 public:
  // At most 21 bytes a value: ~340 KB, well under the 1 MiB a peer reads.
  static constexpr std::size_t max_values = 16384;
  // Wire ids remembered at most (the oldest are forgotten: their batch is never acknowledged,
  // and the policy resends it as it would a lost one).
  static constexpr std::size_t max_pending = 4096;

  using send_fn = std::function<void(std::vector<std::int64_t>, std::optional<std::uint64_t> wire_ack)>;

  // Sends values to `to` in bounded messages; with ack, each carries a wire id of its own.
  void send(std::string const& to, std::vector<std::int64_t> const& values, std::optional<std::uint64_t> ack,
            send_fn const& send) {
    if (values.empty() && !ack) return;
    auto const parts = detail::for_each_piece(values, max_values, [&](std::vector<std::int64_t> part) {
      send(std::move(part), ack ? std::optional(track(to, *ack)) : std::nullopt);
    }, true);
    finish(ack, parts);
  }

  // `from` acknowledged a wire id: the policy's id when that completes its batch.
  std::optional<std::uint64_t> acked(std::string const& from, std::uint64_t wire) {
    auto it = batch_of_.find(wire);
    if (it == batch_of_.end() || it->second.first != from) return std::nullopt;
    auto const batch = it->second.second;
    batch_of_.erase(it);
    auto left = left_.find(batch);
    if (left == left_.end() || --left->second > 0) return std::nullopt;
    left_.erase(left);
    return batch;
  }

 private:
  std::uint64_t track(std::string const& to, std::uint64_t batch) {
    if (batch_of_.size() >= max_pending) {
      left_.erase(batch_of_.begin()->second.second);
      batch_of_.erase(batch_of_.begin());
    }
    batch_of_[++last_wire_] = {to, batch};
    return last_wire_;
  }
  void finish(std::optional<std::uint64_t> ack, std::size_t parts) {
    if (ack) left_[*ack] = parts;
  }

  std::map<std::uint64_t, std::pair<std::string, std::uint64_t>> batch_of_;  // wire id -> (to, the policy's id)
  std::map<std::uint64_t, std::size_t> left_;        // the policy's id -> messages not yet acked
  std::uint64_t last_wire_ = 0;
};

}  // namespace glomers
