// The local Maelstrom: `maelstrom test -w WORKLOAD --bin BINARY ...`, as the real one.
#include "harness/cli.hpp"
#include "harness/run_test.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

int main(int argc, char** argv) {
  // Under `bazel run`, work where the user ran bazel: store/ goes there and --bin resolves there.
  if (char const* dir = std::getenv("BUILD_WORKING_DIRECTORY"); dir && ::chdir(dir) != 0) {
    std::cerr << "cannot enter " << dir << std::endl;
    return 254;
  }
  std::vector<std::string> args(argv + 1, argv + argc);
  glomers::harness::cli_options options;
  try {
    options = glomers::harness::parse_cli(args);
    glomers::harness::workload_context probe;
    if (!glomers::harness::make_workload(options.workload, probe)) {
      throw glomers::harness::usage_error("workload " + options.workload +
                                          " is not provided by the local Maelstrom yet");
    }
  } catch (glomers::harness::usage_error const& e) {
    std::cerr << e.what() << std::endl;
    return 254;
  }
  try {
    return glomers::harness::run_tests(options, std::cout);
  } catch (std::exception const& e) {
    std::cout << "Oh jeez, I'm sorry, Jepsen broke. Here's why:\n" << e.what() << std::endl;
    return 255;
  }
}
