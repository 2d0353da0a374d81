// lin-kv on Raft: the designs as catalog entries (challenges/catalog.hpp), for the simulator's
// list and the benchmarks once the integrator adds them to CHALLENGES in challenges/catalog.bzl.
#pragma once

#include "challenges/catalog.hpp"
#include "challenges/lin_kv/designs.hpp"

namespace glomers::catalog {

struct lin_kv {
  static constexpr std::string_view name = "lin_kv";
  static constexpr std::string_view what = "lin-kv: Raft, lease reads, requests held for an election";
  template <class Runtime>
  using server = lin_kv_server<Runtime, lin_kv_designs::raft_lease_hold>;
};

struct lin_kv_read_index {
  static constexpr std::string_view name = "lin_kv_read_index";
  static constexpr std::string_view what = "lin-kv: Raft, ReadIndex reads";
  template <class Runtime>
  using server = lin_kv_server<Runtime, lin_kv_designs::raft_read_index>;
};

struct lin_kv_log_reads {
  static constexpr std::string_view name = "lin_kv_log_reads";
  static constexpr std::string_view what = "lin-kv: Raft, reads through the log";
  template <class Runtime>
  using server = lin_kv_server<Runtime, lin_kv_designs::raft_log_reads>;
};

struct lin_kv_tutorial {
  static constexpr std::string_view name = "lin_kv_tutorial";
  static constexpr std::string_view what = "lin-kv: Maelstrom's tutorial Raft (2-4 s elections, 50 ms batches)";
  template <class Runtime>
  using server = lin_kv_server<Runtime, lin_kv_designs::tutorial>;
};

struct lin_kv_mini_etcd {
  static constexpr std::string_view name = "lin_kv_mini_etcd";
  static constexpr std::string_view what = "lin-kv: gAbelli/mini-etcd (baseline; leader-local reads: NOT linearizable)";
  template <class Runtime>
  using server = lin_kv_server<Runtime, lin_kv_designs::mini_etcd>;
};

struct lin_kv_durable {
  static constexpr std::string_view name = "lin_kv_durable";
  static constexpr std::string_view what = "lin-kv: Raft, term/vote/log persisted before answering (in memory)";
  template <class Runtime>
  using server = lin_kv_server<Runtime, lin_kv_designs::raft_durable>;
};

}  // namespace glomers::catalog
