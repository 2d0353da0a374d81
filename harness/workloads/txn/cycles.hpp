// Typed cycle search inside one strongly connected component (Elle's elle.txn/elle.bfs, with a
// product-state BFS instead of path enumeration): a cycle of a given anomaly type is a closed
// path over allowed relations that takes each required relation at least once and the right
// number of rw edges. Each search pivots on an edge of its rarest constraint and looks for the
// shortest way back; a closed walk that repeats a vertex is split into simple cycles.
#pragma once

#include "harness/workloads/txn/graph.hpp"
#include "harness/workloads/txn/models.hpp"

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace glomers::harness::txn {

enum class rw_count { none, single, multiple };

struct cycle_spec {
  std::string name;              // "G0", "G1c-realtime", ...
  rels allowed = 0;              // relations usable any number of times (never rw here)
  std::array<rels, 2> required{};  // each must be taken at least once (0: no constraint)
  rw_count rw = rw_count::none;
};

// A simple cycle: edge i goes from vertices[i] to vertices[(i + 1) % n] along steps[i].
struct found_cycle {
  std::vector<vertex> vertices;
  std::vector<rels> steps;
};

// Elle's cycle explainer: the type from the relations the cycle takes. Empty: unclassifiable.
inline std::string classify(found_cycle const& c) {
  int ww = 0, wr = 0, rw = 0, process = 0, realtime = 0;
  bool adjacent = false;
  auto const k = c.steps.size();
  for (std::size_t i = 0; i < k; ++i) {
    auto const r = c.steps[i];
    ww += r == rel::ww, wr += r == rel::wr, rw += r == rel::rw;
    process += r == rel::process, realtime += r == rel::realtime;
    adjacent |= r == rel::rw && c.steps[(i + 1) % k] == rel::rw;
  }
  std::string t = rw == 1 ? "G-single-item"
                  : rw > 1 ? (adjacent ? "G2-item" : "G-nonadjacent-item")
                  : wr > 0 ? "G1c"
                  : ww > 0 ? "G0"
                           : "";
  if (t.empty()) return t;
  return t + (realtime > 0 ? "-realtime" : process > 0 ? "-process" : "");
}

// The cycle specs Elle searches, shallowest anomaly first. Elle's predicate forms (G-single,
// G-nonadjacent, G2) need predicate edges, which registers and lists never produce.
inline std::vector<cycle_spec> const& cycle_specs() {
  static std::vector<cycle_spec> const specs = [] {
    std::vector<cycle_spec> base{{"G0", rel::ww, {}, rw_count::none},
                                 {"G1c", rel::ww | rel::wr, {rel::wr, 0}, rw_count::none},
                                 {"G-single-item", rel::ww | rel::wr, {}, rw_count::single},
                                 {"G2-item", rel::ww | rel::wr, {}, rw_count::multiple}};
    std::vector<cycle_spec> out = base;
    for (auto const& [variant, suffix] : {std::pair{rel::process, "-process"}, std::pair{rel::realtime, "-realtime"}}) {
      for (auto s : base) {
        s.name += suffix;
        s.allowed |= variant;
        (s.required[0] ? s.required[1] : s.required[0]) = variant;
        out.push_back(s);
      }
    }
    std::stable_sort(out.begin(), out.end(), [](auto const& a, auto const& b) {
      auto const da = anomaly_depth(a.name), db = anomaly_depth(b.name);
      return da != db ? da < db : a.name < b.name;
    });
    return out;
  }();
  return specs;
}

class cycle_search {
 public:
  using clock = std::chrono::steady_clock;
  cycle_search(digraph const& g, clock::time_point deadline) : g_(g), deadline_(deadline) {}
  bool timed_out() const noexcept { return timed_out_; }

  std::optional<found_cycle> find(cycle_spec const& s) {
    spec_ = &s;
    rels const usable = s.allowed | (s.rw != rw_count::none ? rel::rw : 0);
    rels const pivot = s.rw != rw_count::none ? rel::rw : s.required[0] ? s.required[0] : s.allowed;
    auto const all = strongly_connected(g_, usable);
    auto const n = static_cast<vertex>(g_.size());
    // A component can only hold the cycle if its inner edges carry every relation the type needs.
    rels const needed = s.required[0] | s.required[1] | (s.rw != rw_count::none ? rel::rw : 0);
    std::vector<rels> inner(n, 0);
    for (vertex a = 0; a < n; ++a) {
      for (auto i = g_.begin(a); i < g_.end(a); ++i) {
        if (all.comp[a] == all.comp[g_.target[i]]) inner[all.comp[a]] |= g_.mask[i] & usable;
      }
    }
    stamp_.assign(std::size_t(n) * states, 0);
    parent_.assign(std::size_t(n) * states, 0);
    via_.assign(std::size_t(n) * states, 0);
    for (vertex a = 0; a < n; ++a) {
      for (auto i = g_.begin(a); i < g_.end(a); ++i) {
        auto const b = g_.target[i];
        if (!(g_.mask[i] & pivot) || all.comp[a] != all.comp[b] || (inner[all.comp[a]] & needed) != needed) continue;
        for (rels p = 1; p; p <<= 1) {
          if (!(g_.mask[i] & pivot & p)) continue;
          if (clock::now() > deadline_) {
            timed_out_ = true;
            return std::nullopt;
          }
          if (auto c = from_pivot(a, b, p)) return c;
        }
      }
    }
    return std::nullopt;
  }

 private:
  static constexpr int states = 12;  // two required bits x rw count 0, 1, 2+
  static constexpr int invalid = -1;

  int step(int st, rels r) const {
    int sat = st & 3, rws = st >> 2;
    if (r == rel::rw) {
      if (spec_->rw == rw_count::none || (spec_->rw == rw_count::single && rws == 1)) return invalid;
      rws = std::min(2, rws + 1);
    } else if (!(r & spec_->allowed)) {
      return invalid;
    }
    if (r & spec_->required[0]) sat |= 1;
    if (r & spec_->required[1]) sat |= 2;
    return sat | (rws << 2);
  }
  bool accepting(int st) const {
    int const want = (spec_->required[0] ? 1 : 0) | (spec_->required[1] ? 2 : 0);
    int const rws = st >> 2;
    bool const rw_ok = spec_->rw == rw_count::none ? rws == 0 : spec_->rw == rw_count::single ? rws == 1 : rws == 2;
    return (st & 3) == want && rw_ok;
  }
  bool satisfies(found_cycle const& c) const {
    int st = 0;
    for (auto r : c.steps) {
      st = step(st, r);
      if (st == invalid) return false;
    }
    return accepting(st);
  }

  // Shortest walk b -> a in the product graph, closed by the pivot edge a -p-> b.
  std::optional<found_cycle> from_pivot(vertex a, vertex b, rels p) {
    int const s0 = step(0, p);
    if (s0 == invalid) return std::nullopt;
    ++epoch_;
    start_ = b * states + static_cast<std::uint32_t>(s0);
    std::vector<std::uint32_t> queue{start_};
    stamp_[queue[0]] = epoch_;
    rels const usable = spec_->allowed | (spec_->rw != rw_count::none ? rel::rw : 0);
    for (std::size_t qi = 0; qi < queue.size(); ++qi) {
      auto const cur = queue[qi];
      vertex const u = cur / states;
      int const st = static_cast<int>(cur % states);
      for (auto i = g_.begin(u); i < g_.end(u); ++i) {
        auto const w = g_.target[i];
        rels const m = g_.mask[i] & usable;
        for (rels r = 1; r & rel::all; r <<= 1) {
          if (!(m & r)) continue;
          int const st2 = step(st, r);
          if (st2 == invalid) continue;
          if (w == a) {
            if (accepting(st2)) return close(a, p, cur, r);
            continue;
          }
          auto const next = w * states + static_cast<std::uint32_t>(st2);
          if (stamp_[next] == epoch_) continue;
          stamp_[next] = epoch_;
          parent_[next] = cur;
          via_[next] = r;
          queue.push_back(next);
        }
      }
    }
    return std::nullopt;
  }

  std::optional<found_cycle> close(vertex a, rels p, std::uint32_t last, rels last_rel) {
    std::vector<vertex> rev_v;          // last .. b
    std::vector<rels> rev_r{last_rel};  // into a, then into each non-start vertex
    for (auto cur = last;; cur = parent_[cur]) {
      rev_v.push_back(cur / states);
      if (cur == start_) break;
      rev_r.push_back(via_[cur]);
    }
    found_cycle walk{{a}, {p}};
    walk.vertices.insert(walk.vertices.end(), rev_v.rbegin(), rev_v.rend());
    walk.steps.insert(walk.steps.end(), rev_r.rbegin(), rev_r.rend());
    // Split the closed walk into simple cycles; keep the first that still has the type.
    std::vector<std::pair<vertex, rels>> stack;
    auto const find = [&](vertex v) -> std::ptrdiff_t {
      for (std::size_t j = 0; j < stack.size(); ++j) {
        if (stack[j].first == v) return static_cast<std::ptrdiff_t>(j);
      }
      return -1;
    };
    auto const candidate = [&](std::size_t from) {
      found_cycle c;
      for (auto j = from; j < stack.size(); ++j) c.vertices.push_back(stack[j].first), c.steps.push_back(stack[j].second);
      return c;
    };
    for (std::size_t i = 0; i < walk.vertices.size(); ++i) {
      auto const v = walk.vertices[i];
      auto const j = find(v);
      if (j < 0) {
        stack.push_back({v, walk.steps[i]});
        continue;
      }
      auto c = candidate(static_cast<std::size_t>(j));
      if (satisfies(c)) return c;
      stack.resize(static_cast<std::size_t>(j) + 1);
      stack.back().second = walk.steps[i];
    }
    auto c = candidate(0);
    if (satisfies(c)) return c;
    return std::nullopt;
  }

  digraph const& g_;
  clock::time_point deadline_;
  cycle_spec const* spec_ = nullptr;
  bool timed_out_ = false;
  std::uint32_t epoch_ = 0, start_ = 0;
  std::vector<std::uint32_t> stamp_, parent_;
  std::vector<rels> via_;
};

}  // namespace glomers::harness::txn
