// Consistency models and the anomalies they prohibit, as Elle 0.2.2 relates them
// (consistency_model.clj; spec §6.10): an anomaly implication DAG, a model implication DAG, the
// anomalies each model proscribes directly, and Elle's result map with Maelstrom's validity rule.
#pragma once

#include "maelstrom/json.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace glomers::harness::txn {

using name_set = std::set<std::string>;

// A small DAG over names, walked in either direction; a walk includes its starting names.
class name_dag {
 public:
  name_dag(std::initializer_list<std::pair<char const*, std::initializer_list<char const*>>> edges) {
    for (auto const& [from, tos] : edges) {
      vertices_.insert(from);
      for (auto const* to : tos) add(from, to);
    }
  }
  void add(std::string const& from, std::string const& to) {
    out_[from].insert(to);
    in_[to].insert(from);
    vertices_.insert(from);
    vertices_.insert(to);
  }
  name_set reach_out(name_set const& start) const { return reach(start, out_); }
  name_set reach_in(name_set const& start) const { return reach(start, in_); }
  name_set const& out(std::string const& v) const { return get(out_, v); }
  name_set const& in(std::string const& v) const { return get(in_, v); }
  name_set const& vertices() const { return vertices_; }

  // Longest distance from a vertex without in-edges (Elle's topo-depths).
  std::map<std::string, int> depths() const {
    std::map<std::string, int> d;
    std::map<std::string, int> pending;
    std::deque<std::string> ready;
    for (auto const& v : vertices_) {
      pending[v] = static_cast<int>(in(v).size());
      if (pending[v] == 0) ready.push_back(v), d[v] = 0;
    }
    while (!ready.empty()) {
      auto v = ready.front();
      ready.pop_front();
      for (auto const& w : out(v)) {
        d[w] = std::max(d[w], d[v] + 1);
        if (--pending[w] == 0) ready.push_back(w);
      }
    }
    return d;
  }

 private:
  using adjacency = std::map<std::string, name_set>;
  static name_set const& get(adjacency const& a, std::string const& v) {
    static name_set const none;
    auto it = a.find(v);
    return it == a.end() ? none : it->second;
  }
  static name_set reach(name_set const& start, adjacency const& a) {
    name_set seen(start.begin(), start.end());
    std::deque<std::string> todo(start.begin(), start.end());
    while (!todo.empty()) {
      auto v = todo.front();
      todo.pop_front();
      for (auto const& w : get(a, v)) {
        if (seen.insert(w).second) todo.push_back(w);
      }
    }
    return seen;
  }
  adjacency out_, in_;
  name_set vertices_;
};

// An anomaly a -> b: finding a means b is present too.
inline name_dag const& implied_anomalies() {
  static name_dag const g{
      {"G0", {"G1c", "G0-process"}}, {"G0-process", {"G1c-process", "G0-realtime"}},
      {"G0-realtime", {"G1c-realtime"}}, {"G1a", {"G1"}}, {"G1b", {"G1"}},
      {"G1c", {"G1", "G1c-process"}}, {"G1c-process", {"G1c-realtime", "G1-process"}},
      {"G1c-realtime", {"G1-realtime"}}, {"G1", {"G1-process"}}, {"G1-process", {"G1-realtime"}},
      {"G-single-item", {"G-single", "G-single-item-process", "G-nonadjacent-item"}},
      {"G-single-item-process", {"G-single-process", "G-single-item-realtime", "G-nonadjacent-item-process"}},
      {"G-single-item-realtime", {"G-single-realtime", "G-nonadjacent-item-realtime"}},
      {"G-single", {"G-nonadjacent", "GSIb", "G-single-process"}},
      {"G-single-process", {"G-nonadjacent-process", "G-single-realtime"}},
      {"G-single-realtime", {"G-nonadjacent-realtime"}},
      {"G-nonadjacent-item", {"G-nonadjacent", "G2-item", "G-nonadjacent-item-process"}},
      {"G-nonadjacent-item-process", {"G-nonadjacent-process", "G2-item-process", "G-nonadjacent-item-realtime"}},
      {"G-nonadjacent-item-realtime", {"G2-item-realtime", "G-nonadjacent-realtime"}},
      {"G-nonadjacent", {"G2", "G-nonadjacent-process"}},
      {"G-nonadjacent-process", {"G2-process", "G-nonadjacent-realtime"}},
      {"G-nonadjacent-realtime", {"G2-realtime"}}, {"G2", {"G2-process"}},
      {"G2-item", {"G2", "G2-item-process"}}, {"G2-item-process", {"G2-process", "G2-item-realtime"}},
      {"G2-item-realtime", {"G2-realtime"}}, {"G2-process", {"G2-realtime"}}, {"GSIa", {"GSI"}},
      {"GSIb", {"GSI"}}, {"incompatible-order", {"G1a"}}, {"future-read", {"G1c"}},
      {"dirty-update", {"G1a"}}, {"lost-update", {"write-skew", "G2-item"}}, {"write-skew", {"G2"}}};
  return g;
}

