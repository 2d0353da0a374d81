// Linearizability of one compare-and-set register (Knossos's cas-register, initial value nil):
// Wing & Gong's search with Lowe's memoisation, as Porcupine runs it.
//
// Ops that completed ok take effect once between their invocation and their completion; ops
// whose outcome is unknown (info, or no completion) take effect once at any point after their
// invocation, or never. The search walks a list of call and return entries in history order:
// it tries to linearize a call that precedes the first pending return, moves on after each
// success, and backtracks when a return is reached whose op could not be placed. A cache of
// (linearized set, register value) prunes configurations already explored, so every reachable
// configuration is visited at most once.
//
// Two changes from Porcupine. Unknown ops are tried only after every ok call before the first
// return, so the search places them only when a later observation needs them (an unknown write
// that never happened costs nothing). And the linearized set is kept as (a prefix of the ok ops
// ordered by completion, plus the few others), so a cache entry costs a handful of words rather
// than a bitset over the whole key.
#pragma once

#include "harness/workloads/lin_kv/detail/config_cache.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

namespace glomers::harness::linearizable {

enum class reg_f : std::uint8_t { read, write, cas };

// Register values are interned: 0 is nil, other values are small positive ids.
inline constexpr std::int32_t nil_value = 0;

struct reg_op {
  reg_f f = reg_f::read;
  std::int32_t a = nil_value;  // read: the value read; write: the value; cas: from
  std::int32_t b = nil_value;  // cas: to
  std::int64_t call = 0;       // position of the invocation (history index)
  std::int64_t ret = -1;       // position of the ok completion; -1: unknown outcome
  bool unknown() const noexcept { return ret < 0; }
};

// The cas-register model: a read of nil is always legal (Knossos's rule).
inline std::optional<std::int32_t> step(std::int32_t state, reg_op const& o) noexcept {
  switch (o.f) {
    case reg_f::read:
      if (o.a == nil_value || o.a == state) return state;
      return std::nullopt;
    case reg_f::write:
      return o.a;
    case reg_f::cas:
      if (o.a == state) return o.b;
      return std::nullopt;
  }
  return std::nullopt;
}

// Exhausting either bound gives "unknown", never "valid".
struct search_budget {
  std::int64_t max_states = 5'000'000;              // cached configurations per key (~200 MB)
  std::chrono::milliseconds max_time{30'000};       // wall time per key
};

enum class verdict { valid, invalid, unknown };

struct search_result {
  verdict outcome = verdict::valid;
  std::int64_t states = 0;  // configurations explored (cache entries)
  std::int64_t steps = 0;   // lifts tried
  bool out_of_time = false;
  // Not valid: the ok op furthest in the history whose completion the search could not pass,
  // the register values it met there, and the last ops of one order that reached it.
  std::int32_t stuck = -1;
  std::vector<std::int32_t> stuck_states;
  std::vector<std::int32_t> stuck_order;
};

namespace detail {

class wgl_search {
 public:
  wgl_search(std::vector<reg_op> const& ops, search_budget budget) : ops_(ops), budget_(budget) {
    auto const n = static_cast<std::int32_t>(ops.size());
    linearized_.assign(ops.size(), 0);
    rank_.assign(ops.size(), -1);
    call_entry_.assign(ops.size(), -1);
    // Main list: calls and returns of ok ops in history order; entry e = 2*k (+1 for a return)
    // of the k-th ok op. Unknown ops live on their own list, by invocation.
    std::vector<std::int32_t> ok, unknown;
    for (std::int32_t i = 0; i < n; ++i) (ops[i].unknown() ? unknown : ok).push_back(i);
    std::sort(ok.begin(), ok.end(), [&](auto x, auto y) { return ops[x].ret < ops[y].ret; });
    for (std::size_t r = 0; r < ok.size(); ++r) rank_[ok[r]] = static_cast<std::int32_t>(r);
    by_rank_ = ok;
    std::vector<std::pair<std::int64_t, std::int32_t>> entries;  // (position, entry id)
    for (std::size_t k = 0; k < ok.size(); ++k) {
      entries.emplace_back(ops[ok[k]].call, static_cast<std::int32_t>(2 * k));
      entries.emplace_back(ops[ok[k]].ret, static_cast<std::int32_t>(2 * k + 1));
    }
    std::sort(entries.begin(), entries.end());
    head_ = static_cast<std::int32_t>(2 * ok.size());
    next_.assign(2 * ok.size() + 1, head_);
    prev_.assign(2 * ok.size() + 1, head_);
    std::int32_t last = head_;
    for (auto const& [pos, e] : entries) link_after(next_, prev_, last, e), last = e;
    for (std::size_t k = 0; k < ok.size(); ++k) call_entry_[ok[k]] = static_cast<std::int32_t>(2 * k);
    std::sort(unknown.begin(), unknown.end(), [&](auto x, auto y) { return ops[x].call < ops[y].call; });
    unknown_ = unknown;
    uhead_ = static_cast<std::int32_t>(unknown.size());
    unext_.assign(unknown.size() + 1, uhead_);
    uprev_.assign(unknown.size() + 1, uhead_);
    last = uhead_;
    for (std::int32_t u = 0; u < uhead_; ++u) link_after(unext_, uprev_, last, u), last = u;
    for (std::int32_t u = 0; u < uhead_; ++u) call_entry_[unknown[u]] = u;
  }

