// The simulator: any compiled-in challenge under the local Maelstrom, in virtual time.
//   sim test -w broadcast --bin broadcast_3d --node-count 25 --time-limit 20 --rate 100 --latency 100 --seed 7
// Maelstrom's flags, with --bin naming a challenge (`sim list` prints them) and --seed fixing
// every random choice: the same seed replays the same history and message journal exactly.
#include "challenges/all.hpp"
#include "harness/simulate_command.hpp"

#include <unistd.h>

#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>

namespace {

using namespace glomers;
using command = std::function<int(harness::cli_options const&, std::string const&, std::ostream&)>;

// Each challenge binary of //challenges, by the same name: the catalog.
std::map<std::string, std::pair<command, std::string>> const& challenges() {
  static auto const all = [] {
    std::map<std::string, std::pair<command, std::string>> out;
    catalog::for_each(catalog::all{}, [&]<class E>() {
      out.emplace(std::string(E::name), std::pair{command([](harness::cli_options const& o, std::string const& program, std::ostream& console) {
                                                    return harness::simulate_command<E::template server>(o, program, console);
                                                  }),
                                                  std::string(E::what)});
    });
    return out;
  }();
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
  } catch (harness::help_requested const& e) {
    std::cout << e.what() << std::endl;  // `test --help`: exit 0, as Jepsen's CLI
    return 0;
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