// Elle's depth of an anomaly in the implication graph merged with its severity graph: cycle
// searches run shallowest first (G0 before G1c before G-single...).
inline int anomaly_depth(std::string const& a) {
  static std::map<std::string, int> const depths = [] {
    name_dag g{{"G0", {"G1c"}}, {"G0-process", {"G1c-process"}}, {"G0-realtime", {"G1c-realtime"}},
               {"G1c", {"G-single", "G2-item"}}, {"G1c-process", {"G-single-process", "G2-item-process"}},
               {"G1c-realtime", {"G-single-realtime", "G2-item-realtime"}}, {"G2", {"G0-process"}},
               {"G2-process", {"G0-realtime"}}};
    for (auto const& v : implied_anomalies().vertices()) {
      for (auto const& w : implied_anomalies().out(v)) g.add(v, w);
    }
    return g.depths();
  }();
  auto it = depths.find(a);
  return it == depths.end() ? 0 : it->second;
}

// Elle's canonical model names; friendly names are the reverse (PL-SS reads strong-serializable).
inline std::string canonical_model(std::string const& m) {
  static std::map<std::string, std::string> const names{
      {"consistent-view", "PL-2+"}, {"conflict-serializable", "PL-3"}, {"cursor-stability", "PL-CS"},
      {"forward-consistent-view", "PL-FCV"}, {"monotonic-snapshot-read", "PL-MSR"},
      {"monotonic-view", "PL-2L"}, {"read-committed", "PL-2"}, {"read-uncommitted", "PL-1"},
      {"repeatable-read", "PL-2.99"}, {"serializable", "PL-3"}, {"snapshot-isolation", "PL-SI"},
      {"strict-serializable", "PL-SS"}, {"strong-serializable", "PL-SS"}, {"update-serializable", "PL-3U"},
      {"strong-session-read-uncommitted", "strong-session-PL-1"},
      {"strong-session-read-committed", "strong-session-PL-2"},
      {"strong-read-uncommitted", "strong-PL-1"}, {"strong-read-committed", "strong-PL-2"}};
  auto it = names.find(m);
  return it == names.end() ? m : it->second;
}

inline std::string friendly_model(std::string const& m) {
  static std::map<std::string, std::string> const names{
      {"PL-2+", "consistent-view"}, {"PL-3", "serializable"}, {"PL-CS", "cursor-stability"},
      {"PL-FCV", "forward-consistent-view"}, {"PL-MSR", "monotonic-snapshot-read"},
      {"PL-2L", "monotonic-view"}, {"PL-2", "read-committed"}, {"PL-1", "read-uncommitted"},
      {"PL-2.99", "repeatable-read"}, {"PL-SI", "snapshot-isolation"}, {"PL-SS", "strong-serializable"},
      {"PL-3U", "update-serializable"}, {"strong-session-PL-1", "strong-session-read-uncommitted"},
      {"strong-session-PL-2", "strong-session-read-committed"},
      {"strong-PL-1", "strong-read-uncommitted"}, {"strong-PL-2", "strong-read-committed"}};
  auto it = names.find(m);
  return it == names.end() ? m : it->second;
}

