// The non-cycle anomalies of rw-register histories (Elle's rw_register.clj and txn.clj): aborted
// reads (G1a), intermediate reads (G1b), internal inconsistency and lost updates; plus the
// divergent final reads of our opt-in final-read phase.
#pragma once

#include "harness/workloads/txn/txns.hpp"

#include <functional>
#include <map>
#include <unordered_map>
#include <utility>
#include <vector>

namespace glomers::harness::txn {

struct kv {
  std::int64_t key, value;
  bool operator==(kv const&) const = default;
};
struct kv_hash {
  std::size_t operator()(kv const& x) const noexcept {
    auto const a = static_cast<std::uint64_t>(x.key) * 0x9E3779B97F4A7C15ull;
    return static_cast<std::size_t>(a ^ (static_cast<std::uint64_t>(x.value) + 0x632BE59BD9B4E019ull + (a << 6) + (a >> 2)));
  }
};
template <class T>
using kv_map = std::unordered_map<kv, T, kv_hash>;

namespace detail {
inline json::object mop_case(txn_history const& th, std::size_t t, mop const& m) {
  return json::object{{"op", th.op_json(t)}, {"mop", th.mop_json(m)}};
}
}  // namespace detail

// G1a: an ok txn read a value that only a failed txn wrote. G1b: an ok txn read a value that
// another txn overwrote within itself.
inline void register_dirty_reads(txn_history const& th, json::array& g1a, json::array& g1b) {
  kv_map<std::uint32_t> failed, intermediate;
  for (std::uint32_t t = 0; t < th.size(); ++t) {
    std::unordered_map<std::int64_t, std::int64_t> last;  // key -> latest write so far
    for (auto const* m = th.begin(t); m != th.end(t); ++m) {
      if (m->f != 'w') continue;
      if (th.txns[t].fail()) failed[{m->key, m->value}] = t;
      auto [it, fresh] = last.try_emplace(m->key, m->value);
      if (!fresh) intermediate[{m->key, it->second}] = t, it->second = m->value;
    }
  }
  for (std::uint32_t t = 0; t < th.size(); ++t) {
    if (!th.txns[t].ok()) continue;
    for (auto const* m = th.begin(t); m != th.end(t); ++m) {
      if (m->f != 'r') continue;
      if (auto it = failed.find({m->key, m->value}); it != failed.end()) {
        auto c = detail::mop_case(th, t, *m);
        c["writer"] = th.op_json(it->second);
        g1a.push_back(std::move(c));
      }
      if (auto it = intermediate.find({m->key, m->value}); it != intermediate.end() && it->second != t) {
        auto c = detail::mop_case(th, t, *m);
        c["writer"] = th.op_json(it->second);
        g1b.push_back(std::move(c));
      }
    }
  }
}

// internal: a read that disagrees with the txn's own earlier read or write of that key.
inline json::array register_internal(txn_history const& th) {
  json::array out;
  for (std::uint32_t t = 0; t < th.size(); ++t) {
    if (!th.txns[t].ok()) continue;
    std::unordered_map<std::int64_t, std::int64_t> state;
    for (auto const* m = th.begin(t); m != th.end(t); ++m) {
      auto [it, fresh] = state.try_emplace(m->key, m->value);
      if (fresh) continue;
      if (m->f == 'r' && it->second != m->value) {
        auto c = detail::mop_case(th, t, *m);
        c["expected"] = th.values.value(it->second);
        out.push_back(std::move(c));
        break;
      }
      it->second = m->value;
    }
  }
  return out;
}

// lost-update: two ok txns read the same value of a key and both then wrote that key.
// write(f) says which micro-ops write.
inline json::array lost_updates(txn_history const& th, std::function<bool(char)> const& write,
                                std::function<json::value(std::int64_t)> const& read_value) {
  kv_map<std::vector<std::uint32_t>> by_read;
  std::vector<kv> order;
  for (std::uint32_t t = 0; t < th.size(); ++t) {
    if (!th.txns[t].ok()) continue;
    std::unordered_map<std::int64_t, std::int64_t> reads;
    std::vector<std::int64_t> written;
    for (auto const* m = th.begin(t); m != th.end(t); ++m) {
      auto const r = reads.find(m->key);
      if (write(m->f)) {
        if (r == reads.end() || std::find(written.begin(), written.end(), m->key) != written.end()) continue;
        written.push_back(m->key);
        auto& v = by_read[{m->key, r->second}];
        if (v.empty()) order.push_back({m->key, r->second});
        v.push_back(t);
      } else if (r == reads.end()) {
        reads.emplace(m->key, m->value);
      }
    }
  }
  json::array out;
  for (auto const& k : order) {
    auto const& ts = by_read[k];
    if (ts.size() < 2) continue;
    json::array ops;
    for (auto t : ts) ops.push_back(th.op_json(t));
    out.push_back(json::object{{"key", th.values.value(k.key)}, {"value", read_value(k.value)}, {"txns", ops}});
  }
  return out;
}

// Our final-read phase: the value of each key every final read agreed on. Keys on which ok
// final reads disagree are reported as divergent and get no final value.
inline std::map<std::int64_t, std::int64_t> final_values(txn_history const& th, json::array& divergent) {
  std::map<std::int64_t, std::map<std::int64_t, std::vector<std::uint32_t>>> seen;
  for (std::uint32_t t = 0; t < th.size(); ++t) {
    if (!th.txns[t].ok() || !th.txns[t].completion->final) continue;
    ext_reads(th, t, [&](std::int64_t k, std::int64_t v) { seen[k][v].push_back(t); });
  }
  std::map<std::int64_t, std::int64_t> out;
  for (auto const& [k, by_value] : seen) {
    if (by_value.size() == 1) {
      out[k] = by_value.begin()->first;
      continue;
    }
    json::array reads;
    for (auto const& [v, ts] : by_value) {
      json::array idx;
      for (auto t : ts) idx.push_back(th.txns[t].completion->index);
      reads.push_back(json::object{{"value", th.values.value(v)}, {"ops", idx}});
    }
    divergent.push_back(json::object{{"key", th.values.value(k)}, {"reads", reads}});
  }
  return out;
}

}  // namespace glomers::harness::txn
