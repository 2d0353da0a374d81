// Benchmark: how fast does the echo binary relay lines, against `cat` (the limit for any line
// relay) on the same input? Pipes 200,000 echo requests (after an init) from a file through each
// program into a file, best of 3 runs each, and prints messages per second and the ratio.
//   bazel run -c opt //bench:echo_throughput [-- REQUESTS]
#include <boost/json.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace {

// Runs argv with stdin from in_path and stdout to out_path; returns the wall time.
std::chrono::duration<double> timed_run(std::vector<std::string> argv, std::string const& in_path,
                                        std::string const& out_path) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, in_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  auto const start = std::chrono::steady_clock::now();
  pid_t pid;
  if (posix_spawnp(&pid, args[0], &fa, nullptr, args.data(), environ) != 0) {
    throw std::runtime_error("cannot start " + argv[0]);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  auto const elapsed = std::chrono::steady_clock::now() - start;
  posix_spawn_file_actions_destroy(&fa);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error(argv[0] + " failed");
  return elapsed;
}

std::size_t count_lines(std::string const& path) {
  std::ifstream f(path);
  std::size_t n = 0;
  for (std::string line; std::getline(f, line);) ++n;
  return n;
}

double best_rate(std::vector<std::string> const& argv, std::string const& in, std::string const& out,
                 std::size_t lines) {
  double best = 0;
  for (int i = 0; i < 3; ++i) {
    auto const t = timed_run(argv, in, out);
    if (count_lines(out) != lines) throw std::runtime_error(argv[0] + ": wrong number of lines out");
    best = std::max(best, static_cast<double>(lines) / t.count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t const requests = argc > 1 ? std::stoul(argv[1]) : 200000;
  std::string const dir = std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp";
  std::string const in = dir + "/glomers-echo-bench.in";
  std::string const out = dir + "/glomers-echo-bench.out";
  {
    std::ofstream f(in);
    f << R"({"id":0,"src":"c0","dest":"n0","body":{"type":"init","node_id":"n0","node_ids":["n0"],"msg_id":1}})"
      << '\n';
    for (std::size_t i = 1; i <= requests; ++i) {
      f << R"({"id":)" << i << R"(,"src":"c1","dest":"n0","body":{"type":"echo","echo":"Please echo )"
        << (i % 128) << R"(","msg_id":)" << i << "}}\n";
    }
  }
  std::size_t const lines = requests + 1;
  double const cat = best_rate({"cat"}, in, out, lines);
  double const echo = best_rate({"challenges/echo"}, in, out, lines);
  std::printf("echo throughput, %zu requests, best of 3 (process host, wall clock)\n", requests);
  std::printf("%-8s %14s %10s\n", "program", "messages/s", "vs cat");
  std::printf("%-8s %14.0f %10.3f\n", "cat", cat, 1.0);
  std::printf("%-8s %14.0f %10.3f\n", "echo", echo, echo / cat);
  std::remove(in.c_str());
  std::remove(out.c_str());
}
