// Every workload of the local Maelstrom, by its -w name: the one list the CLI's validation, its
// help and the hosts read. A new workload is a header (or a folder) under harness/workloads/
// with a factory, plus one line here.
#pragma once

#include "harness/workload.hpp"
#include "harness/workloads/broadcast.hpp"
#include "harness/workloads/counter.hpp"
#include "harness/workloads/echo.hpp"
#include "harness/workloads/kafka/workload.hpp"
#include "harness/workloads/lin_kv/workload.hpp"
#include "harness/workloads/txn/workload.hpp"
#include "harness/workloads/unique_ids.hpp"

#include <algorithm>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace glomers::harness {

struct workload_entry {
  std::string_view name;
  std::unique_ptr<workload> (*make)(workload_context);
};

// Sorted by name, as Maelstrom lists them.
inline std::span<workload_entry const> workload_registry() {
  static workload_entry const all[] = {
      {"broadcast", [](workload_context c) -> std::unique_ptr<workload> { return std::make_unique<set_workload>(set_workload::broadcast, std::move(c)); }},
      {"echo", [](workload_context c) -> std::unique_ptr<workload> { return std::make_unique<echo_workload>(std::move(c)); }},
      {"g-counter", [](workload_context c) -> std::unique_ptr<workload> { return std::make_unique<counter_workload>(true, std::move(c)); }},
      {"g-set", [](workload_context c) -> std::unique_ptr<workload> { return std::make_unique<set_workload>(set_workload::g_set, std::move(c)); }},
      {"kafka", kafka::make_kafka_workload},
      {"lin-kv", make_lin_kv_workload},
      {"pn-counter", [](workload_context c) -> std::unique_ptr<workload> { return std::make_unique<counter_workload>(false, std::move(c)); }},
      {"txn-list-append", make_txn_list_append},
      {"txn-rw-register", make_txn_rw_register},
      {"unique-ids", [](workload_context) -> std::unique_ptr<workload> { return std::make_unique<unique_ids_workload>(); }},
  };
  return all;
}

// The workload's names, comma-separated, for help and error messages.
inline std::string workload_list() {
  std::string out;
  for (auto const& e : workload_registry()) out += (out.empty() ? "" : ", ") + std::string(e.name);
  return out;
}

inline workload_entry const* find_workload(std::string_view name) {
  auto const all = workload_registry();
  auto it = std::find_if(all.begin(), all.end(), [&](auto const& e) { return e.name == name; });
  return it == all.end() ? nullptr : &*it;
}

// The workload named; throws std::invalid_argument for a name the registry lacks.
inline std::unique_ptr<workload> make_workload(std::string const& name, workload_context ctx) {
  auto const* e = find_workload(name);
  if (!e) throw std::invalid_argument("unknown workload " + name + " (known: " + workload_list() + ")");
  return e->make(std::move(ctx));
}

}  // namespace glomers::harness