  search_result run();

 private:
  struct frame {
    std::int32_t op, state, old_prefix, bound_entry;
    std::uint32_t removed_from;
  };
  static void link_after(std::vector<std::int32_t>& nx, std::vector<std::int32_t>& pv, std::int32_t at,
                         std::int32_t e) {
    nx[e] = nx[at];
    pv[e] = at;
    pv[nx[at]] = e;
    nx[at] = e;
  }
  static void unlink(std::vector<std::int32_t>& nx, std::vector<std::int32_t>& pv, std::int32_t e) {
    nx[pv[e]] = nx[e];
    pv[nx[e]] = pv[e];
  }
  static void relink(std::vector<std::int32_t>& nx, std::vector<std::int32_t>& pv, std::int32_t e) {
    nx[pv[e]] = e;
    pv[nx[e]] = e;
  }
  std::int32_t op_of(std::int32_t entry) const { return by_rank_[entry / 2]; }
  std::int64_t pos_of(std::int32_t entry) const {
    auto const& o = ops_[op_of(entry)];
    return entry % 2 ? o.ret : o.call;
  }

  void lift(std::int32_t o, std::int32_t bound_entry);
  void unlift();
  bool cache_insert(std::int32_t state);  // false: already explored
  bool try_lift(std::int32_t o, std::int32_t bound_entry);
  void note_stuck(std::int32_t return_entry);