namespace detail {
inline name_dag canonicalized(name_dag const& raw) {
  name_dag g{};
  for (auto const& v : raw.vertices()) {
    for (auto const& w : raw.out(v)) g.add(canonical_model(v), canonical_model(w));
  }
  return g;
}
}  // namespace detail

// A model a -> b: a history satisfying a satisfies b (canonical names).
inline name_dag const& models() {
  static name_dag const g = detail::canonicalized(name_dag{
      {"causal-cerone", {"read-atomic"}}, {"consistent-view", {"cursor-stability", "monotonic-view"}},
      {"conflict-serializable", {"view-serializable"}}, {"cursor-stability", {"read-committed", "PL-2"}},
      {"forward-consistent-view", {"consistent-view"}}, {"PL-2", {"PL-1"}},
      {"PL-3", {"repeatable-read", "update-serializable"}}, {"update-serializable", {"forward-consistent-view"}},
      {"monotonic-atomic-view", {"read-committed"}}, {"monotonic-view", {"PL-2"}},
      {"monotonic-snapshot-read", {"PL-2"}}, {"parallel-snapshot-isolation", {"causal-cerone", "update-atomic"}},
      {"prefix", {"causal-cerone"}}, {"read-atomic", {"monotonic-atomic-view"}},
      {"read-committed", {"read-uncommitted"}}, {"repeatable-read", {"cursor-stability", "monotonic-atomic-view"}},
      {"update-atomic", {"read-atomic"}}, {"serializable", {"repeatable-read", "snapshot-isolation", "view-serializable"}},
      {"session-serializable", {"1SR"}},
      {"snapshot-isolation", {"forward-consistent-view", "monotonic-atomic-view", "monotonic-snapshot-read",
                              "parallel-snapshot-isolation", "prefix"}},
      {"strict-serializable", {"PL-3", "serializable", "linearizable", "snapshot-isolation",
                               "strong-snapshot-isolation", "strong-session-serializable"}},
      {"strong-session-PL-1", {"PL-1"}}, {"strong-session-PL-2", {"PL-2", "strong-session-PL-1"}},
      {"strong-PL-1", {"strong-session-PL-1"}}, {"strong-PL-2", {"strong-session-PL-2", "strong-PL-1"}},
      {"strong-session-serializable", {"serializable", "strong-session-snapshot-isolation"}},
      {"strong-session-snapshot-isolation", {"snapshot-isolation", "strong-session-PL-2"}},
      {"strong-serializable", {"session-serializable"}},
      {"strong-snapshot-isolation", {"strong-session-snapshot-isolation", "strong-PL-2"}},
      {"linearizable", {"sequential"}}, {"sequential", {"causal"}},
      {"causal", {"writes-follow-reads", "PRAM"}},
      {"PRAM", {"monotonic-reads", "monotonic-writes", "read-your-writes"}}});
  return g;
}

