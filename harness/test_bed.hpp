// The test bed: everything a test needs but its nodes (the world, the network with Maelstrom's
// services, the workload and the test run), built from the command line's options. Both hosts
// build one; they differ only in how nodes join the network and how time passes.
#pragma once

#include "harness/cli.hpp"
#include "harness/network.hpp"
#include "harness/service_hub.hpp"
#include "harness/test_run.hpp"
#include "harness/workloads/registry.hpp"

#include <memory>
#include <string>

namespace glomers::harness {

// What the workload is told of the options.
inline workload_context context_of(cli_options const& o, world& w) {
  workload_context c;
  c.nodes = o.nodes;
  c.concurrency = o.threads();
  c.latency_ms = o.latency_ms;
  c.topology = o.topology;
  c.w = &w;
  c.key_count = o.key_count;
  c.max_txn_length = o.max_txn_length;
  c.max_writes_per_key = o.max_writes_per_key;
  c.consistency_models = o.consistency_models;
  c.final_reads = o.final_reads;
  return c;
}

// Throws usage_error when the workload is unknown or cannot run with these options.
inline void check_workload_options(cli_options const& o) {
  if (!find_workload(o.workload)) {
    throw usage_error("workload " + o.workload + " is not provided by the local Maelstrom (it has " + workload_list() + ")");
  }
  world probe(0);
  try {
    make_workload(o.workload, context_of(o, probe));
  } catch (workload_options_error const& e) {
    throw usage_error(e.what());
  }
}

// Options for a test of n nodes n0..n{n-1}, one worker per node, as a Fly.io line sets them.
inline cli_options sim_options(std::string workload, int nodes, std::int64_t time_limit_s, double rate,
                               std::int64_t latency_ms = 0, bool partition = false) {
  cli_options o;
  o.workload = std::move(workload);
  o.nodes.clear();
  for (int i = 0; i < nodes; ++i) o.nodes.push_back("n" + std::to_string(i));
  o.concurrency = "1n";
  o.time_limit_s = time_limit_s;
  o.rate = rate;
  o.latency_ms = latency_ms;
  o.partition = partition;
  return o;
}

// Everything a test needs but its nodes: the world, the network with Maelstrom's services, the
// workload and the test run. Both hosts build one; they differ only in how nodes join the network
// and how time passes.
struct test_bed {
  test_bed(cli_options const& o, std::uint64_t seed)
      : w(seed),
        net(w, latency_config{o.latency_ms, o.latency_distribution}),
        services(w, net),
        wl(make_workload(o.workload, context_of(o, w))),
        run(test_config{o.nodes, o.threads(), std::chrono::seconds(o.time_limit_s), o.rate, o.partition,
                        o.nemesis_interval_s, o.kill, o.pause},
            w, net, *wl) {}

  world w;
  network net;
  service_hub services;
  std::unique_ptr<workload> wl;
  test_run run;
};

}  // namespace glomers::harness
