// The local Maelstrom: `maelstrom test -w WORKLOAD --bin BINARY ...`, `maelstrom analyze STORE_DIR`
// and `maelstrom serve`, as the real one. The target
// is //maelstrom (bazel-bin/maelstrom/maelstrom); the code lives with the harness it drives.
#include "harness/analyze.hpp"
#include "harness/cli.hpp"
#include "harness/run_test.hpp"
#include "harness/serve.hpp"
#include "harness/test_bed.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

int main(int argc, char** argv) {
  namespace h = glomers::harness;
  // Under `bazel run`, work where the user ran bazel: store/ goes there and --bin resolves there.
  if (char const* dir = std::getenv("BUILD_WORKING_DIRECTORY"); dir && ::chdir(dir) != 0) {
    std::cerr << "cannot enter " << dir << std::endl;
    return 254;
  }
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "analyze") return h::analyze_command(args, std::cout);
  if (!args.empty() && args[0] == "serve") return h::serve_command(args, std::cout);
  h::cli_options options;
  try {
    options = h::parse_cli(args);
    h::check_workload_options(options);
  } catch (h::help_requested const& e) {
    std::cout << e.what() << std::endl;  // `test --help`: exit 0, as Jepsen's CLI
    return 0;
  } catch (h::usage_error const& e) {
    std::cerr << e.what() << std::endl;
    return 254;
  }
  try {
    return h::run_tests(options, std::cout);
  } catch (std::exception const& e) {
    std::cout << "Oh jeez, I'm sorry, Jepsen broke. Here's why:\n" << e.what() << std::endl;
    return 255;
  }
}
