// repair::range_set: a set of int64 values kept as disjoint, non-adjacent inclusive ranges, so
// Maelstrom's dense broadcasts cost a few ranges and a summary of any window of the values is
// found in time logarithmic in the set (repair bounds its messages with it).
#pragma once

#include <cstdint>
#include <iterator>
#include <map>

namespace glomers::repair {

class range_set {
 public:
  // Adds v; true when it is new.
  bool insert(std::int64_t v) {
    auto next = r_.upper_bound(v);  // the first range starting after v
    auto prev = next == r_.begin() ? r_.end() : std::prev(next);
    if (prev != r_.end() && prev->second >= v) return false;
    // Here v lies strictly between prev's end and next's start: v - 1 and v + 1 cannot overflow
    // where they are computed.
    bool const joins_prev = prev != r_.end() && prev->second == v - 1;
    bool const joins_next = next != r_.end() && next->first == v + 1;
    if (joins_prev && joins_next) {
      prev->second = next->second;
      r_.erase(next);
    } else if (joins_prev) {
      prev->second = v;
    } else if (joins_next) {
      auto const hi = next->second;
      r_.emplace_hint(r_.erase(next), v, hi);
    } else {
      r_.emplace_hint(next, v, v);
    }
    ++size_;
    return true;
  }

  bool contains(std::int64_t v) const { return covers(v, v); }

  // Whether every value in [lo, hi] is held.
  bool covers(std::int64_t lo, std::int64_t hi) const {
    auto it = r_.upper_bound(lo);
    if (it == r_.begin()) return false;
    return std::prev(it)->second >= hi;
  }

  // Calls f(lo', hi') for each held range meeting [lo, hi], clipped to it, ascending, until f
  // returns false.
  template <class F>
  void each(std::int64_t lo, std::int64_t hi, F&& f) const {
    auto it = r_.upper_bound(lo);
    if (it != r_.begin() && std::prev(it)->second >= lo) --it;
    for (; it != r_.end() && it->first <= hi; ++it) {
      if (!f(it->first < lo ? lo : it->first, it->second > hi ? hi : it->second)) return;
    }
  }

  std::size_t ranges() const { return r_.size(); }
  std::size_t size() const { return size_; }

 private:
  std::map<std::int64_t, std::int64_t> r_;  // lo -> hi
  std::size_t size_ = 0;
};

}  // namespace glomers::repair
