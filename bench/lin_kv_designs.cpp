// The lin-kv comparison: each Raft design on 5 nodes, --concurrency 4n --rate 1000 --latency 10,
// healthy and with --nemesis partition, in the simulation host; then the default design on the
// process host (real processes under //maelstrom, wall clock) for the healthy line. Prints
// availability (ok-fraction), servers msgs-per-op, read / write latency p50 and p99 (ms, from
// the history), and validity. The baseline row is mini_etcd (gAbelli/mini-etcd's design).
//   bazel run //bench:lin_kv_designs [-- --seed N --time-limit S --no-process]
#include "challenges/lin_kv/designs.hpp"
#include "harness/process.hpp"
#include "harness/sim_host.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <unistd.h>

namespace {

using namespace glomers;
namespace d = glomers::lin_kv_designs;

struct row {
  double ok_fraction = 0, served = 0, srv_per_op = 0;
  double read_p50 = 0, read_p99 = 0, write_p50 = 0, write_p99 = 0;
  std::string valid;
};

double quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
}

// Latencies of :ok reads and writes (f "write"), from invocations matched per process, and the
// served fraction: ops the store answered (ok, or failed with 20 or 22: a correct answer that
// Maelstrom's ok-fraction counts as a failure).
template <class Ops, class Fields>
void latencies(Ops const& ops, Fields fields, row& r) {
  std::map<std::int64_t, double> open;  // process -> invocation time, ms
  std::vector<double> reads, writes;
  double invoked = 0, served = 0;
  for (auto const& o : ops) {
    auto [type, f, process, ms, error] = fields(o);
    if (process < 0) continue;
    if (type == "invoke") open[process] = ms, ++invoked;
    else if (auto it = open.find(process); it != open.end()) {
      if (type == "ok" && f != "cas") (f == "read" ? reads : writes).push_back(ms - it->second);
      if (type == "ok" || (type == "fail" && (error.starts_with("precondition-failed") || error.starts_with("key-does-not-exist"))))
        ++served;
      open.erase(it);
    }
  }
  r.served = invoked > 0 ? served / invoked : 1;
  r.read_p50 = quantile(reads, 0.5), r.read_p99 = quantile(reads, 0.99);
  r.write_p50 = quantile(writes, 0.5), r.write_p99 = quantile(writes, 0.99);
}

void summary(json::object const& results, row& r) {
  r.ok_fraction = results.at("availability").at("ok-fraction").to_number<double>();
  r.srv_per_op = harness::servers_msgs_per_op(results);
  auto const& v = results.at("valid?");
  r.valid = v.is_bool() ? (v.get_bool() ? "true" : "false") : "unknown";
}

harness::cli_options line(bool partition, std::int64_t seconds, bool kill = false) {
  auto o = harness::sim_options("lin-kv", 5, seconds, 1000, 10, partition);
  o.concurrency = "4n";
  o.kill = kill;
  return o;
}

template <class Design>
row simulated(bool partition, std::uint64_t seed, std::int64_t seconds, bool kill = false) {
  auto out = harness::simulate<lin_kv_with<Design>::template server>(line(partition, seconds, kill), seed);
  if (std::getenv("LIN_KV_ERRORS")) {  // what the unanswered ops met
    std::map<std::string, int> errors;
    for (auto const& o : out.ops)
      if (o.is_client_op() && (o.type == harness::op_type::info || o.type == harness::op_type::fail))
        ++errors[std::string(harness::name_of(o.type)) + " " + o.f + " " + o.error.substr(0, o.error.find(':'))];
    for (auto const& [e, n] : errors) std::printf("    %6d %s\n", n, e.c_str());
  }
  row r;
  if (out.broke) return {.valid = "broke: " + *out.broke};
  summary(out.results, r);
  latencies(out.ops, [](harness::op const& o) {
    return std::tuple{std::string(harness::name_of(o.type)), o.f, o.is_client_op() ? o.process : -1,
                      std::chrono::duration<double, std::milli>(o.time).count(), o.error};
  }, r);
  return r;
}

