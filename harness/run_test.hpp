// The `test` command: build the world, network, services, workload and nodes; run; analyse;
// report. Returns Maelstrom's exit status (0 valid, 1 invalid, 2 unknown, 255 broken).
#pragma once

#include "harness/analysis.hpp"
#include "harness/cli.hpp"
#include "harness/process_host.hpp"
#include "harness/report.hpp"
#include "harness/sim_host.hpp"
#include "harness/test_run.hpp"
#include "harness/workloads.hpp"

#include <sys/resource.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <random>

namespace glomers::harness {

inline double cpu_seconds(int who) {
  rusage u{};
  ::getrusage(who, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// The harness's own cost, for people comparing hosts: wall time, CPU time of the harness and of
// the nodes, and messages routed per wall second.
inline std::string host_summary(double wall_s, std::vector<journal_entry> const& journal) {
  auto const sends = std::count_if(journal.begin(), journal.end(), [](auto const& e) { return e.kind == journal_entry::send; });
  char line[256];
  std::snprintf(line, sizeof line,
                "Process host: %.1f s wall, harness CPU %.2f s, nodes CPU %.2f s, %lld messages routed (%.0f per second)",
                wall_s, cpu_seconds(RUSAGE_SELF), cpu_seconds(RUSAGE_CHILDREN), static_cast<long long>(sends),
                static_cast<double>(sends) / wall_s);
  return line;
}

struct test_outcome {
  int exit_code;
  std::filesystem::path store;
  json::object results;  // empty when the test broke
};

inline test_outcome run_one_test(cli_options const& o, std::ostream& console) {
  auto const seed = o.seed.value_or(std::random_device{}() * 0x9E3779B97F4A7C15ull ^ std::random_device{}());
  auto const store = make_store_dir(std::filesystem::current_path(), o.workload);
  console << "Running " << o.workload << " with " << o.nodes.size() << " node(s), seed " << seed << ", store "
          << store.string() << std::endl;
  world w(seed);
  network net(w, latency_config{o.latency_ms, o.latency_distribution});
  net.on_invalid = [&](message const& m) {
    console << "WARN: dropping a message between unknown ids (a closed client?): " << serialize(m) << '\n';
  };
  if (o.log_net_send || o.log_net_recv) {
    net.on_journal = [&](journal_entry const& e) {
      bool const send = e.kind == journal_entry::send;
      if ((send && o.log_net_send) || (!send && o.log_net_recv)) {
        console << (send ? "send " : "recv ") << e.src << " -> " << e.dest << " " << e.type << " #" << e.id << '\n';
      }
    };
  }
  service_hub services(w, net);
  workload_context ctx{o.nodes, o.threads(), o.latency_ms, o.topology, &w};
  auto wl = make_workload(o.workload, ctx);
  test_config cfg{o.nodes, o.threads(), std::chrono::seconds(o.time_limit_s), o.rate, o.partition, o.nemesis_interval_s};
  test_run run(cfg, w, net, *wl);
  run.on_log = [&](std::string const& line) { console << line << std::endl; };

  std::optional<std::string> broke;
  auto const wall_start = std::chrono::steady_clock::now();
  {
    process_host host(w, net, o.nodes,
                      process_host_options{std::filesystem::canonical(o.bin).string(), o.bin_args, store / "node-logs",
                                           o.log_stderr, [&](std::string const& line) { console << line << std::endl; }});
    broke = host.run(run);
  }  // nodes are killed here, before analysis
  auto const wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  write_text(store / "test.json",
             pretty(json::object{{"workload", o.workload}, {"bin", o.bin}, {"nodes", json::array(o.nodes.begin(), o.nodes.end())},
                                 {"concurrency", o.threads()}, {"time-limit", o.time_limit_s}, {"rate", o.rate},
                                 {"latency", o.latency_ms}, {"nemesis", o.partition ? "partition" : ""},
                                 {"seed", seed}, {"host", "process"}}) + "\n");
  write_history(store, run.ops());
  write_journal(store, net.journal());
  if (broke) {
    console << "Oh jeez, I'm sorry, Jepsen broke. Here's why:\n" << *broke << std::endl;
    return {255, store, {}};
  }
  auto results = analyze(run.ops(), *wl, net.journal(), o.availability);
  write_text(store / "results.json", pretty(results) + "\n");
  write_text(store / "latency-raw.svg", latency_svg(run.ops(), run.partitions(), o.workload));
  auto const v = verdict_of(results.at("valid?"));
  console << pretty(results) << "\n\n" << host_summary(wall_s, net.journal()) << "\n" << v.line << std::endl;
  return {v.exit_code, store, std::move(results)};
}

// Runs --test-count tests, stopping at the first that is not valid.
inline int run_tests(cli_options const& o, std::ostream& console) {
  int code = 0;
  for (std::int64_t k = 0; k < o.test_count && code == 0; ++k) code = run_one_test(o, console).exit_code;
  return code;
}

}  // namespace glomers::harness