// A model -> the anomalies it proscribes beyond the models it implies.
inline name_dag const& direct_proscribed() {
  static name_dag const g = [] {
    name_dag raw{
        {"causal-cerone", {"internal", "G1a"}}, {"cursor-stability", {"G1", "G-cursor", "lost-update"}},
        {"monotonic-view", {"G1", "G-monotonic"}}, {"monotonic-snapshot-read", {"G1", "G-MSR"}},
        {"consistent-view", {"G1", "G-single"}}, {"forward-consistent-view", {"G1", "G-SIb"}},
        {"parallel-snapshot-isolation", {"internal", "G1a"}},
        {"PL-3", {"G1", "G2", "predicate-read-miss", "PL-3-cycle-exists"}},
        {"PL-2", {"G1", "PL-2-cycle-exists"}},
        {"PL-1", {"G0", "duplicate-elements", "cyclic-versions", "PL-1-cycle-exists"}},
        {"prefix", {"internal", "G1a"}}, {"serializable", {"internal"}},
        {"snapshot-isolation", {"internal", "G1", "G-SI", "G-nonadjacent", "PL-SI-cycle-exists"}},
        {"read-atomic", {"internal", "G1a", "future-read"}},
        {"repeatable-read", {"G1", "G2-item", "PL-2.99-cycle-exists", "lost-update"}},
        {"update-atomic", {"lost-update"}},
        {"strict-serializable", {"G1", "G1c-realtime", "G2-realtime", "PL-SS-cycle-exists"}},
        {"strong-session-PL-1", {"strong-session-PL-1-cycle-exists", "G0-process"}},
        {"strong-session-PL-2", {"strong-session-PL-2-cycle-exists", "G1c-process"}},
        {"strong-PL-1", {"strong-PL-1-cycle-exists", "G0-realtime"}},
        {"strong-PL-2", {"strong-PL-2-cycle-exists", "G1c-realtime"}},
        {"strong-session-snapshot-isolation",
         {"internal", "G1-process", "G-nonadjacent-process", "strong-session-snapshot-isolation-cycle-exists"}},
        {"strong-snapshot-isolation",
         {"internal", "G1-realtime", "G-nonadjacent-realtime", "strong-snapshot-isolation-cycle-exists"}},
        {"strong-session-serializable", {"G1-process", "G2-process", "strong-session-serializable-cycle-exists"}},
        {"update-serializable", {"G1", "G-update"}}};
    name_dag g{};
    for (auto const& m : raw.vertices()) {
      for (auto const& a : raw.out(m)) g.add(canonical_model(m), a);
    }
    return g;
  }();
  return g;
}

// Thrown for a model Elle does not know (the checker then answers "unknown").
class unknown_model : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

inline name_set canonical_models(std::vector<std::string> const& ms) {
  name_set const& known = models().vertices();
  name_set out;
  for (auto const& m : ms) {
    auto const c = canonical_model(m);
    if (!known.count(c)) throw unknown_model("Unknown consistency model :" + m);
    out.insert(c);
  }
  return out;
}

// --consistency-models as Maelstrom splits it: on whitespace, comma, whitespace.
inline std::vector<std::string> parse_models(std::string const& flag) {
  static std::regex const sep("\\s+,\\s+");
  std::vector<std::string> out;
  for (std::sregex_token_iterator it(flag.begin(), flag.end(), sep, -1), end; it != end; ++it) out.push_back(*it);
  if (out.empty()) out.push_back("");
  return out;
}

// Anomalies that must not occur if every model holds.
inline name_set prohibited_anomalies(std::vector<std::string> const& ms) {
  name_set direct;
  for (auto const& m : models().reach_out(canonical_models(ms))) {
    auto const& a = direct_proscribed().out(m);
    direct.insert(a.begin(), a.end());
  }
  return implied_anomalies().reach_in(direct);
}

// Models that cannot hold given these anomalies (canonical names).
inline name_set impossible_models(name_set const& anomalies) {
  name_set direct;
  for (auto const& a : implied_anomalies().reach_out(anomalies)) {
    auto const& m = direct_proscribed().in(a);
    direct.insert(m.begin(), m.end());
  }
  return models().reach_in(direct);
}

// Elle's friendly boundary: "not" the weakest impossible models, "also-not" the rest.
inline std::pair<name_set, name_set> boundary(name_set const& anomalies) {
  auto const impossible = impossible_models(anomalies);
  name_set is_not, also_not;
  for (auto const& m : impossible) {
    auto below = models().reach_out({m});
    below.erase(m);
    bool const weakest = std::none_of(below.begin(), below.end(), [&](auto const& b) { return impossible.count(b) > 0; });
    (weakest ? is_not : also_not).insert(friendly_model(m));
  }
  return {is_not, also_not};
}

}  // namespace glomers::harness::txn
