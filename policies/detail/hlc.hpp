// Hybrid logical clock stamps and the last-writer-wins rule for txn replicas.
//
// A stamp is (wall_ms, logical, node): physical milliseconds as this node's clock saw them, a
// counter that orders events within one millisecond, and the writing node's index in the test's
// node list, which breaks ties between nodes. Stamps compare lexicographically, so every replica
// orders two versions of a key the same way: the larger stamp wins, whatever the arrival order.
//
// All writes of one write set share a stamp (and are told apart by their position in it): if
// each write had a stamp of its own, two transactions on two nodes could interleave their
// stamps (x: T1 < T2, y: T2 < T1), and the replicas would converge to a state no order of the
// transactions explains (G0, which even read uncommitted forbids).
//
// The clock never goes backwards and stays ahead of every stamp it has observed, so a
// transaction that read a version commits with a larger stamp than that version: writes that
// follow reads also follow them in the last-writer-wins order. Pure: time is an argument.
#pragma once

#include <algorithm>
#include <compare>
#include <cstdint>

namespace glomers::detail {

struct hlc_stamp {
  std::int64_t wall_ms = 0;
  std::int64_t logical = 0;
  std::int64_t node = 0;

  friend constexpr auto operator<=>(hlc_stamp const&, hlc_stamp const&) = default;
};

class hlc {
 public:
  explicit hlc(std::int64_t node = 0) : node_(node) {}

  void set_node(std::int64_t node) noexcept { node_ = node; }
  std::int64_t node() const noexcept { return node_; }

  // A fresh stamp for a local event at physical time now_ms: larger than every stamp this clock
  // issued or observed.
  hlc_stamp tick(std::int64_t now_ms) noexcept {
    if (now_ms > wall_) {
      wall_ = now_ms;
      logical_ = 0;
    } else {
      ++logical_;
    }
    return {wall_, logical_, node_};
  }

  // A stamp seen from another node: later ticks exceed it.
  void observe(hlc_stamp const& s) noexcept {
    if (s.wall_ms > wall_) {
      wall_ = s.wall_ms;
      logical_ = s.logical;
    } else if (s.wall_ms == wall_) {
      logical_ = std::max(logical_, s.logical);
    }
  }

  // The last stamp's (wall, logical), for tests.
  std::int64_t wall_ms() const noexcept { return wall_; }
  std::int64_t logical() const noexcept { return logical_; }

 private:
  std::int64_t node_;
  std::int64_t wall_ = -1;
  std::int64_t logical_ = 0;
};

// The version of one write: its write set's stamp, then its position in that set (a set may
// write a key more than once; the later write is the newer version).
struct version_stamp {
  hlc_stamp at;
  std::int64_t seq = 0;

  friend constexpr auto operator<=>(version_stamp const&, version_stamp const&) = default;
};

// Last writer wins: does version `incoming` replace version `current`?
constexpr bool lww_replaces(version_stamp const& incoming, version_stamp const& current) noexcept {
  return incoming > current;
}

}  // namespace glomers::detail
