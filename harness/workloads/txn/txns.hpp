// A history of transactions as the txn checkers read it: every completed client op of f "txn"
// (ok, info, fail) with its micro-ops [f, k, v], keys and values interned to integers, plus the
// process and realtime orders Elle adds when the chosen models need them.
#pragma once

#include "harness/history.hpp"
#include "harness/workloads/txn/graph.hpp"

#include <climits>
#include <map>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace glomers::harness::txn {

// Scalars as integers: small integers stand for themselves, anything else gets a code below
// INT64_MIN / 2. nil is INT64_MIN.
class interner {
 public:
  static constexpr std::int64_t nil = INT64_MIN;
  std::int64_t code(json::value const& v) {
    if (v.is_null()) return nil;
    if (v.is_int64() && v.get_int64() > INT64_MIN / 2) return v.get_int64();
    if (v.is_uint64() && v.get_uint64() <= std::uint64_t(INT64_MAX)) return static_cast<std::int64_t>(v.get_uint64());
    auto key = boost::json::serialize(v);
    auto [it, fresh] = codes_.try_emplace(std::move(key), nil + 1 + static_cast<std::int64_t>(values_.size()));
    if (fresh) values_.push_back(v);
    return it->second;
  }
  json::value value(std::int64_t c) const {
    if (c == nil) return nullptr;
    if (c > INT64_MIN / 2) return c;
    return values_.at(static_cast<std::size_t>(c - nil - 1));
  }

 private:
  std::unordered_map<std::string, std::int64_t> codes_;
  std::vector<json::value> values_;
};

struct mop {
  char f;  // 'r', 'w' or 'a' (append)
  std::int64_t key;
  std::int64_t value;  // a scalar code; a list-append read: index into lists, or -1 for nil
};

struct txn_op {
  op const* completion;
  op const* invocation;
  std::uint32_t mop_begin, mop_end;
  bool ok() const noexcept { return completion->type == op_type::ok; }
  bool info() const noexcept { return completion->type == op_type::info; }
  bool fail() const noexcept { return completion->type == op_type::fail; }
};

// A history the checker cannot analyse (Elle throws; the result is "unknown").
class analysis_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct txn_history {
  history const* h = nullptr;
  std::vector<txn_op> txns;  // in completion order
  std::vector<mop> mops;
  std::vector<std::vector<std::int64_t>> lists;  // list-append read values
  interner values;

  std::size_t size() const noexcept { return txns.size(); }
  mop const* begin(std::size_t t) const { return mops.data() + txns[t].mop_begin; }
  mop const* end(std::size_t t) const { return mops.data() + txns[t].mop_end; }
  json::value mop_json(mop const& m) const {
    json::value v = m.f == 'r' && !lists.empty() ? list_json(m.value) : values.value(m.value);
    return json::array{m.f == 'r' ? "r" : m.f == 'w' ? "w" : "append", values.value(m.key), v};
  }
  json::value list_json(std::int64_t l) const {
    if (l < 0) return nullptr;
    json::array a;
    for (auto e : lists[static_cast<std::size_t>(l)]) a.push_back(values.value(e));
    return a;
  }
  json::value op_json(std::size_t t) const { return to_json(*txns[t].completion); }
};

