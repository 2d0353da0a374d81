// The simulation host's `test` command: a challenge compiled in, run in virtual time with
// Maelstrom's flags, reported exactly as the process host reports (same store/ files, same
// summary and verdict), plus the simulator's speed and, when the test is not valid, a one-line
// command that replays it.
#pragma once

#include "harness/run_test.hpp"
#include "harness/sim_host.hpp"

#include <chrono>
#include <sstream>

namespace glomers::harness {

// The command line that reruns o with a given seed, program first.
inline std::string replay_command(std::string const& program, cli_options const& o, std::uint64_t seed) {
  std::ostringstream s;
  s << program << " test -w " << o.workload << " --bin " << o.bin << " --nodes ";
  for (std::size_t i = 0; i < o.nodes.size(); ++i) s << (i ? "," : "") << o.nodes[i];
  s << " --concurrency " << o.concurrency << " --time-limit " << o.time_limit_s << " --rate " << format_double(o.rate)
    << " --latency " << o.latency_ms << " --topology " << o.topology;
  if (o.latency_distribution == latency_dist::uniform) s << " --latency-dist uniform";
  if (o.latency_distribution == latency_dist::exponential) s << " --latency-dist exponential";
  if (!o.nemesis().empty()) s << " --nemesis " << o.nemesis() << " --nemesis-interval " << format_double(o.nemesis_interval_s);
  if (o.availability.total) s << " --availability total";
  if (o.availability.fraction) s << " --availability " << format_double(*o.availability.fraction);
  s << " --seed " << seed;
  return s.str();
}

template <template <class> class Server>
int simulate_command(cli_options const& o, std::string const& program, std::ostream& console) {
  int code = 0;
  for (std::int64_t k = 0; k < o.test_count && code == 0; ++k) {
    auto const seed = o.seed ? *o.seed + static_cast<std::uint64_t>(k) : fresh_seed();
    auto [store, bed_ptr] = start_test(o, seed, "simulation", console);
    auto& bed = *bed_ptr;
    std::vector<std::string> logs;
    sim_cluster<Server> nodes(bed, o.nodes, &logs);
    auto const wall_start = std::chrono::steady_clock::now();
    auto const broke = run_virtual(bed);
    auto const wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    for (auto const& id : o.nodes) {  // node-logs/<id>.log, as the process host writes them
      std::ofstream log(store / "node-logs" / (id + ".log"));
      for (auto const& line : logs) {
        if (line.rfind(id + ": ", 0) == 0) log << line.substr(id.size() + 2) << '\n';
      }
    }
    double const simulated_s = std::chrono::duration<double>(bed.w.now()).count();
    char line[256];
    std::snprintf(line, sizeof line,
                  "Simulation host: %.1f s simulated in %.3f s wall (%.0f simulated seconds per wall second), %zu journal entries",
                  simulated_s, wall_s, simulated_s / std::max(wall_s, 1e-9), bed.net.journal().size());
    code = report(bed, o, seed, "simulation", store, broke, line, replay_command(program, o, seed), console).exit_code;
  }
  return code;
}

}  // namespace glomers::harness
