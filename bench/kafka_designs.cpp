// The kafka design comparison: every kafka entry of the catalog (challenges/kafka/catalog.hpp)
// on the 5c line (2 nodes, concurrency 2n, 20 s, rate 1000), healthy and with --nemesis
// partition, in the simulation host (one seed for every design, so the table is exact and
// repeatable), plus one row of kafka_5c on real processes. The catalog's first entry, the
// published solution, is the baseline row.
//   bazel run //bench:kafka_designs [-- --seed N] [--no-process] [--only ENTRY (with the baseline)]
//                                    [--latency MS (0: the 5c line; virtual time makes every latency 0)]
#include "bench/bench.hpp"
#include "challenges/all.hpp"
#include "harness/analysis.hpp"
#include "harness/process.hpp"
#include "harness/sim_host.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace glomers;

struct row {
  std::string design, host, what;
  bool partitioned = false;
  double servers_per_op = 0, all_per_op = 0, availability = 0;
  std::int64_t send_p50 = -1, send_p99 = -1, poll_p50 = -1, poll_p99 = -1;
  std::string valid;
  std::string faults;  // the fault windows of the run, as "spec@start-end s"
};

std::int64_t latency_ms = 0;  // --latency: 0 on the 5c line, where simulated latencies are all 0

harness::cli_options line(bool partitioned) {
  auto o = harness::sim_options("kafka", 2, 20, 1000, latency_ms, partitioned);
  o.concurrency = "2n";
  return o;
}

std::int64_t quantile(std::vector<std::int64_t> v, double q) {
  if (v.empty()) return -1;
  std::sort(v.begin(), v.end());
  auto const i = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1));
  return v[i];
}

// Figures from the results map, and ok send/poll latencies (ms) from the history.
row figures(row r, json::object const& results, harness::history const& h) {
  r.servers_per_op = harness::servers_msgs_per_op(results);
  r.all_per_op = harness::all_msgs_per_op(results);
  if (auto const* a = results.if_contains("availability")) r.availability = a->at("ok-fraction").to_number<double>();
  r.valid = bench::validity(results);
  std::vector<std::int64_t> send, poll;
  for (auto const& o : h) {
    if (o.type != harness::op_type::ok || o.invocation < 0) continue;
    auto const ms = std::chrono::duration_cast<std::chrono::milliseconds>(o.time - h[o.invocation].time).count();
    if (o.f == "send") send.push_back(ms);
    else if (o.f == "poll") poll.push_back(ms);
  }
  r.send_p50 = quantile(send, 0.5);
  r.send_p99 = quantile(send, 0.99);
  r.poll_p50 = quantile(poll, 0.5);
  r.poll_p99 = quantile(poll, 0.99);
  return r;
}

// Healthy, or with n0 and n1 cut apart from 2 s to 14 s: the same cut for every design (the
// nemesis's schedule depends on each design's traffic through the shared random source, and two
// of its four shapes cut nothing between two nodes).
template <class Entry>
row run_design(bool partitioned, std::uint64_t seed) {
  auto const o = line(false);
  harness::test_bed bed(o, seed);
  harness::sim_cluster<Entry::template server> nodes(bed, o.nodes, nullptr);
  if (partitioned) {
    bed.w.at(std::chrono::seconds(2), [&] {
      bed.net.drop("n0", "n1");
      bed.net.drop("n1", "n0");
    });
    bed.w.at(std::chrono::seconds(14), [&] { bed.net.heal(); });
  }
  row r{std::string(Entry::name), "sim", std::string(Entry::what), partitioned};
  if (auto broke = harness::run_virtual(bed)) {
    r.valid = "broke: " + *broke;
    return r;
  }
  r.faults = partitioned ? "n0|n1 cut 2-14 s" : "";
  auto const results = harness::analyze(bed.run.ops(), *bed.wl, bed.net.journal(), {});
  return figures(std::move(r), results, bed.run.ops());
}

// The client ops of a history.jsonl, each completion linked to its process's invocation.
harness::history read_history(std::filesystem::path const& file) {
  harness::history h;
  std::map<std::int64_t, std::int64_t> open;  // process -> index of its pending invocation
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    auto const j = boost::json::parse(line).as_object();
    if (!j.at("process").is_int64()) continue;
    harness::op o;
    o.index = static_cast<std::int64_t>(h.size());
    auto const type = j.at("type").as_string();
    o.type = type == "invoke" ? harness::op_type::invoke
             : type == "ok"   ? harness::op_type::ok
             : type == "fail" ? harness::op_type::fail
                              : harness::op_type::info;
    o.f = j.at("f").as_string();
    o.process = j.at("process").as_int64();
    o.time = harness::sim_time(j.at("time").to_number<std::int64_t>());
    if (o.type == harness::op_type::invoke) {
      open[o.process] = o.index;
    } else if (auto it = open.find(o.process); it != open.end()) {
      o.invocation = it->second;
      open.erase(it);
    }
    h.push_back(std::move(o));
  }
  return h;
}

