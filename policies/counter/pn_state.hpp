// counter::pn_state: a PN-counter CRDT's state. Per node, the total of its positive adds (P) and
// of its negative adds (N, as a positive number); both only grow, so merging keeps the larger of
// each, and merges commute, associate and repeat harmlessly. The value is ΣP − ΣN.
// Every total stays in [0, INT64_MAX]: an add that would leave it, or take the value out of the
// int64 range, is refused (state unchanged), and a state with a negative total is not read, so
// no input can corrupt a state that peers would then reject forever. Sums are taken in 128 bits.
#pragma once

#include "maelstrom/json.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace glomers::counter {

class pn_state {
 public:
  // False (and nothing changes) when the add would overflow node's total or the value.
  bool can_add(std::string const& node, std::int64_t delta) const {
    if (delta == INT64_MIN) return false;
    auto const [p, n] = share(node);
    auto const side = delta >= 0 ? p : n;
    if (side > INT64_MAX - (delta >= 0 ? delta : -delta)) return false;
    auto const v = sum() + delta;
    return v >= INT64_MIN && v <= INT64_MAX;
  }
  bool add(std::string const& node, std::int64_t delta) {
    if (!can_add(node, delta)) return false;
    if (delta >= 0) p_[node] += delta;
    else n_[node] += -delta;
    return true;
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

  // ΣP − ΣN, or nullopt when it is outside the int64 range (merged concurrent adds can do that).
  std::optional<std::int64_t> exact_value() const {
    auto const v = sum();
    if (v < INT64_MIN || v > INT64_MAX) return std::nullopt;
    return static_cast<std::int64_t>(v);
  }
  // The value, clamped to the int64 range.
  std::int64_t value() const {
    auto const v = sum();
    return v < INT64_MIN ? INT64_MIN : v > INT64_MAX ? INT64_MAX : static_cast<std::int64_t>(v);
  }

  // The nodes the state has totals for.
  std::vector<std::string> nodes() const {
    std::vector<std::string> out;
    for (auto const* m : {&p_, &n_}) {
      for (auto const& [node, total] : *m) out.push_back(node);
    }
    return out;
  }

  // This node's share: {p, n}.
  std::pair<std::int64_t, std::int64_t> share(std::string const& node) const {
    auto const get = [&](auto const& m) { auto it = m.find(node); return it == m.end() ? 0 : it->second; };
    return {get(p_), get(n_)};
  }
  // Raises node's totals to at least {p, n}; negative totals are ignored.
  void set_share(std::string const& node, std::int64_t p, std::int64_t n) {
    if (p < 0 || n < 0) return;
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
  __int128 sum() const {
    __int128 v = 0;
    for (auto const& [node, total] : p_) v += total;
    for (auto const& [node, total] : n_) v -= total;
    return v;
  }

  std::map<std::string, std::int64_t> p_, n_;
};

}  // namespace glomers::counter
