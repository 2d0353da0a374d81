// The `test` command: build the world, network, services, workload and nodes; run; analyse;
// report. Returns Maelstrom's exit status (0 valid, 1 invalid, 2 unknown, 255 broken).
#pragma once

#include "harness/analysis.hpp"
#include "harness/analyze.hpp"
#include "harness/cli.hpp"
#include "harness/process_host.hpp"
#include "harness/lamport.hpp"
#include "harness/report.hpp"
#include "harness/sim_host.hpp"
#include "harness/test_run.hpp"

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
inline std::string host_summary(double wall_s, harness::journal const& journal) {
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

// Logs muted nodes, messages to unknown ids and, with --log-net-send/--log-net-recv, every
// message.
inline void attach_console(network& net, cli_options const& o, std::ostream& console) {
  net.on_invalid = [&console](message const& m) {
    console << "WARN: dropping a message between unknown ids (a closed client?): " << serialize(m) << '\n';
  };
  net.on_muted = [&console](std::string const& node, std::string const& why) {
    console << "WARN: " << why << "\nWARN: as Maelstrom does, the harness stops reading " << node
            << "'s output for the rest of the test: nothing " << node
            << " sends is delivered any more (requests to it time out, its gossip is lost)." << std::endl;
  };
  if (o.log_net_send || o.log_net_recv) {
    net.on_journal = [&console, &o](journal_entry const& e) {
      bool const send = e.kind == journal_entry::send;
      if ((send && o.log_net_send) || (!send && o.log_net_recv)) {
        console << (send ? "send " : "recv ") << e.src << " -> " << e.dest << " " << e.type << " #" << e.id << '\n';
      }
    };
  }
}

// What both hosts leave behind and print once a test is over: test.json, the history, the
// journal, results.json, latency-raw.svg and messages.svg (the first second of the main phase),
// then the results, the host's own figures and the verdict. replay: a command that reruns this
// exact test, printed when the test is not valid.
inline test_outcome report(test_bed& bed, cli_options const& o, std::uint64_t seed, std::string const& host,
                           std::filesystem::path const& store, std::optional<std::string> const& broke,
                           std::string const& host_line, std::string const& replay, std::ostream& console) {
  write_text(store / "test.json", pretty(test_json(o, seed, host)) + "\n");  // what `analyze` needs
  write_history(store, bed.run.ops());
  write_journal(store, bed.net.journal());
  auto const origin = bed.run.origin();
  write_text(store / "messages.svg", lamport_svg(bed.net.journal(), origin, origin + std::chrono::seconds(1)));
  auto const replay_line = [&] {
    if (!replay.empty()) console << "Replay this exact test: " << replay << std::endl;
  };
  if (broke) {
    console << "Oh jeez, I'm sorry, Jepsen broke. Here's why:\n" << *broke << std::endl;
    replay_line();
    return {255, store, {}};
  }
  auto results = analyze(bed.run.ops(), *bed.wl, bed.net.journal(), o.availability);
  write_text(store / "results.json", pretty(results) + "\n");
  write_text(store / "results.edn", to_edn(results) + "\n");
  write_text(store / "latency-raw.svg", latency_svg(bed.run.ops(), bed.run.faults(), o.workload));
  write_pictures(store, bed.run.ops(), o.workload);
  auto const v = verdict_of(results.at("valid?"));
  console << pretty(results) << "\n\n" << host_line << "\n";
  if (v.exit_code != 0) replay_line();
  console << v.line << std::endl;
  return {v.exit_code, store, std::move(results)};
}

inline std::uint64_t fresh_seed() {
  return (static_cast<std::uint64_t>(std::random_device{}()) << 32) ^ std::random_device{}();
}

// The start every test shares, whichever host runs it: a store directory, a console line, and
// a test bed whose network and test run report to the console.
struct started_test {
  std::filesystem::path store;
  std::unique_ptr<test_bed> bed;
};

inline started_test start_test(cli_options const& o, std::uint64_t seed, std::string const& host, std::ostream& console) {
  started_test t{make_store_dir(std::filesystem::current_path(), o.workload), std::make_unique<test_bed>(o, seed)};
  console << "Running " << o.workload << " with " << o.nodes.size() << " node(s), " << host << " host, seed " << seed
          << ", store " << t.store.string() << std::endl;
  attach_console(t.bed->net, o, console);
  t.bed->run.on_log = [&console](std::string const& line) { console << line << std::endl; };
  return t;
}

inline test_outcome run_one_test(cli_options const& o, std::ostream& console) {
  auto const seed = o.seed.value_or(fresh_seed());
  auto [store, bed_ptr] = start_test(o, seed, "process", console);
  auto& bed = *bed_ptr;
  std::optional<std::string> broke;
  auto const wall_start = std::chrono::steady_clock::now();
  {
    process_host host(bed.w, bed.net, o.nodes,
                      process_host_options{std::filesystem::canonical(o.bin).string(), o.bin_args, store / "node-logs",
                                           store / "node-data", o.log_stderr,
                                           [&](std::string const& line) { console << line << std::endl; }});
    bed.run.set_fault_hooks(host.hooks());
    broke = host.run(bed.run);
  }  // nodes are killed here, before analysis
  auto const wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  return report(bed, o, seed, "process", store, broke, host_summary(wall_s, bed.net.journal()), "", console);
}

// Runs --test-count tests, stopping at the first that is not valid.
inline int run_tests(cli_options const& o, std::ostream& console) {
  int code = 0;
  for (std::int64_t k = 0; k < o.test_count && code == 0; ++k) code = run_one_test(o, console).exit_code;
  return code;
}

}  // namespace glomers::harness
