// The dependency graph over transactions: vertices are dense txn ids, each edge carries a set of
// relations (ww, wr, rw, process, realtime). Compressed rows, strongly connected components
// (iterative Tarjan) over any subset of relations, and subgraphs restricted to one component.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace glomers::harness::txn {

using rels = std::uint8_t;
namespace rel {
inline constexpr rels ww = 1, wr = 2, rw = 4, process = 8, realtime = 16;
inline constexpr rels data = ww | wr | rw;
inline constexpr rels all = data | process | realtime;
}  // namespace rel

inline char const* rel_name(rels r) {
  switch (r) {
    case rel::ww: return "ww";
    case rel::wr: return "wr";
    case rel::rw: return "rw";
    case rel::process: return "process";
    case rel::realtime: return "realtime";
  }
  return "?";
}

using vertex = std::uint32_t;

// Adjacency in compressed rows; parallel edges are merged into one edge with the union of rels.
struct digraph {
  std::vector<std::uint32_t> offset{0};  // size n + 1
  std::vector<vertex> target;
  std::vector<rels> mask;

  std::size_t size() const noexcept { return offset.size() - 1; }
  std::size_t edge_count() const noexcept { return target.size(); }
  std::uint32_t begin(vertex v) const noexcept { return offset[v]; }
  std::uint32_t end(vertex v) const noexcept { return offset[v + 1]; }
  rels edge(vertex a, vertex b) const {
    for (auto i = begin(a); i < end(a); ++i) {
      if (target[i] == b) return mask[i];
    }
    return 0;
  }
};

// Collects edges, then builds the merged graph. Self-edges are dropped (Elle's graphs have none).
class graph_builder {
 public:
  void link(vertex a, vertex b, rels r) {
    if (a != b) edges_.push_back({a, b, r});
  }
  bool empty() const noexcept { return edges_.empty(); }
  digraph build(std::size_t n) {
    std::sort(edges_.begin(), edges_.end(), [](auto const& x, auto const& y) {
      return x.a != y.a ? x.a < y.a : x.b < y.b;
    });
    digraph g;
    g.offset.assign(n + 1, 0);
    for (std::size_t i = 0; i < edges_.size(); ++i) {
      auto const& e = edges_[i];
      if (!g.target.empty() && i > 0 && edges_[i - 1].a == e.a && edges_[i - 1].b == e.b) {
        g.mask.back() |= e.r;
        continue;
      }
      g.target.push_back(e.b);
      g.mask.push_back(e.r);
      ++g.offset[e.a + 1];
    }
    for (std::size_t v = 0; v < n; ++v) g.offset[v + 1] += g.offset[v];
    edges_.clear();
    return g;
  }

 private:
  struct entry {
    vertex a, b;
    rels r;
  };
  std::vector<entry> edges_;
};

// Components of g using only edges that carry one of `use`. comp[v] is v's component; the list
// holds the nontrivial ones (two or more vertices, or one with a self-edge), smallest first.
struct components {
  std::vector<std::uint32_t> comp;
  std::vector<std::vector<vertex>> nontrivial;
};

