// counter::pn_state: a PN-counter CRDT's state. Per node, the total of its positive adds (P) and
// of its negative adds (N, as a positive number); both only grow, so merging keeps the larger of
// each, and merges commute, associate and repeat harmlessly. The value is ΣP − ΣN.
#pragma once

#include "maelstrom/json.hpp"

#include <algorithm>
#include <map>
#include <string>

namespace glomers::counter {

class pn_state {
 public:
  void add(std::string const& node, std::int64_t delta) {
    if (delta >= 0) p_[node] += delta;
    else n_[node] += -delta;
  }

  // Keeps, per node and side, the larger total. True when anything grew.
  bool merge(pn_state const& other) {
    bool grew = false;
    for (auto const& [side, theirs] : {std::pair{&p_, &other.p_}, std::pair{&n_, &other.n_}}) {
      for (auto const& [node, total] : *theirs) {
        auto& mine = (*side)[node];
        if (total > mine) {
          mine = total;
          grew = true;
        }
      }
    }
    return grew;
  }

  std::int64_t value() const {
    std::int64_t v = 0;
    for (auto const& [node, total] : p_) v += total;
    for (auto const& [node, total] : n_) v -= total;
    return v;
  }

  // This node's share: {p, n}.
  std::pair<std::int64_t, std::int64_t> share(std::string const& node) const {
    auto const get = [&](auto const& m) { auto it = m.find(node); return it == m.end() ? 0 : it->second; };
    return {get(p_), get(n_)};
  }
  void set_share(std::string const& node, std::int64_t p, std::int64_t n) {
    p_[node] = std::max(p_[node], p);
    n_[node] = std::max(n_[node], n);
  }

  json::object to_json() const {
    auto const side = [](std::map<std::string, std::int64_t> const& m) {
      json::object o;
      for (auto const& [k, v] : m) o[k] = v;
      return o;
    };
    return json::object{{"p", side(p_)}, {"n", side(n_)}};
  }
  // Throws json::decode_error on a malformed state.
  static pn_state from_json(json::value const& v) {
    if (!v.is_object()) throw json::decode_error("state: expected an object");
    auto const side = [&](char const* key) {
      auto const* field = v.get_object().if_contains(key);
      if (!field) throw json::decode_error(std::string("state: missing field '") + key + "'");
      return json::decode<std::map<std::string, std::int64_t>>(*field, std::string("state.") + key);
    };
    pn_state s;
    s.p_ = side("p");
    s.n_ = side("n");
    for (auto const& [side, m] : {std::pair{"p", &s.p_}, std::pair{"n", &s.n_}}) {
      for (auto const& [node, total] : *m) {
        if (total < 0) throw json::decode_error(std::string(side) + "." + node + ": totals only grow from 0");
      }
    }
    return s;
  }

 private:
  std::map<std::string, std::int64_t> p_, n_;
};

}  // namespace glomers::counter
