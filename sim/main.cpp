// The simulator: any compiled-in challenge under the local Maelstrom, in virtual time.
//   sim test -w broadcast --bin broadcast_3d --node-count 25 --time-limit 20 --rate 100 --latency 100 --seed 7
// Maelstrom's flags, with --bin naming a challenge (`sim list` prints them) and --seed fixing
// every random choice: the same seed replays the same history and message journal exactly.
#include "challenges/counter.hpp"
#include "challenges/designs.hpp"
#include "challenges/echo.hpp"
#include "challenges/unique_ids.hpp"
#include "harness/simulate_command.hpp"
#include "policies/counter/crdt.hpp"
#include "policies/counter/kv_cas.hpp"

#include <unistd.h>

#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>

namespace {

using namespace glomers;
using command = std::function<int(harness::cli_options const&, std::string const&, std::ostream&)>;

template <class Runtime>
using unique_ids = unique_ids_server<Runtime>;

template <template <class> class Server>
command sim() {
  return [](harness::cli_options const& o, std::string const& program, std::ostream& out) {
    return harness::simulate_command<Server>(o, program, out);
  };
}

// Each challenge binary of //challenges, by the same name.
std::map<std::string, std::pair<command, std::string>> const& challenges() {
  static std::map<std::string, std::pair<command, std::string>> const all{
      {"echo", {sim<echo_server>(), "challenge 1"}},
      {"unique_ids", {sim<unique_ids>(), "challenge 2"}},
      {"broadcast_3a", {sim<broadcast_with<designs::flood_grid>::server>(), "challenge 3a"}},
      {"broadcast_3b", {sim<broadcast_with<designs::flood_grid>::server>(), "challenge 3b"}},
      {"broadcast_3c", {sim<broadcast_with<designs::acked_grid>::server>(), "challenge 3c"}},
      {"broadcast_3d", {sim<broadcast_with<designs::hub_batched>::server>(), "challenge 3d"}},
      {"broadcast_3e", {sim<broadcast_with<designs::hub_frugal>::server>(), "challenge 3e"}},
      {"broadcast_durable", {sim<broadcast_with<designs::hub_durable>::server>(), "3d's design, durable before acknowledged"}},
      {"broadcast_mesh", {sim<broadcast_with<designs::mesh_eager>::server>(), "latency-first broadcast"}},
      {"broadcast_dual_hub", {sim<broadcast_with<designs::dual_hub_batched>::server>(), "broadcast surviving a lost hub"}},
      {"g_counter", {sim<counter_with<glomers::counter::crdt<500, 1000>>::server>(), "challenge 4"}},
      {"g_counter_cas", {sim<counter_with<glomers::counter::kv_cas<500, 500>>::server>(), "challenge 4, compare-and-set"}},
      {"g_counter_durable", {sim<counter_with<glomers::counter::crdt<500, 100, true>>::server>(), "challenge 4, survives kill"}},
      {"pn_counter", {sim<counter_with<glomers::counter::crdt<500, 1000>>::server>(), "pn-counter workload"}},
  };
  return all;
}

}  // namespace

int main(int argc, char** argv) {
  if (char const* dir = std::getenv("BUILD_WORKING_DIRECTORY"); dir && ::chdir(dir) != 0) return 254;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "list") {
    for (auto const& [name, entry] : challenges()) std::cout << name << "\t" << entry.second << "\n";
    return 0;
  }
  harness::cli_options options;
  try {
    options = harness::parse_cli(args, false);
    if (!challenges().count(options.bin)) {
      throw harness::usage_error("--bin " + options.bin + ": not a compiled-in challenge (`sim list` prints them)");
    }
    harness::check_workload_options(options);
  } catch (harness::usage_error const& e) {
    std::cerr << e.what() << std::endl;
    return 254;
  }
  try {
    return challenges().at(options.bin).first(options, "bazel-bin/sim/sim", std::cout);
  } catch (std::exception const& e) {
    std::cout << "Oh jeez, I'm sorry, Jepsen broke. Here's why:\n" << e.what() << std::endl;
    return 255;
  }
}
