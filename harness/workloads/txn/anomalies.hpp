// Cycle anomalies of a dependency graph (Elle's elle.txn/cycles), and the result map Elle builds
// from all anomalies, with Maelstrom's validity rule on top (spec §6.8).
#pragma once

#include "harness/workloads/txn/cycles.hpp"
#include "harness/workloads/txn/models.hpp"
#include "harness/workloads/txn/txns.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace glomers::harness::txn {

// Explains one edge a -r-> b of a cycle (which key and values make it), as a JSON step.
using edge_explainer = std::function<json::object(vertex a, vertex b, rels r)>;

struct cycle_exists_spec {
  char const* model;  // canonical
  rels a;             // the subgraph, or A of A ∪ (A;B)
  rels b;             // 0, or B (rw) for snapshot-isolation's extension
};

inline std::vector<cycle_exists_spec> const& cycle_exists_specs() {
  using namespace rel;
  static std::vector<cycle_exists_spec> const specs{
      {"PL-1", ww, 0}, {"PL-2", ww | wr, 0}, {"PL-SI", ww | wr, rw}, {"PL-2.99", data, 0}, {"PL-3", data, 0},
      {"strong-session-PL-1", ww | process, 0}, {"strong-session-PL-2", ww | wr | process, 0},
      {"strong-session-snapshot-isolation", ww | wr | process, rw}, {"strong-session-serializable", data | process, 0},
      {"strong-PL-1", ww | realtime, 0}, {"strong-PL-2", ww | wr | realtime, 0},
      {"strong-snapshot-isolation", ww | wr | realtime, rw}, {"PL-SS", data | realtime, 0}};
  return specs;
}

namespace detail {

inline json::array rels_json(rels r, rels b) {
  json::array u{"union"};
  for (rels x = 1; x & rel::all; x <<= 1) {
    if (!(r & x)) continue;
    u.push_back(rel_name(x));
    if (x & rel::data) u.emplace_back(std::string(rel_name(x)) + "p");  // Elle's predicate twins
  }
  if (!b) return u;
  return json::array{"extension", u, json::array{"union", "rw", "rwp"}};
}

inline void add(json::object& anomalies, std::string const& type, json::value c) {
  auto& slot = anomalies[type];
  if (!slot.is_array()) slot = json::array{};
  slot.as_array().push_back(std::move(c));
}

}  // namespace detail