inline components strongly_connected(digraph const& g, rels use) {
  auto const n = static_cast<vertex>(g.size());
  constexpr std::uint32_t unset = ~0u;
  components out;
  out.comp.assign(n, unset);
  std::vector<std::uint32_t> index(n, unset), low(n, 0);
  std::vector<vertex> stack;
  std::vector<bool> on_stack(n, false);
  std::vector<std::pair<vertex, std::uint32_t>> call;  // vertex, next edge
  std::uint32_t next_index = 0, next_comp = 0;
  for (vertex root = 0; root < n; ++root) {
    if (index[root] != unset) continue;
    call.push_back({root, g.begin(root)});
    index[root] = low[root] = next_index++;
    stack.push_back(root);
    on_stack[root] = true;
    while (!call.empty()) {
      auto& [v, i] = call.back();
      bool descended = false;
      while (i < g.end(v)) {
        auto const w = g.target[i];
        auto const m = g.mask[i];
        ++i;
        if (!(m & use)) continue;
        if (index[w] == unset) {
          index[w] = low[w] = next_index++;
          stack.push_back(w);
          on_stack[w] = true;
          call.push_back({w, g.begin(w)});
          descended = true;
          break;
        }
        if (on_stack[w]) low[v] = std::min(low[v], index[w]);
      }
      if (descended) continue;
      vertex const done = v;
      call.pop_back();
      if (!call.empty()) low[call.back().first] = std::min(low[call.back().first], low[done]);
      if (low[done] == index[done]) {
        std::vector<vertex> members;
        vertex w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = false;
          out.comp[w] = next_comp;
          members.push_back(w);
        } while (w != done);
        ++next_comp;
        bool self = false;
        if (members.size() == 1) {
          for (auto j = g.begin(done); j < g.end(done); ++j) self |= g.target[j] == done && (g.mask[j] & use);
        }
        if (members.size() > 1 || self) {
          std::sort(members.begin(), members.end());
          out.nontrivial.push_back(std::move(members));
        }
      }
    }
  }
  std::stable_sort(out.nontrivial.begin(), out.nontrivial.end(),
                   [](auto const& a, auto const& b) { return a.size() < b.size(); });
  return out;
}

// g restricted to `members` (sorted), renumbered 0..k-1 in that order.
inline digraph induced(digraph const& g, std::vector<vertex> const& members) {
  auto local = [&](vertex v) -> std::int64_t {
    auto it = std::lower_bound(members.begin(), members.end(), v);
    return it != members.end() && *it == v ? it - members.begin() : -1;
  };
  digraph s;
  s.offset.assign(members.size() + 1, 0);
  for (std::size_t i = 0; i < members.size(); ++i) {
    auto const v = members[i];
    for (auto j = g.begin(v); j < g.end(v); ++j) {
      auto const w = local(g.target[j]);
      if (w < 0) continue;
      s.target.push_back(static_cast<vertex>(w));
      s.mask.push_back(g.mask[j]);
    }
    s.offset[i + 1] = static_cast<std::uint32_t>(s.target.size());
  }
  return s;
}

// Elle's sequential extension A ∪ (A;B), with A and B given as relation sets of g: the edges
// of A, plus x -> z for every x -A-> y -B-> z. Edge masks are A's (composed edges get `a`).
inline digraph sequential_extension(digraph const& g, rels a, rels b) {
  graph_builder gb;
  std::vector<std::pair<vertex, rels>> self;  // x -A-> y -B-> x gives a self-edge
  for (vertex x = 0; x < g.size(); ++x) {
    for (auto i = g.begin(x); i < g.end(x); ++i) {
      if (!(g.mask[i] & a)) continue;
      auto const y = g.target[i];
      gb.link(x, y, g.mask[i] & a);
      for (auto j = g.begin(y); j < g.end(y); ++j) {
        if (!(g.mask[j] & b)) continue;
        if (g.target[j] == x) self.push_back({x, a});
        gb.link(x, g.target[j], a);
      }
    }
  }
  auto out = gb.build(g.size());
  if (self.empty()) return out;
  // Re-add self-edges, which the builder drops.
  digraph with_self;
  with_self.offset.assign(out.size() + 1, 0);
  std::sort(self.begin(), self.end());
  std::size_t k = 0;
  for (vertex v = 0; v < out.size(); ++v) {
    for (auto i = out.begin(v); i < out.end(v); ++i) {
      with_self.target.push_back(out.target[i]);
      with_self.mask.push_back(out.mask[i]);
    }
    if (k < self.size() && self[k].first == v) {
      with_self.target.push_back(v);
      with_self.mask.push_back(a);
      while (k < self.size() && self[k].first == v) ++k;
    }
    with_self.offset[v + 1] = static_cast<std::uint32_t>(with_self.target.size());
  }
  return with_self;
}

}  // namespace glomers::harness::txn