// Reads the txn ops of a history. lists: reads return lists (list-append), writes are appends.
inline txn_history read_txns(history const& h, bool lists) {
  txn_history th;
  th.h = &h;
  std::map<std::vector<std::int64_t>, std::int64_t> list_ids;
  for (auto const& o : h) {
    if (!o.is_client_op() || o.f != "txn" || o.type == op_type::invoke) continue;
    op const& inv = h.at(static_cast<std::size_t>(o.invocation));
    // Errors keep the invocation's value; an ok carries the txn the node returned.
    json::value const& v = o.type == op_type::ok || o.value.is_array() ? o.value : inv.value;
    if (!v.is_array()) throw analysis_error("op " + std::to_string(o.index) + ": a txn must be a list of micro-ops");
    txn_op t{&o, &inv, static_cast<std::uint32_t>(th.mops.size()), 0};
    for (auto const& m : v.get_array()) {
      if (!m.is_array() || m.get_array().size() != 3 || !m.get_array()[0].is_string()) {
        throw analysis_error("op " + std::to_string(o.index) + ": malformed micro-op " + boost::json::serialize(m));
      }
      auto const& a = m.get_array();
      auto const f = std::string_view(a[0].get_string());
      mop x{};
      x.key = th.values.code(a[1]);
      if (f == "r") {
        x.f = 'r';
        if (!lists) {
          x.value = th.values.code(a[2]);
        } else if (a[2].is_null()) {
          x.value = -1;
        } else if (a[2].is_array()) {
          std::vector<std::int64_t> elements;
          for (auto const& e : a[2].get_array()) elements.push_back(th.values.code(e));
          // Equal lists share an index, so reads compare by index.
          auto [it, fresh] = list_ids.try_emplace(elements, static_cast<std::int64_t>(th.lists.size()));
          if (fresh) th.lists.push_back(std::move(elements));
          x.value = it->second;
        } else {
          throw analysis_error("op " + std::to_string(o.index) + ": a read of a list must be a list or null");
        }
      } else if (f == (lists ? "append" : "w")) {
        x.f = lists ? 'a' : 'w';
        x.value = th.values.code(a[2]);
      } else {
        throw analysis_error("op " + std::to_string(o.index) + ": unknown micro-op function \"" + std::string(f) + "\"");
      }
      th.mops.push_back(x);
    }
    t.mop_end = static_cast<std::uint32_t>(th.mops.size());
    th.txns.push_back(t);
  }
  return th;
}

// Elle's external reads: a key's first micro-op, when it is a read. External writes: the last
// write of each key. fn(key, value) is called once per key.
template <class Fn>
void ext_reads(txn_history const& th, std::size_t t, Fn&& fn) {
  auto const* b = th.begin(t);
  for (auto const* m = b; m != th.end(t); ++m) {
    bool first = true;
    for (auto const* p = b; p != m; ++p) first &= p->key != m->key;
    if (first && m->f == 'r') fn(m->key, m->value);
  }
}

template <class Fn>
void ext_writes(txn_history const& th, std::size_t t, Fn&& fn) {
  auto const* e = th.end(t);
  for (auto const* m = th.begin(t); m != e; ++m) {
    if (m->f == 'r') continue;
    bool last = true;
    for (auto const* p = m + 1; p != e; ++p) last &= !(p->key == m->key && p->f != 'r');
    if (last) fn(m->key, m->value);
  }
}

// Process order: consecutive ok txns of each process.
inline void add_process_edges(txn_history const& th, graph_builder& g) {
  std::unordered_map<std::int64_t, std::uint32_t> last;
  for (std::uint32_t t = 0; t < th.size(); ++t) {
    if (!th.txns[t].ok()) continue;
    auto [it, fresh] = last.try_emplace(th.txns[t].completion->process, t);
    if (!fresh) g.link(it->second, t, rel::process), it->second = t;
  }
}

// Realtime order, transitively reduced as Elle builds it: each invocation is linked from the ok
// txns that completed before it and are not implied by a later completed ok txn.
inline void add_realtime_edges(txn_history const& th, graph_builder& g) {
  auto const& h = *th.h;
  std::vector<std::int64_t> txn_of(h.size(), -1);  // by completion and by invocation index
  for (std::uint32_t t = 0; t < th.size(); ++t) {
    txn_of[static_cast<std::size_t>(th.txns[t].completion->index)] = t;
    txn_of[static_cast<std::size_t>(th.txns[t].invocation->index)] = t;
  }
  std::vector<std::uint32_t> buffer;
  std::vector<char> buffered(th.size(), 0);
  std::vector<std::vector<std::uint32_t>> preds(th.size());
  for (auto const& o : h) {
    auto const t = txn_of[static_cast<std::size_t>(o.index)];
    if (t < 0) continue;
    auto const u = static_cast<std::uint32_t>(t);
    if (o.type == op_type::invoke) {
      for (auto b : buffer) g.link(b, u, rel::realtime);
      preds[u] = buffer;
    } else if (o.type == op_type::ok) {
      for (auto p : preds[u]) buffered[p] = 0;
      std::erase_if(buffer, [&](std::uint32_t b) { return !buffered[b]; });
      buffer.push_back(u);
      buffered[u] = 1;
      preds[u].clear();
      preds[u].shrink_to_fit();
    } else {
      preds[u].clear();
      preds[u].shrink_to_fit();
    }
  }
}

}  // namespace glomers::harness::txn
