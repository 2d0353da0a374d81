// repair::digest<PeriodMs>: every period, a summary to one node: on even turns the next
// neighbour, on odd turns the next of all peers (each in round-robin order). A star's leaves
// thus ask the hub every other period, and after a partition heals the hub, repaired by its
// leaves, passes what it learns on to everyone. Costs one message per node per period when
// nothing is missing, two or three when something is.
//
// Its exchange: have {all, settled, reply?, lo?, hi?}: every value the sender holds in the window
// [lo, hi] (absent: every int64), and those it has held for a while, each as inclusive [lo, hi]
// ranges. The receiver gossips back the values it has settled in the window and the sender
// lacks, and when the sender has settled values the receiver lacks, answers with its own have
// for the window (reply: true, never answered with another have).
// Bounded: a have carries at most max_ranges ranges (a sender holding more summarises a window
// of them, the next window in its next period, round and round) and an answer gives at most
// max_give values, the lowest first; what is left travels in later periods. Each message stays
// well under the 1 MiB a peer reads, and answering one costs time linear in its size.
#pragma once

#include "maelstrom/errors.hpp"
#include "policies/repair.hpp"

#include <boost/describe/class.hpp>

#include <algorithm>
#include <limits>
#include <optional>

namespace glomers::repair {

namespace digest_msgs {
using ranges = std::vector<std::vector<std::int64_t>>;  // [lo, hi] pairs, ascending, inclusive
struct have {
  static constexpr std::string_view type = "have";
  ranges all;
  ranges settled;
  std::optional<bool> reply;
  std::optional<std::int64_t> lo;  // the window the ranges describe (absent: every int64)
  std::optional<std::int64_t> hi;
};
BOOST_DESCRIBE_STRUCT(have, (), (all, settled, reply, lo, hi))
}  // namespace digest_msgs

template <std::int64_t PeriodMs>
class digest {
 public:
  static_assert(PeriodMs > 0);
  using policy_role = role;
  static constexpr std::chrono::nanoseconds period = std::chrono::milliseconds(PeriodMs);
  // Ranges per have (all and settled together: at most 43 bytes each, ~350 KB), values per
  // answer (at most 21 bytes each, ~340 KB).
  static constexpr std::size_t max_ranges = 8192;
  static constexpr std::size_t max_give = 16384;

  std::vector<std::string> poll(std::chrono::nanoseconds now, std::vector<std::string> const& neighbours,
                                std::vector<std::string> const& peers) {
    if (!started_) {
      started_ = true;
      next_ = now + period;
      return {};
    }
    if (now < next_) return {};
    next_ = now + period;
    bool const to_neighbour = turn_++ % 2 == 0 && !neighbours.empty();
    auto const& pool = to_neighbour ? neighbours : peers;
    auto& next = to_neighbour ? next_neighbour_ : next_peer_;
    if (pool.empty()) return {};
    return {pool[next++ % pool.size()]};
  }

  std::optional<std::chrono::nanoseconds> next_deadline() const {
    if (!started_) return std::chrono::nanoseconds(0);
    return next_;
  }

  using message = digest_msgs::have;

  // The summary of the window starting at the cursor; the next one starts after it.
  message opening(repair_holdings const& held) {
    auto m = summary(held, cursor_, max, false);
    cursor_ = m.hi && *m.hi != max ? *m.hi + 1 : min;
    return m;
  }

  repair_answer<message> answer(message const& h, repair_holdings const& held) const {
    auto const lo = h.lo.value_or(min), hi = h.hi.value_or(max);
    if (lo > hi) throw error(error_code::malformed_request, "have: the window is [lo, hi], lo <= hi");
    check(h.all);
    check(h.settled);
    repair_answer<message> out;
    // Settled values of ours in the gaps between the sender's ranges, inside the window.
    auto give = [&](std::int64_t a, std::int64_t b) {
      held.settled.each(a, b, [&](std::int64_t x, std::int64_t y) {
        for (auto v = x;; ++v) {
          if (out.give.size() == max_give) return false;
          out.give.push_back(v);
          if (v == y) return true;
        }
      });
      return out.give.size() < max_give;
    };
    auto from = lo;  // the first value not yet looked at
    bool more = true;
    for (auto const& r : h.all) {
      if (r[1] < from) continue;
      if (r[0] > hi) break;
      if (r[0] > from && !(more = give(from, r[0] - 1))) break;
      if (r[1] >= hi) {
        more = false;
        break;
      }
      from = r[1] + 1;
    }
    if (more) give(from, hi);
    if (!h.reply.value_or(false) && lacks_any(h.settled, held)) out.reply = summary(held, lo, hi, true);
    return out;
  }

 private:
  using ranges = digest_msgs::ranges;
  static constexpr std::int64_t min = std::numeric_limits<std::int64_t>::min();
  static constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();

  // What is held in [lo, limit], cut short where either list would pass half of max_ranges.
  static message summary(repair_holdings const& held, std::int64_t lo, std::int64_t limit, bool reply) {
    auto const hi = std::min(end_of_first(held.all, lo, limit), end_of_first(held.settled, lo, limit));
    message m{ranges_of(held.all, lo, hi), ranges_of(held.settled, lo, hi), reply ? std::optional<bool>(true) : std::nullopt,
              std::nullopt, std::nullopt};
    if (lo != min || hi != max) {
      m.lo = lo;
      m.hi = hi;
    }
    return m;
  }

  // Where the first max_ranges / 2 ranges in [lo, limit] end, or limit when there are no more.
  static std::int64_t end_of_first(range_set const& s, std::int64_t lo, std::int64_t limit) {
    std::size_t n = 0;
    std::int64_t end = limit, last = limit;
    s.each(lo, limit, [&](std::int64_t, std::int64_t b) {
      if (n++ == max_ranges / 2) {
        end = last;
        return false;
      }
      last = b;
      return true;
    });
    return end;
  }

  static ranges ranges_of(range_set const& s, std::int64_t lo, std::int64_t hi) {
    ranges out;
    s.each(lo, hi, [&](std::int64_t a, std::int64_t b) {
      out.push_back({a, b});
      return true;
    });
    return out;
  }

  // Ranges as a peer must send them: [lo, hi] pairs, ascending, apart.
  static void check(ranges const& rs) {
    std::optional<std::int64_t> prev;
    for (auto const& r : rs) {
      if (r.size() != 2 || r[0] > r[1] || (prev && r[0] <= *prev)) {
        throw error(error_code::malformed_request, "have: ranges are [lo, hi] pairs, lo <= hi, ascending and apart");
      }
      prev = r[1];
    }
  }

  static bool lacks_any(ranges const& rs, repair_holdings const& held) {
    return std::any_of(rs.begin(), rs.end(), [&](auto const& r) { return !held.all.covers(r[0], r[1]); });
  }

  bool started_ = false;
  std::chrono::nanoseconds next_{0};
  std::size_t turn_ = 0;
  std::size_t next_neighbour_ = 0;
  std::size_t next_peer_ = 0;
  std::int64_t cursor_ = min;  // where the next opening's window starts
};

static_assert(exchanging_repair<digest<1000>>);

}  // namespace glomers::repair