  std::vector<reg_op> const& ops_;
  search_budget budget_;
  std::vector<std::int32_t> rank_, by_rank_, call_entry_, unknown_;
  std::vector<std::int32_t> next_, prev_, unext_, uprev_;
  std::int32_t head_ = 0, uhead_ = 0;
  std::vector<char> linearized_;
  // The linearized set: ok ops of rank < prefix_, plus extra_ (sorted).
  std::int32_t prefix_ = 0;
  std::vector<std::int32_t> extra_, removed_;
  std::vector<frame> stack_;
  std::int32_t state_ = nil_value;
  config_cache cache_;
  search_result result_;
  std::int64_t stuck_pos_ = -1;
};

inline void wgl_search::lift(std::int32_t o, std::int32_t bound_entry) {
  stack_.push_back({o, state_, prefix_, bound_entry, static_cast<std::uint32_t>(removed_.size())});
  if (ops_[o].unknown()) {
    unlink(unext_, uprev_, call_entry_[o]);
  } else {
    unlink(next_, prev_, call_entry_[o]);
    unlink(next_, prev_, call_entry_[o] + 1);
  }
  linearized_[o] = 1;
  if (ops_[o].unknown() || rank_[o] >= prefix_) extra_.insert(std::lower_bound(extra_.begin(), extra_.end(), o), o);
  auto const n_ok = static_cast<std::int32_t>(by_rank_.size());
  while (prefix_ < n_ok && linearized_[by_rank_[prefix_]]) {
    auto const p = by_rank_[prefix_];
    extra_.erase(std::lower_bound(extra_.begin(), extra_.end(), p));
    removed_.push_back(p);
    ++prefix_;
  }
}

inline void wgl_search::unlift() {
  auto const f = stack_.back();
  stack_.pop_back();
  for (auto i = f.removed_from; i < removed_.size(); ++i) {
    extra_.insert(std::lower_bound(extra_.begin(), extra_.end(), removed_[i]), removed_[i]);
  }
  removed_.resize(f.removed_from);
  prefix_ = f.old_prefix;
  auto const o = f.op;
  if (ops_[o].unknown() || rank_[o] >= prefix_) extra_.erase(std::lower_bound(extra_.begin(), extra_.end(), o));
  linearized_[o] = 0;
  if (ops_[o].unknown()) {
    relink(unext_, uprev_, call_entry_[o]);
  } else {
    relink(next_, prev_, call_entry_[o] + 1);
    relink(next_, prev_, call_entry_[o]);
  }
  state_ = f.state;
}

inline bool wgl_search::cache_insert(std::int32_t state) { return cache_.insert(prefix_, state, extra_); }

inline bool wgl_search::try_lift(std::int32_t o, std::int32_t bound_entry) {
  ++result_.steps;
  auto const next_state = step(state_, ops_[o]);
  if (!next_state) return false;
  lift(o, bound_entry);
  if (!cache_insert(*next_state)) {
    unlift();
    return false;
  }
  state_ = *next_state;
  return true;
}

// The search cannot pass this return entry in the current configuration.
inline void wgl_search::note_stuck(std::int32_t return_entry) {
  auto const pos = pos_of(return_entry);
  auto const o = op_of(return_entry);
  if (pos > stuck_pos_) {
    stuck_pos_ = pos;
    result_.stuck = o;
    result_.stuck_states.clear();
    result_.stuck_order.clear();
    auto const from = stack_.size() > 8 ? stack_.size() - 8 : 0;
    for (auto i = from; i < stack_.size(); ++i) result_.stuck_order.push_back(stack_[i].op);
  }
  if (pos == stuck_pos_ && !step(state_, ops_[o]) &&
      std::find(result_.stuck_states.begin(), result_.stuck_states.end(), state_) == result_.stuck_states.end()) {
    result_.stuck_states.push_back(state_);
  }
}

inline search_result wgl_search::run() {
  auto const started = std::chrono::steady_clock::now();
  bool in_unknown = false;          // scanning unknown ops (after the ok calls before `bound`)
  std::int32_t cur = next_[head_];  // main-list entry, or unknown-list entry when in_unknown
  std::int32_t bound = -1;          // the first return entry of the main list, when in_unknown
  std::uint64_t loops = 0;
  cache_insert(state_);
  while (next_[head_] != head_) {
    bool const late = (++loops & 1023) == 0 && std::chrono::steady_clock::now() - started > budget_.max_time;
    if (late || cache_.size() > budget_.max_states) {
      result_.states = cache_.size();
      result_.outcome = verdict::unknown;
      result_.out_of_time = late;
      return result_;
    }
    if (!in_unknown) {
      if (cur % 2 == 0) {  // an ok call
        auto const o = op_of(cur);
        if (try_lift(o, -1)) {
          cur = next_[head_];
        } else {
          cur = next_[cur];
        }
        continue;
      }
      in_unknown = true;  // the first pending return: try unknown ops invoked before it
      bound = cur;
      cur = unext_[uhead_];
      continue;
    }
    if (cur != uhead_ && ops_[unknown_[cur]].call < pos_of(bound)) {
      if (try_lift(unknown_[cur], bound)) {
        in_unknown = false;
        cur = next_[head_];
      } else {
        cur = unext_[cur];
      }
      continue;
    }
    note_stuck(bound);
    if (stack_.empty()) {
      result_.outcome = verdict::invalid;
      result_.states = cache_.size();
      return result_;
    }
    auto const o = stack_.back().op;
    auto const was_bound = stack_.back().bound_entry;
    unlift();
    if (ops_[o].unknown()) {
      bound = was_bound;
      cur = unext_[call_entry_[o]];
    } else {
      in_unknown = false;
      cur = next_[call_entry_[o]];
    }
  }
  result_.outcome = verdict::valid;
  result_.states = cache_.size();
  return result_;
}

}  // namespace detail

// Checks one register's history (ops in any order; positions give real-time order).
inline search_result check_register(std::vector<reg_op> const& ops, search_budget budget = {}) {
  return detail::wgl_search(ops, budget).run();
}

}  // namespace glomers::harness::linearizable
