// The txn-rw-register checker: Elle's rw-register analysis with writes-follow-reads version
// inference, as Maelstrom runs it (spec §6.8), plus our opt-in final-read facts.
//
// Version order per key: nil precedes every value; a txn that read v and then wrote v' puts
// v before v'; with final reads, every other installed version precedes the value all replicas
// agree on at the end (this is what makes G0 visible: Maelstrom issue #56). A source whose
// edges would make a key's versions cyclic is dropped and reported as cyclic-versions.
#pragma once

#include "harness/workloads/txn/anomalies.hpp"
#include "harness/workloads/txn/register_cases.hpp"


namespace glomers::harness::txn {

struct register_options {
  std::string consistency_models = "strict-serializable";  // the raw --consistency-models value
  bool final_reads = false;  // ours: use the final-read phase's values
  std::chrono::milliseconds cycle_search_timeout{1000};
};

namespace detail {

struct version_edge {
  std::int64_t key, from, to;
  auto operator<=>(version_edge const&) const = default;
};

// The cyclic version sets of each key, as Elle's cyclic-version-cases reports them.
inline json::array cyclic_versions(txn_history const& th, std::vector<version_edge> edges, json::array const& sources) {
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  json::array out;
  for (std::size_t i = 0; i < edges.size();) {
    std::size_t j = i;
    std::vector<std::int64_t> vals;
    while (j < edges.size() && edges[j].key == edges[i].key) vals.push_back(edges[j].from), vals.push_back(edges[j].to), ++j;
    std::sort(vals.begin(), vals.end());
    vals.erase(std::unique(vals.begin(), vals.end()), vals.end());
    auto const id = [&](std::int64_t v) { return static_cast<vertex>(std::lower_bound(vals.begin(), vals.end(), v) - vals.begin()); };
    graph_builder gb;
    for (auto e = i; e < j; ++e) gb.link(id(edges[e].from), id(edges[e].to), rel::ww);
    auto const g = gb.build(vals.size());
    for (auto const& scc : strongly_connected(g, rel::ww).nontrivial) {
      json::array vs;
      for (auto v : scc) vs.push_back(th.values.value(vals[v]));
      out.push_back(json::object{{"key", th.values.value(edges[i].key)}, {"scc", vs}, {"sources", sources}});
    }
    i = j;
  }
  return out;
}

}  // namespace detail

inline json::object check_rw_register(history const& h, register_options const& opts = {}) {
  try {
    auto const ms = parse_models(opts.consistency_models);
    auto const prohibited = prohibited_anomalies(ms);
    auto const th = read_txns(h, false);
    auto const n = th.size();
    json::object anomalies;
    auto const put = [&](char const* type, json::array cases) {
      if (!cases.empty()) anomalies[type] = std::move(cases);
    };

    // External reads and writes of ok txns, by key and value.
    kv_map<std::vector<std::uint32_t>> writers, readers;
    for (std::uint32_t t = 0; t < n; ++t) {
      if (!th.txns[t].ok()) continue;
      ext_writes(th, t, [&](std::int64_t k, std::int64_t v) { writers[{k, v}].push_back(t); });
      ext_reads(th, t, [&](std::int64_t k, std::int64_t v) { readers[{k, v}].push_back(t); });
    }

    // Version graphs, source by source.
    std::vector<detail::version_edge> versions;
    for (std::uint32_t t = 0; t < n; ++t) {
      if (th.txns[t].fail()) continue;
      auto const initial = [&](std::int64_t k, std::int64_t v) {
        if (v != interner::nil) versions.push_back({k, interner::nil, v});
      };
      ext_writes(th, t, initial);
      if (th.txns[t].ok()) ext_reads(th, t, initial);
    }
    json::array sources{"initial-state"}, cyclic;
    auto const try_source = [&](char const* name, std::vector<detail::version_edge> const& more) {
      auto combined = versions;
      combined.insert(combined.end(), more.begin(), more.end());
      json::array with = sources;
      with.push_back(name);
      auto cases = detail::cyclic_versions(th, combined, with);
      if (!cases.empty()) {
        for (auto& c : cases) cyclic.push_back(std::move(c));
        return;
      }
      versions = std::move(combined);
      sources = std::move(with);
    };
    std::vector<detail::version_edge> wfr;
    for (std::uint32_t t = 0; t < n; ++t) {
      if (!th.txns[t].ok()) continue;
      ext_reads(th, t, [&](std::int64_t k, std::int64_t v) {
        if (v == interner::nil) return;
        ext_writes(th, t, [&](std::int64_t k2, std::int64_t v2) {
          if (k2 == k) wfr.push_back({k, v, v2});
        });
      });
    }
    try_source("wfr-keys", wfr);
    if (opts.final_reads) {
      json::array divergent;
      auto const finals = final_values(th, divergent);
      put("divergent-replicas", std::move(divergent));
      std::vector<detail::version_edge> last;
      for (auto const& [k, v] : writers) {
        auto it = finals.find(k.key);
        if (it != finals.end() && it->second != interner::nil && k.value != it->second) last.push_back({k.key, k.value, it->second});
      }
      for (auto const& [k, v] : readers) {
        auto it = finals.find(k.key);
        if (it != finals.end() && it->second != interner::nil && k.value != it->second && k.value != interner::nil) {
          last.push_back({k.key, k.value, it->second});
        }
      }
      try_source("final-reads", last);
    }
    put("cyclic-versions", std::move(cyclic));
    std::sort(versions.begin(), versions.end());
    versions.erase(std::unique(versions.begin(), versions.end()), versions.end());

    // The transaction graph: wr from the unique writer of each read value; ww and rw along
    // each version edge.
    graph_builder gb;
    static std::vector<std::uint32_t> const none;
    auto const at = [&](kv_map<std::vector<std::uint32_t>> const& m, kv x) -> std::vector<std::uint32_t> const& {
      auto it = m.find(x);
      return it == m.end() ? none : it->second;
    };
    for (auto const& [x, rs] : readers) {
      auto const& ws = at(writers, x);
      if (ws.size() > 1) {
        throw analysis_error("Key " + boost::json::serialize(th.values.value(x.key)) + " had value " +
                             boost::json::serialize(th.values.value(x.value)) + " written by more than one op");
      }
      for (auto r : rs) {
        if (!ws.empty()) gb.link(ws[0], r, rel::wr);
      }
    }
    for (auto const& e : versions) {
      auto const& to = at(writers, {e.key, e.to});
      for (auto w : at(writers, {e.key, e.from})) {
        for (auto b : to) gb.link(w, b, rel::ww);
      }
      for (auto r : at(readers, {e.key, e.from})) {
        for (auto b : to) gb.link(r, b, rel::rw);
      }
    }
    auto const wants = [&](char const* suffix) {
      return std::any_of(prohibited.begin(), prohibited.end(), [&](auto const& a) { return a.ends_with(suffix); });
    };
    if (wants("-realtime")) add_realtime_edges(th, gb);
    else if (wants("-process")) add_process_edges(th, gb);
    if (gb.empty()) anomalies["empty-transaction-graph"] = true;  // Elle: no vertex in the combined graph
    auto const g = gb.build(n);

    // Non-cycle anomalies.
    json::array g1a, g1b;
    register_dirty_reads(th, g1a, g1b);
    put("G1a", std::move(g1a));
    put("G1b", std::move(g1b));
    put("internal", register_internal(th));
    put("lost-update", lost_updates(th, [](char f) { return f == 'w'; },
                                    [&](std::int64_t v) { return th.values.value(v); }));

    // Cycles, each step explained by the key and versions behind it.
    auto const has_version = [&](std::int64_t k, std::int64_t from, std::int64_t to) {
      return std::binary_search(versions.begin(), versions.end(), detail::version_edge{k, from, to});
    };
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
      auto const explain_with = [&](auto&& from_a) {
        bool done = false;
        from_a(a, [&](std::int64_t k, std::int64_t va) {
          if (done) return;
          auto const match = [&](std::int64_t k2, std::int64_t vb) {
            if (done || k2 != k) return;
            if (r == rel::wr ? vb == va : has_version(k, va, vb)) {
              step["key"] = th.values.value(k);
              step["value"] = th.values.value(va);
              if (r != rel::wr) step["value'"] = th.values.value(vb);
              done = true;
            }
          };
          if (r == rel::wr) ext_reads(th, b, match);
          else ext_writes(th, b, match);
        });
      };
      if (r == rel::rw) explain_with([&](vertex t, auto&& fn) { ext_reads(th, t, fn); });
      else explain_with([&](vertex t, auto&& fn) { ext_writes(th, t, fn); });
      return step;
    };
    find_cycle_anomalies(g, th, explain, anomalies, opts.cycle_search_timeout);
    return result_map(ms, anomalies);
  } catch (std::exception const& e) {
    return json::object{{"valid?", "unknown"}, {"error", e.what()}};
  }
}

}  // namespace glomers::harness::txn
