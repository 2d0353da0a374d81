// The txn-list-append checker: Elle's list-append analysis as Maelstrom runs it (spec §6.9),
// Elle's own validity (unknown is possible). Each key's version order is its longest read;
// ww, wr and rw edges relate each append to the element before it in that order.
#pragma once

#include "harness/workloads/txn/anomalies.hpp"
#include "harness/workloads/txn/list_cases.hpp"

namespace glomers::harness::txn {

struct append_options {
  std::string consistency_models = "strict-serializable";
  std::chrono::milliseconds cycle_search_timeout{1000};
};

inline json::object check_list_append(history const& h, append_options const& opts = {}) {
  try {
    auto const ms = parse_models(opts.consistency_models);
    auto const prohibited = prohibited_anomalies(ms);
    auto const th = read_txns(h, true);
    auto const n = th.size();
    kv_map<char> appended;
    for (std::uint32_t t = 0; t < n; ++t) {
      for (auto const* m = th.begin(t); m != th.end(t); ++m) {
        if (m->f == 'a' && !appended.try_emplace({m->key, m->value}, 1).second) {
          throw analysis_error("value " + boost::json::serialize(th.values.value(m->value)) + " appended to key " +
                               boost::json::serialize(th.values.value(m->key)) + " multiple times!");
        }
      }
    }
    json::object anomalies;
    auto const put = [&](char const* type, json::array cases) {
      if (!cases.empty()) anomalies[type] = std::move(cases);
    };
    auto const possible = [&](std::size_t t) { return !th.txns[t].fail(); };
    json::array incompatible;
    auto const orders = append_orders(th, possible, &incompatible);

    // Indexes over ok and info txns: who appended each element, who read each last element.
    constexpr std::int64_t init = interner::nil;
    kv_map<std::uint32_t> writer;
    kv_map<std::vector<std::uint32_t>> readers;
    for (std::uint32_t t = 0; t < n; ++t) {
      if (!possible(t)) continue;
      for (auto const* m = th.begin(t); m != th.end(t); ++m) {
        if (m->f == 'a') {
          writer[{m->key, m->value}] = t;
        } else if (!(th.txns[t].info() && m->value < 0)) {
          auto const* l = m->value < 0 ? nullptr : &th.lists[static_cast<std::size_t>(m->value)];
          readers[{m->key, !l || l->empty() ? init : l->back()}].push_back(t);
        }
      }
    }
    // The element appended just before v; an element never read follows the last one read.
    auto const previous = [&](std::int64_t k, std::int64_t v) -> std::int64_t {
      auto it = orders.find(k);
      if (it == orders.end() || it->second.values.empty()) return init;
      auto const& o = it->second;
      auto i = o.index.find(v);
      if (i == o.index.end()) return o.values.back();
      return i->second == 0 ? init : o.values[i->second - 1];
    };
    auto const find = [](auto const& m, kv x) { return m.find(x); };

    graph_builder gb;
    for (std::uint32_t t = 0; t < n; ++t) {
      if (!possible(t)) continue;
      for (auto const* m = th.begin(t); m != th.end(t); ++m) {
        if (m->f == 'a') {
          auto const prev = previous(m->key, m->value);
          if (prev != init) {
            if (auto w = find(writer, {m->key, prev}); w != writer.end()) gb.link(w->second, t, rel::ww);
          }
          if (auto r = find(readers, {m->key, prev}); r != readers.end()) {
            for (auto reader : r->second) gb.link(reader, t, rel::rw);
          }
        } else if (m->value >= 0 && !th.lists[static_cast<std::size_t>(m->value)].empty()) {
          if (auto w = find(writer, {m->key, th.lists[static_cast<std::size_t>(m->value)].back()}); w != writer.end()) {
            gb.link(w->second, t, rel::wr);
          }
        }
      }
    }
    auto const wants = [&](char const* suffix) {
      return std::any_of(prohibited.begin(), prohibited.end(), [&](auto const& a) { return a.ends_with(suffix); });
    };
    if (wants("-realtime")) add_realtime_edges(th, gb);
    else if (wants("-process")) add_process_edges(th, gb);
    if (gb.empty()) anomalies["empty-transaction-graph"] = true;  // Elle: no vertex in the combined graph
    auto const g = gb.build(n);

    json::array g1a, g1b, internal, future;
    list_dirty_reads(th, g1a, g1b);
    list_internal(th, internal, future);
    put("duplicate-elements", duplicate_elements(th));
    put("incompatible-order", std::move(incompatible));
    put("internal", std::move(internal));
    put("future-read", std::move(future));
    put("dirty-update", dirty_updates(th, append_orders(th, [](std::size_t) { return true; }, nullptr)));
    put("G1a", std::move(g1a));
    put("G1b", std::move(g1b));
    put("lost-update", lost_updates(th, [](char f) { return f == 'a'; },
                                    [&](std::int64_t l) { return th.list_json(l); }));

    auto const explain = [&](vertex a, vertex b, rels r) -> json::object {
      json::object step{{"type", rel_name(r)}};
      if (r == rel::realtime) {
        step["a-completed"] = th.txns[a].completion->index;
        step["b-invoked"] = th.txns[b].invocation->index;
        return step;
      }
      if (r == rel::process) {
        step["process"] = th.txns[a].completion->process;
        return step;
      }
      for (auto const* m = th.begin(b); m != th.end(b); ++m) {
        if (r == rel::wr && m->f == 'r' && m->value >= 0) {
          auto const& l = th.lists[static_cast<std::size_t>(m->value)];
          auto w = l.empty() ? writer.end() : find(writer, {m->key, l.back()});
          if (w == writer.end() || w->second != a) continue;
          step["key"] = th.values.value(m->key);
          step["value"] = th.values.value(l.back());
          return step;
        }
        if (r == rel::wr || m->f != 'a') continue;
        auto const prev = previous(m->key, m->value);
        bool hit = false;
        if (r == rel::ww) {
          auto w = prev == init ? writer.end() : find(writer, {m->key, prev});
          hit = w != writer.end() && w->second == a;
        } else if (auto rd = find(readers, {m->key, prev}); rd != readers.end()) {
          hit = std::find(rd->second.begin(), rd->second.end(), a) != rd->second.end();
        }
        if (!hit) continue;
        step["key"] = th.values.value(m->key);
        step["value"] = th.values.value(prev);
        step["value'"] = th.values.value(m->value);
        return step;
      }
      return step;
    };
    find_cycle_anomalies(g, th, explain, anomalies, opts.cycle_search_timeout);
    return result_map(ms, anomalies, false);
  } catch (std::exception const& e) {
    return json::object{{"valid?", "unknown"}, {"error", e.what()}};
  }
}

}  // namespace glomers::harness::txn