// kafka_5c under the local Maelstrom on real processes (wall clock).
row run_process(bool partitioned) {
  using entry = catalog::kafka_5c;
  auto const dir = std::filesystem::temp_directory_path() / ("glomers-kafka-designs-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto const root = std::filesystem::current_path();
  ::unsetenv("BUILD_WORKING_DIRECTORY");  // the harness would move there under `bazel run`
  std::vector<std::string> args{(root / "maelstrom/maelstrom").string(), "test", "-w", "kafka", "--bin",
                                (root / "challenges" / entry::name).string(), "--node-count", "2", "--concurrency",
                                "2n", "--time-limit", "20", "--rate", "1000"};
  if (partitioned) args.insert(args.end(), {"--nemesis", "partition"});
  if (latency_ms > 0) args.insert(args.end(), {"--latency", std::to_string(latency_ms)});
  harness::child_process p(args, harness::child_options{.stderr_path = std::nullopt, .pipe_stderr = false,
                                                        .working_dir = dir.string()});
  while (p.read_line(std::chrono::seconds(120))) {
  }
  p.wait();
  std::ifstream in(dir / "store" / "latest" / "results.json");
  std::stringstream text;
  text << in.rdbuf();
  row r{std::string(entry::name), "process", std::string(entry::name) + " on real processes", partitioned};
  try {
    r = figures(std::move(r), boost::json::parse(text.str()).as_object(), read_history(dir / "store" / "latest" / "history.jsonl"));
  } catch (std::exception const& e) {
    r.valid = std::string("no results: ") + e.what();
  }
  std::filesystem::remove_all(dir);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  bench::flags const flags(argc, argv);
  auto const seed = flags.seed();
  bool const process = !flags.has("--no-process");
  auto const only = flags.value("--only", "");
  latency_ms = std::stoll(flags.value("--latency", "0"));

  using run_fn = std::function<row(bool)>;
  std::vector<run_fn> designs;
  // Every kafka entry but kafka_5a (kafka_5c's design: one row, as kafka_5c); the first is the
  // baseline, run whatever --only says.
  catalog::for_each(catalog::kafka_entries{}, [&]<class E>() {
    if (E::name == "kafka_5a") return;
    if (!only.empty() && E::name != only && !designs.empty()) return;
    designs.emplace_back([=](bool partitioned) { return run_design<E>(partitioned, seed); });
  });

  auto const start = std::chrono::steady_clock::now();
  std::vector<row> rows;
  for (auto const& run : designs) {
    for (bool partitioned : {false, true}) rows.push_back(run(partitioned));
  }
  auto const wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (process) rows.push_back(run_process(false));

  auto const& base = rows.front();
  std::printf("kafka designs on the 5c line (2 nodes, concurrency 2n, 20 s, rate 1000, latency %lld ms)\n",
              static_cast<long long>(latency_ms));
  std::printf("simulation rows: seed %llu, %zu runs in %.1f s wall, virtual time (latency 0: every sim latency is 0);\n"
              "partition rows: n0 and n1 cut apart from 2 s to 14 s; process row: kafka_5c on real processes, wall clock\n",
              static_cast<unsigned long long>(seed), designs.size() * 2, wall);
  std::printf("baseline: %s; x base = servers msgs-per-op relative to the baseline's healthy row; latencies of ok ops in ms\n\n",
              base.design.c_str());
  std::printf("%-22s %-7s %-9s %8s %8s %7s %7s %9s %9s %8s  %s\n", "design", "host", "faults", "srv/op", "all/op",
              "x base", "avail", "send p50", "poll p50", "valid", "");
  std::printf("%-22s %-7s %-9s %8s %8s %7s %7s %9s %9s\n", "", "", "", "", "", "", "", "/ p99", "/ p99");
  for (auto const& r : rows) {
    auto lat = [](std::int64_t p50, std::int64_t p99) {
      return p50 < 0 ? std::string("-") : std::to_string(p50) + " / " + std::to_string(p99);
    };
    std::printf("%-22s %-7s %-9s %8.3f %8.3f %7.3f %7.4f %9s %9s %8s  %s\n", r.design.c_str(), r.host.c_str(),
                r.partitioned ? "partition" : "healthy", r.servers_per_op, r.all_per_op,
                bench::ratio(r.servers_per_op, base.servers_per_op), r.availability,
                lat(r.send_p50, r.send_p99).c_str(), lat(r.poll_p50, r.poll_p99).c_str(), r.valid.c_str(),
                r.partitioned ? r.faults.c_str() : r.what.c_str());
  }
}