row process_host(std::int64_t seconds) {
  auto const dir = std::filesystem::temp_directory_path() / ("glomers-lin-kv-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto const root = std::filesystem::current_path();
  ::unsetenv("BUILD_WORKING_DIRECTORY");
  harness::child_process p({(root / "maelstrom/maelstrom").string(), "test", "-w", "lin-kv", "--bin",
                            (root / "challenges/lin_kv").string(), "--node-count", "5", "--concurrency", "4n",
                            "--time-limit", std::to_string(seconds), "--rate", "1000", "--latency", "10"},
                           harness::child_options{.stderr_path = std::nullopt, .pipe_stderr = false, .working_dir = dir.string()});
  while (p.read_line(std::chrono::seconds(300))) {
  }
  p.wait();
  row r;
  auto const read = [&](char const* name) {
    std::ifstream in(dir / "store" / "latest" / name);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  };
  try {
    summary(boost::json::parse(read("results.json")).as_object(), r);
    std::vector<json::object> ops;
    std::istringstream lines(read("history.jsonl"));
    for (std::string l; std::getline(lines, l);)
      if (!l.empty()) ops.push_back(boost::json::parse(l).as_object());
    latencies(ops, [](json::object const& o) {
      auto const* proc = o.if_contains("process");
      std::int64_t const process = proc && proc->is_int64() ? proc->get_int64() : -1;
      auto const* err = o.if_contains("error");
      return std::tuple{std::string(o.at("type").as_string()), std::string(o.at("f").as_string()), process,
                        o.at("time").to_number<double>() / 1e6, err && err->is_string() ? std::string(err->get_string()) : std::string()};
    }, r);
  } catch (std::exception const& e) {
    r.valid = std::string("no results: ") + e.what();
  }
  std::filesystem::remove_all(dir);
  return r;
}

void print(char const* design, char const* host, char const* faults, row const& r) {
  std::printf("%-16s %-9s %-9s %7.4f %7.4f %7.2f %8.1f %8.1f %8.1f %8.1f  %s\n", design, host, faults, r.served,
              r.ok_fraction, r.srv_per_op, r.read_p50, r.read_p99, r.write_p50, r.write_p99, r.valid.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t seed = 1;
  std::int64_t seconds = 20;
  bool with_process = true;
  for (int i = 1; i < argc; ++i) {
    std::string const a = argv[i];
    if (a == "--seed" && i + 1 < argc) seed = std::stoull(argv[++i]);
    else if (a == "--time-limit" && i + 1 < argc) seconds = std::stoll(argv[++i]);
    else if (a == "--no-process") with_process = false;
  }
  std::printf("lin-kv designs: 5 nodes, --concurrency 4n --rate 1000 --latency 10, %llds; seed %llu\n",
              static_cast<long long>(seconds), static_cast<unsigned long long>(seed));
  std::printf("baseline: mini_etcd (gAbelli/mini-etcd: leader-local reads, no check-quorum)\n\n");
  std::printf("served: ops answered (ok, or 20/22); ok-frac: Maelstrom's ok-fraction; latencies in ms\n");
  std::printf("%-16s %-9s %-9s %7s %7s %7s %8s %8s %8s %8s  %s\n", "design", "host", "faults", "served", "ok-frac", "srv/op", "read50",
              "read99", "write50", "write99", "valid");
  for (bool partition : {false, true}) {
    char const* faults = partition ? "partition" : "healthy";
    print("mini_etcd", "sim", faults, simulated<d::mini_etcd>(partition, seed, seconds));
    print("raft_lease", "sim", faults, simulated<d::raft_lease>(partition, seed, seconds));
    print("raft_lease_hold", "sim", faults, simulated<d::raft_lease_hold>(partition, seed, seconds));
    print("raft_read_index", "sim", faults, simulated<d::raft_read_index>(partition, seed, seconds));
    print("raft_log_reads", "sim", faults, simulated<d::raft_log_reads>(partition, seed, seconds));
    print("tutorial", "sim", faults, simulated<d::tutorial>(partition, seed, seconds));
  }
  // Our kill fault: a killed node restarts empty (the harness keeps no storage across a kill yet),
  // so even the durable design forgets its term, vote and log; Raft's safety argument needs them.
  for (std::uint64_t k = 0; k < 3; ++k) {
    print("raft_lease_hold", "sim", "kill", simulated<d::raft_lease_hold>(false, seed + k, seconds, true));
    print("raft_durable", "sim", "kill", simulated<d::raft_durable>(false, seed + k, seconds, true));
  }
  if (with_process) print("raft_lease_hold", "process", "healthy", process_host(seconds));
}
