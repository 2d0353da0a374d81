// Version orders per key (Jepsen's version-orders): offset -> messages, from every polled pair
// and from the sends that must have committed; the dense index numbers the offsets that hold a
// message. An offset with two messages is :inconsistent-offsets, a message at two offsets of a
// key is :duplicate.
#pragma once

#include "harness/workloads/kafka/checker_data.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace glomers::harness::kafka {

struct version_order {
  std::vector<std::int64_t> offsets;       // dense index -> offset, ascending
  std::vector<std::vector<int>> messages;  // dense index -> messages at that offset, sorted
  std::vector<int> by_index;               // dense index -> the offset's first message
  std::unordered_map<int, int> by_value;   // message -> (last) dense index where it is first

  // The dense index of a message, or -1 when the order does not place it.
  int index_of(int v) const {
    auto it = by_value.find(v);
    return it == by_value.end() ? -1 : it->second;
  }
};

struct inconsistent_offset {
  int key;
  std::int64_t offset;
  int index;
  std::vector<int> values;
};
struct duplicate {
  int key;
  int value;
  int count;
  std::vector<std::int64_t> offsets;
};

struct version_orders {
  std::vector<version_order> by_key;  // by key id
  std::vector<inconsistent_offset> inconsistent;
  std::vector<duplicate> duplicates;

  version_order const* of(int k) const {
    return k >= 0 && static_cast<std::size_t>(k) < by_key.size() ? &by_key[static_cast<std::size_t>(k)] : nullptr;
  }
  int index_of(int k, int v) const {
    auto const* vo = of(k);
    return vo ? vo->index_of(v) : -1;
  }
};

inline version_orders build_version_orders(analysis_data const& d) {
  std::vector<std::vector<std::pair<std::int64_t, int>>> entries(d.keys.size());
  for (auto const i : d.client) {
    auto const& o = d.at(i);
    if (o.type == op_type::invoke) continue;
    auto const& io = d.io[static_cast<std::size_t>(i)];
    for (auto const& r : io.reads) {
      for (auto const& p : r.pairs) {
        if (p.offset != no_offset) entries[static_cast<std::size_t>(r.key)].emplace_back(p.offset, p.value);
      }
    }
    if (io.sends.empty() || !d.must_have_committed(i)) continue;
    for (auto const& s : io.sends) {
      if (s.offset != no_offset) entries[static_cast<std::size_t>(s.key)].emplace_back(s.offset, s.value);
    }
  }

  auto const& names = d.names;
  auto const less = [&](int a, int b) { return names.value_less(a, b); };
  version_orders out;
  out.by_key.resize(d.keys.size());
  for (std::size_t k = 0; k < entries.size(); ++k) {
    auto& e = entries[k];
    std::sort(e.begin(), e.end(), [&](auto const& a, auto const& b) {
      return a.first != b.first ? a.first < b.first : less(a.second, b.second);
    });
    e.erase(std::unique(e.begin(), e.end()), e.end());
    auto& vo = out.by_key[k];
    for (std::size_t j = 0; j < e.size(); ++j) {
      if (j == 0 || e[j].first != e[j - 1].first) {
        vo.offsets.push_back(e[j].first);
        vo.messages.emplace_back();
      }
      vo.messages.back().push_back(e[j].second);
    }
    std::unordered_map<int, std::vector<std::int64_t>> seen_at;
    for (std::size_t i = 0; i < vo.offsets.size(); ++i) {
      auto const& ms = vo.messages[i];
      vo.by_index.push_back(ms.front());
      vo.by_value[ms.front()] = static_cast<int>(i);
      if (ms.size() >= 2) {
        out.inconsistent.push_back({static_cast<int>(k), vo.offsets[i], static_cast<int>(i), ms});
      }
      for (int v : ms) seen_at[v].push_back(vo.offsets[i]);
    }
    std::vector<duplicate> dups;
    for (auto& [v, offs] : seen_at) {
      if (offs.size() > 1) dups.push_back({static_cast<int>(k), v, static_cast<int>(offs.size()), std::move(offs)});
    }
    std::sort(dups.begin(), dups.end(), [&](auto const& a, auto const& b) { return less(a.value, b.value); });
    out.duplicates.insert(out.duplicates.end(), dups.begin(), dups.end());
  }
  return out;
}

}  // namespace glomers::harness::kafka
