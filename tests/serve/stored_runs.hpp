// Stored runs for the serve and analyze tests: each made by the simulation host's `test`
// command in a fresh folder, exactly as `sim test` leaves them in store/.
#pragma once

#include "challenges/broadcast/designs.hpp"
#include "challenges/counter/server.hpp"
#include "challenges/echo/server.hpp"
#include "harness/simulate_command.hpp"
#include "policies/counter/crdt.hpp"
#include "tests/support/nodes/kafka/kafka_log_node.hpp"
#include "tests/support/nodes/lin_kv/kv_node.hpp"
#include "tests/support/nodes/txn/txn_node.hpp"

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>

namespace glomers::testing {

template <class R>
using broadcast_node = broadcast_server<R, designs::hub_batched>;
template <class R>
using g_counter_node = counter_server<R, counter::crdt<500, 1000>>;
template <class R>
using kafka_node = kafka_log_node<R>;
template <class R>
using proxy_kv_node = kv_node<R, kv_mode::proxy>;
template <class R>
using local_kv_node = kv_node<R, kv_mode::local>;
template <class R>
using txn_leader_node = txn_node<R, txn_mode::leader>;
template <class R>
using txn_local_node = txn_node<R, txn_mode::local>;

// A fresh, empty folder under the test's temporary directory.
inline std::filesystem::path fresh_dir(std::string const& name) {
  char const* tmp = std::getenv("TEST_TMPDIR");
  auto dir = std::filesystem::path(tmp ? tmp : "/tmp") / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

struct stored_run {
  std::filesystem::path dir;  // root/store/<workload>/<time>
  int exit_code;
};

// Runs o under the simulator in root (its store/ goes there) and returns the run's folder.
template <template <class> class Server>
stored_run store_run(std::filesystem::path const& root, harness::cli_options o, std::uint64_t seed) {
  auto const before = std::filesystem::current_path();
  std::filesystem::current_path(root);
  o.bin = "sim-node";
  o.seed = seed;
  std::ostringstream console;
  int const code = harness::simulate_command<Server>(o, "sim", console);
  auto const dir = std::filesystem::canonical(root / "store" / "latest");
  std::filesystem::current_path(before);
  return {dir, code};
}

// Lines as the Fly.io challenges and the tests of each workload run them, short.
inline harness::cli_options echo_line() { return harness::sim_options("echo", 1, 5, 10); }
inline harness::cli_options broadcast_line() { return harness::sim_options("broadcast", 5, 5, 20, 20, true); }
inline harness::cli_options g_counter_line() { return harness::sim_options("g-counter", 3, 5, 20, 0, true); }
inline harness::cli_options kafka_line() {
  auto o = harness::sim_options("kafka", 2, 5, 50, 5, true);
  o.concurrency = "2n";
  o.nemesis_interval_s = 2;
  return o;
}
inline harness::cli_options lin_kv_line() {
  auto o = harness::sim_options("lin-kv", 3, 5, 30, 5, true);
  o.concurrency = "2n";
  o.availability.fraction = 0.1;
  o.key_count = 3;
  return o;
}

inline harness::cli_options txn_line() {
  auto o = harness::sim_options("txn-rw-register", 3, 5, 50, 10, true);
  o.concurrency = "2n";
  o.consistency_models = "strict-serializable";
  o.final_reads = true;
  o.max_txn_length = 3;
  return o;
}

}  // namespace glomers::testing