// Searches every strongly connected component of g for cycle anomalies; adds them to anomalies.
inline void find_cycle_anomalies(digraph const& g, txn_history const& th, edge_explainer const& explain,
                                 json::object& anomalies,
                                 std::chrono::milliseconds per_scc = std::chrono::milliseconds(1000)) {
  auto const top = strongly_connected(g, rel::all);
  // Model and anomaly closures repeat from component to component: computed once per check.
  std::map<std::string, name_set> stronger, skip_for, implied;
  auto const memo = [](std::map<std::string, name_set>& cache, std::string const& key, auto&& compute) -> name_set const& {
    auto it = cache.find(key);
    if (it == cache.end()) it = cache.emplace(key, compute()).first;
    return it->second;
  };
  for (auto const& members : top.nontrivial) {
    auto const sub = induced(g, members);
    // Which models a cycle rules out, cheapest check first; stronger models are then skipped.
    name_set redundant, nots;
    for (auto const& s : cycle_exists_specs()) {
      if (redundant.count(s.model)) continue;
      auto const sg = s.b ? sequential_extension(sub, s.a, s.b) : sub;
      auto const sccs = strongly_connected(sg, s.a);
      if (sccs.nontrivial.empty()) continue;
      json::array scc;
      for (auto v : sccs.nontrivial.front()) scc.push_back(th.txns[members[v]].completion->index);
      std::string const type = std::string(s.model) + "-cycle-exists";
      detail::add(anomalies, type,
                  json::object{{"type", type}, {"not", friendly_model(s.model)}, {"subgraph", detail::rels_json(s.a, s.b)},
                               {"scc-size", scc.size()}, {"scc", scc}});
      nots.insert(s.model);
      auto const& more = memo(stronger, s.model, [&] { return models().reach_in({s.model}); });
      redundant.insert(more.begin(), more.end());
    }
    // Cycle types no possible model rules out cannot be here.
    std::string nots_key;
    for (auto const& m : nots) nots_key += m + " ";
    name_set skip = memo(skip_for, nots_key, [&] {
      auto const impossible = models().reach_in(nots);
      std::vector<std::string> possible;
      for (auto const& s : cycle_exists_specs()) {
        if (!impossible.count(s.model)) possible.emplace_back(s.model);
      }
      return prohibited_anomalies(possible);
    });
    cycle_search search(sub, cycle_search::clock::now() + per_scc);
    for (auto const& spec : cycle_specs()) {
      if (skip.count(spec.name)) continue;
      auto c = search.find(spec);
      if (search.timed_out()) {
        detail::add(anomalies, "cycle-search-timeout",
                    json::object{{"type", "cycle-search-timeout"}, {"anomaly-spec-type", spec.name},
                                 {"scc-size", members.size()}});
        break;
      }
      if (!c) continue;
      auto const type = classify(*c);
      if (type.empty()) continue;
      json::array ops, steps;
      auto const k = c->vertices.size();
      for (std::size_t i = 0; i < k; ++i) {
        auto const a = members[c->vertices[i]], b = members[c->vertices[(i + 1) % k]];
        ops.push_back(th.op_json(a));
        steps.push_back(explain(a, b, c->steps[i]));
      }
      ops.push_back(th.op_json(members[c->vertices[0]]));
      detail::add(anomalies, type, json::object{{"type", type}, {"cycle", ops}, {"steps", steps}});
      auto const& more = memo(implied, type + " " + spec.name, [&] { return implied_anomalies().reach_out({type, spec.name}); });
      skip.insert(more.begin(), more.end());
    }
  }
}

// Elle's result map for these anomalies under the models: invalid when a prohibited anomaly
// occurred, unknown when only an empty graph or a search timeout was reported. With maelstrom
// (txn-rw-register's wrapper), a search timeout is dropped and any other reportable anomaly
// makes the result invalid.
inline json::object result_map(std::vector<std::string> const& ms, json::object const& anomalies, bool maelstrom = true) {
  auto const prohibited = prohibited_anomalies(ms);
  json::object reportable;
  bool bad = false;
  for (auto const& [type, cases] : anomalies) {
    std::string const t(type);
    // divergent-replicas is ours (final reads): replicas that never converge are always invalid.
    bool const always = t == "divergent-replicas";
    if (prohibited.count(t) || always || t == "empty-transaction-graph" || t == "cycle-search-timeout") {
      reportable[t] = cases;
    }
    bad |= prohibited.count(t) > 0 || always;
  }
  // A cycle-exists case adds nothing when another anomaly already rules its model out.
  name_set other;
  for (auto const& [t, c] : reportable) {
    if (!std::string_view(t).ends_with("-cycle-exists")) other.insert(std::string(t));
  }
  auto const ruled_out = impossible_models(other);
  for (auto const& s : cycle_exists_specs()) {
    if (ruled_out.count(s.model)) reportable.erase(std::string(s.model) + "-cycle-exists");
  }
  if (maelstrom) reportable.erase("cycle-search-timeout");
  if (reportable.empty()) {
    if (!maelstrom) return json::object{{"valid?", true}};
    return json::object{{"valid?", true}, {"anomaly-types", json::array{}}, {"anomalies", nullptr}};
  }
  std::vector<std::string> types;
  for (auto const& [t, c] : reportable) types.emplace_back(t);
  std::sort(types.begin(), types.end());
  name_set all;
  for (auto const& [t, c] : anomalies) all.insert(std::string(t));
  auto const [is_not, also_not] = boundary(all);
  json::value valid = maelstrom || bad ? json::value(false) : json::value("unknown");
  return json::object{{"valid?", valid},
                      {"anomaly-types", json::array(types.begin(), types.end())},
                      {"anomalies", reportable},
                      {"not", json::array(is_not.begin(), is_not.end())},
                      {"also-not", json::array(also_not.begin(), also_not.end())}};
}

}  // namespace glomers::harness::txn
