// Challenge 4 and the pn-counter workload: the counting strategies, as binaries.
#pragma once

#include "challenges/catalog.hpp"
#include "challenges/counter/server.hpp"
#include "policies/counter/crdt.hpp"
#include "policies/counter/kv_cas.hpp"

namespace glomers::catalog {

struct g_counter {
  static constexpr std::string_view name = "g_counter";
  static constexpr std::string_view what = "challenge 4: PN-CRDT gossiped, shares in seq-kv";
  template <class Runtime>
  using server = counter_server<Runtime, counter::crdt<500, 1000>>;
};

struct g_counter_cas {
  static constexpr std::string_view name = "g_counter_cas";
  static constexpr std::string_view what = "challenge 4: compare-and-set on one seq-kv key (baseline)";
  template <class Runtime>
  using server = counter_server<Runtime, counter::kv_cas<500, 500>>;
};

struct g_counter_durable {
  static constexpr std::string_view name = "g_counter_durable";
  static constexpr std::string_view what = "challenge 4: adds acknowledged once durable; survives kill";
  template <class Runtime>
  using server = counter_server<Runtime, counter::crdt<500, 100, true>>;
};

struct pn_counter {
  static constexpr std::string_view name = "pn_counter";
  static constexpr std::string_view what = "pn-counter workload: PN-CRDT";
  template <class Runtime>
  using server = counter_server<Runtime, counter::crdt<500, 1000>>;
};

}  // namespace glomers::catalog
