// The list-append version order and the anomalies found without cycles (Elle's
// list_append.clj, spec §6.9): sorted observed values per key, incompatible orders, duplicate
// elements, aborted (G1a) and intermediate (G1b) reads, internal and future reads, dirty updates.
#pragma once

#include "harness/workloads/txn/register_cases.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <vector>

namespace glomers::harness::txn {

// Per key: every element in the version order (the longest read) and its position.
struct append_order {
  std::vector<std::int64_t> values;
  std::unordered_map<std::int64_t, std::size_t> index;
};

inline bool is_prefix(std::vector<std::int64_t> const& a, std::vector<std::int64_t> const& b) {
  return a.size() <= b.size() && std::equal(a.begin(), a.end(), b.begin());
}

// The distinct non-empty reads of each key by the txns `use` selects, shortest first; a key
// nobody read but one append wrote is taken as [x]. Reports reads that are not prefixes of the
// next longer one (incompatible-order), and returns the version order per key.
inline std::map<std::int64_t, append_order> append_orders(txn_history const& th, std::function<bool(std::size_t)> const& use,
                                                          json::array* incompatible) {
  std::map<std::int64_t, std::set<std::int64_t>> reads;  // key -> list ids
  std::map<std::int64_t, std::int64_t> single;           // key -> its only append, or nil if more
  for (std::size_t t = 0; t < th.size(); ++t) {
    if (!use(t)) continue;
    for (auto const* m = th.begin(t); m != th.end(t); ++m) {
      if (m->f == 'r' && m->value >= 0 && !th.lists[static_cast<std::size_t>(m->value)].empty()) reads[m->key].insert(m->value);
      if (m->f == 'a') {
        auto [it, fresh] = single.try_emplace(m->key, m->value);
        if (!fresh) it->second = interner::nil;
      }
    }
  }
  std::map<std::int64_t, append_order> out;
  for (auto const& [k, ids] : reads) {
    std::vector<std::vector<std::int64_t> const*> sorted;
    for (auto id : ids) sorted.push_back(&th.lists[static_cast<std::size_t>(id)]);
    std::stable_sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->size() < b->size(); });
    for (std::size_t i = 0; incompatible && i + 1 < sorted.size(); ++i) {
      if (is_prefix(*sorted[i], *sorted[i + 1])) continue;
      json::array vs;
      for (auto* l : {sorted[i], sorted[i + 1]}) {
        json::array a;
        for (auto e : *l) a.push_back(th.values.value(e));
        vs.push_back(a);
      }
      incompatible->push_back(json::object{{"key", th.values.value(k)}, {"values", vs}});
      break;
    }
    auto& o = out[k];
    for (auto e : *sorted.back()) {
      if (o.index.try_emplace(e, o.values.size()).second) o.values.push_back(e);
    }
  }
  for (auto const& [k, v] : single) {
    if (v == interner::nil || out.count(k)) continue;
    out[k].values = {v};
    out[k].index[v] = 0;
  }
  return out;
}

// duplicate-elements: a read holding some element more than once (ok and info txns).
inline json::array duplicate_elements(txn_history const& th) {
  json::array out;
  for (std::size_t t = 0; t < th.size(); ++t) {
    if (th.txns[t].fail()) continue;
    for (auto const* m = th.begin(t); m != th.end(t); ++m) {
      if (m->f != 'r' || m->value < 0) continue;
      std::map<std::int64_t, std::int64_t> counts;
      for (auto e : th.lists[static_cast<std::size_t>(m->value)]) ++counts[e];
      json::object dups;
      for (auto const& [e, c] : counts) {
        if (c > 1) dups[boost::json::serialize(th.values.value(e))] = c;
      }
      if (!dups.empty()) {
        out.push_back(json::object{{"op", th.op_json(t)}, {"mop", th.mop_json(*m)}, {"duplicates", dups}});
      }
    }
  }
  return out;
}

// G1a: an ok read holds an element only a failed txn appended. G1b: an ok read ends with an
// element another txn appended and then appended after, to the same key.
inline void list_dirty_reads(txn_history const& th, json::array& g1a, json::array& g1b) {
  kv_map<std::uint32_t> failed, intermediate;
  for (std::uint32_t t = 0; t < th.size(); ++t) {
    std::unordered_map<std::int64_t, std::int64_t> last;
    for (auto const* m = th.begin(t); m != th.end(t); ++m) {
      if (m->f != 'a') continue;
      if (th.txns[t].fail()) failed[{m->key, m->value}] = t;
      auto [it, fresh] = last.try_emplace(m->key, m->value);
      if (!fresh) intermediate[{m->key, it->second}] = t, it->second = m->value;
    }
  }
  for (std::uint32_t t = 0; t < th.size(); ++t) {
    if (!th.txns[t].ok()) continue;
    for (auto const* m = th.begin(t); m != th.end(t); ++m) {
      if (m->f != 'r' || m->value < 0) continue;
      auto const& l = th.lists[static_cast<std::size_t>(m->value)];
      for (auto e : l) {
        if (auto it = failed.find({m->key, e}); it != failed.end()) {
          auto c = detail::mop_case(th, t, *m);
          c["writer"] = th.op_json(it->second);
          c["element"] = th.values.value(e);
          g1a.push_back(std::move(c));
        }
      }
      if (l.empty()) continue;
      if (auto it = intermediate.find({m->key, l.back()}); it != intermediate.end() && it->second != t) {
        auto c = detail::mop_case(th, t, *m);
        c["writer"] = th.op_json(it->second);
        c["element"] = th.values.value(l.back());
        g1b.push_back(std::move(c));
      }
    }
  }
}

