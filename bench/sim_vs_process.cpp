// The simulator against the process host. Prints the simulator's speed on the 3d and echo lines
// (simulated seconds per wall second), then, for the 3d design on the 3d line, msgs-per-op and
// stable-latency quantiles from the simulator (several seeds) beside the process host's (one real
// 30-second run of //challenges:broadcast_3d under //maelstrom): they should agree within the
// process host's run-to-run noise.
//   bazel run //bench:sim_vs_process [-- SEEDS]
#include "challenges/broadcast/designs.hpp"
#include "challenges/echo/server.hpp"
#include "harness/process.hpp"
#include "harness/sim_host.hpp"

#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

using namespace glomers;

template <class Runtime>
using broadcast_3d = broadcast_server<Runtime, designs::hub_batched>;

struct figures {
  double srv_per_op;
  std::int64_t p50, p95, p99, max;
};

figures figures_of(json::object const& results) {
  auto const& l = results.at("workload").at("stable-latencies").as_object();
  auto const q = [&](char const* k) { return l.at(k).to_number<std::int64_t>(); };
  return {harness::servers_msgs_per_op(results), q("0.5"), q("0.95"), q("0.99"), q("1")};
}

template <template <class> class Server>
double sim_speed(harness::cli_options const& o, char const* name) {
  auto const start = std::chrono::steady_clock::now();
  auto out = harness::simulate<Server>(o, 1);
  double const wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double const simulated = std::chrono::duration<double>(out.simulated).count();
  std::printf("%-10s %8.1f s simulated in %8.4f s wall: %10.0f simulated s per wall s\n", name, simulated, wall, simulated / wall);
  return wall;
}

void print(char const* host, figures const& f) {
  std::printf("%-28s %8.2f %6lld %6lld %6lld %6lld\n", host, f.srv_per_op, static_cast<long long>(f.p50),
              static_cast<long long>(f.p95), static_cast<long long>(f.p99), static_cast<long long>(f.max));
}

}  // namespace

int main(int argc, char** argv) {
  int const seeds = argc > 1 ? std::stoi(argv[1]) : 5;
  auto const line_3d = harness::sim_options("broadcast", 25, 20, 100, 100);
  std::printf("simulator speed (one run each, seed 1)\n");
  sim_speed<broadcast_3d>(line_3d, "3d line");
  sim_speed<echo_server>(harness::sim_options("echo", 1, 10, 5), "echo line");

  std::printf("\nbroadcast_3d on the 3d line: simulator against process host\n");
  std::printf("%-28s %8s %6s %6s %6s %6s\n", "host", "srv/op", "p50", "p95", "p99", "max");
  for (int seed = 1; seed <= seeds; ++seed) {
    auto out = harness::simulate<broadcast_3d>(line_3d, static_cast<std::uint64_t>(seed));
    print(("simulation, seed " + std::to_string(seed)).c_str(), figures_of(out.results));
  }
  auto const dir = std::filesystem::temp_directory_path() / ("glomers-sim-vs-process-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto const root = std::filesystem::current_path();
  ::unsetenv("BUILD_WORKING_DIRECTORY");  // the harness would move there under `bazel run`
  harness::child_process p({(root / "maelstrom/maelstrom").string(), "test", "-w", "broadcast", "--bin",
                            (root / "challenges/broadcast_3d").string(), "--node-count", "25", "--time-limit", "20",
                            "--rate", "100", "--latency", "100"},
                           harness::child_options{.stderr_path = std::nullopt, .pipe_stderr = false, .working_dir = dir.string()});
  while (p.read_line(std::chrono::seconds(120))) {
  }
  p.wait();
  std::ifstream in(dir / "store" / "latest" / "results.json");
  std::stringstream text;
  text << in.rdbuf();
  print("process host (wall clock)", figures_of(boost::json::parse(text.str()).as_object()));
  std::filesystem::remove_all(dir);
}
