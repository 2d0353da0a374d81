// repair::digest<PeriodMs>: every period, a summary to one node: on even turns the next
// neighbour, on odd turns the next of all peers (each in round-robin order). A star's leaves
// thus ask the hub every other period, and after a partition heals the hub, repaired by its
// leaves, passes what it learns on to everyone. Costs one message per node per period when
// nothing is missing, two or three when something is.
//
// Its exchange: have {all, settled, reply?}: every value the sender holds, and those it has held
// for a while, each as inclusive [lo, hi] ranges. The receiver gossips back the values it has
// settled and the sender lacks, and when the sender has settled values the receiver lacks,
// answers with its own have (reply: true, never answered with another have).
#pragma once

#include "maelstrom/errors.hpp"
#include "policies/repair.hpp"

#include <boost/describe/class.hpp>

#include <algorithm>

namespace glomers::repair {

namespace digest_msgs {
using ranges = std::vector<std::vector<std::int64_t>>;  // [lo, hi] pairs, ascending, inclusive
struct have {
  static constexpr std::string_view type = "have";
  ranges all;
  ranges settled;
  std::optional<bool> reply;
};
BOOST_DESCRIBE_STRUCT(have, (), (all, settled, reply))
}  // namespace digest_msgs

template <std::int64_t PeriodMs>
class digest {
 public:
  static_assert(PeriodMs > 0);
  using policy_role = role;
  static constexpr std::chrono::nanoseconds period = std::chrono::milliseconds(PeriodMs);

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

  message opening(repair_holdings const& held) const { return summary(held, false); }

  repair_answer<message> answer(message const& h, repair_holdings const& held) const {
    check(h.all);
    check(h.settled);
    repair_answer<message> out;
    for (auto v : held.settled) {
      if (!contains(h.all, v)) out.give.push_back(v);
    }
    if (!h.reply.value_or(false) && lacks_any(h.settled, held)) out.reply = summary(held, true);
    return out;
  }

 private:
  using ranges = digest_msgs::ranges;

  static message summary(repair_holdings const& held, bool reply) {
    return {ranges_of(held.all), ranges_of(held.settled), reply ? std::optional<bool>(true) : std::nullopt};
  }

  static ranges ranges_of(std::vector<std::int64_t> const& sorted) {
    ranges out;
    for (auto v : sorted) {
      if (!out.empty() && out.back()[1] + 1 == v) out.back()[1] = v;
      else out.push_back({v, v});
    }
    return out;
  }

  static bool contains(ranges const& rs, std::int64_t v) {
    auto it = std::upper_bound(rs.begin(), rs.end(), v, [](std::int64_t x, auto const& r) { return x < r.at(0); });
    return it != rs.begin() && v <= std::prev(it)->at(1);
  }

  static void check(ranges const& rs) {
    for (auto const& r : rs) {
      if (r.size() != 2 || r[0] > r[1]) throw error(error_code::malformed_request, "have: a range is [lo, hi], lo <= hi");
    }
  }

  static bool lacks_any(ranges const& rs, repair_holdings const& held) {
    for (auto const& r : rs) {
      for (auto v = r[0]; v <= r[1]; ++v) {
        if (!held.contains(v)) return true;
      }
    }
    return false;
  }

  bool started_ = false;
  std::chrono::nanoseconds next_{0};
  std::size_t turn_ = 0;
  std::size_t next_neighbour_ = 0;
  std::size_t next_peer_ = 0;
};

static_assert(exchanging_repair<digest<1000>>);

}  // namespace glomers::repair