// internal: a read inconsistent with the txn's own earlier read and appends of that key (an
// unread prefix is unknown: only the appended suffix must match). future-read: a read holding an
// element the txn appends only later.
inline void list_internal(txn_history const& th, json::array& internal, json::array& future) {
  for (std::uint32_t t = 0; t < th.size(); ++t) {
    if (!th.txns[t].ok()) continue;
    struct expect {
      bool known_prefix;
      std::vector<std::int64_t> tail;
      bool after_nil = false;  // a nil read sets no expectation (Elle's nil state)
    };
    std::unordered_map<std::int64_t, expect> state;
    std::map<std::pair<std::int64_t, std::int64_t>, mop const*> read_elements;
    bool internal_found = false, future_found = false;
    for (auto const* m = th.begin(t); m != th.end(t); ++m) {
      if (m->f == 'a') {
        auto& s = state.try_emplace(m->key, expect{false, {}}).first->second;
        s.tail.push_back(m->value);
        s.after_nil = false;
        auto it = read_elements.find({m->key, m->value});
        if (it != read_elements.end() && !future_found) {
          future.push_back(json::object{{"op", th.op_json(t)}, {"mop", th.mop_json(*it->second)}, {"element", th.values.value(m->value)}});
          future_found = true;
        }
        continue;
      }
      static std::vector<std::int64_t> const empty;
      auto const& v = m->value < 0 ? empty : th.lists[static_cast<std::size_t>(m->value)];
      for (auto e : v) read_elements.try_emplace({m->key, e}, m);
      auto it = state.find(m->key);
      if (it != state.end() && !it->second.after_nil && !internal_found) {
        auto const& s = it->second;
        bool const bad = s.known_prefix ? s.tail != v
                                        : v.size() < s.tail.size() || !std::equal(s.tail.begin(), s.tail.end(), v.end() - static_cast<std::ptrdiff_t>(s.tail.size()));
        if (bad) {
          auto c = detail::mop_case(th, t, *m);
          json::array e;
          if (!s.known_prefix) e.push_back("...");
          for (auto x : s.tail) e.push_back(th.values.value(x));
          c["expected"] = e;
          internal.push_back(std::move(c));
          internal_found = true;
        }
      }
      state[m->key] = expect{true, v, m->value < 0};
    }
  }
}

// dirty-update: in a key's version order, a failed append followed by a committed one.
inline json::array dirty_updates(txn_history const& th, std::map<std::int64_t, append_order> const& orders) {
  kv_map<std::uint32_t> writer;  // every completion, the last append wins
  for (std::uint32_t t = 0; t < th.size(); ++t) {
    for (auto const* m = th.begin(t); m != th.end(t); ++m) {
      if (m->f == 'a') writer[{m->key, m->value}] = t;
    }
  }
  json::array out;
  for (auto const& [k, o] : orders) {
    std::int64_t t1 = -1;  // -1: the committed initial state
    std::vector<std::int64_t> vs;
    auto const type = [&](std::int64_t t) { return t < 0 ? op_type::ok : th.txns[static_cast<std::size_t>(t)].completion->type; };
    for (auto v : o.values) {
      vs.push_back(v);
      auto it = writer.find({k, v});
      if (it == writer.end()) {
        throw analysis_error("No transaction wrote " + boost::json::serialize(th.values.value(k)) + " " +
                             boost::json::serialize(th.values.value(v)));
      }
      std::int64_t const t2 = it->second;
      auto const a = type(t1), b = type(t2);
      if (b == op_type::info) continue;  // can't say: keep the range
      if (a == op_type::fail && b == op_type::ok) {
        json::array values;
        for (auto x : vs) values.push_back(th.values.value(x));
        out.push_back(json::object{{"key", th.values.value(k)}, {"values", values},
                                   {"txns", json::array{th.op_json(static_cast<std::size_t>(t1)), "...", th.op_json(static_cast<std::size_t>(t2))}}});
      }
      if (a == op_type::fail && b == op_type::fail) continue;  // cover the whole aborted range
      t1 = t2;
      vs = {v};
    }
  }
  return out;
}

}  // namespace glomers::harness::txn
