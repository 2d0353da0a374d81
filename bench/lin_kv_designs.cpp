// The lin-kv comparison: every lin-kv entry of the catalog (challenges/all.hpp) on 5 nodes,
// --concurrency 4n --rate 1000 --latency 10, healthy and with --nemesis partition, in the
// simulation host; the durable entry and the default also under our kill fault; then the default
// binary on the process host (real processes under //maelstrom, wall clock), healthy.
//
// Columns: served (ok, or a definite 20/22 answer: the store answered correctly), ok-frac
// (Maelstrom's availability: oks / invocations, so a cas that meets another value counts as a
// failure), servers msgs-per-op, read and write latency p50/p99 (ms, ok ops, from the history),
// then where a write's time goes: `wait` = the mean time a client request waits in the node's
// delivery queue behind a server message (Maelstrom's head-of-line blocking, spec §2.1: the
// node has not seen it yet), `svc` = the write's p50 from the node receiving it to the node
// answering it (forwarding, replication, the answer back). With --nemesis partition: the
// ok-fraction of ops invoked while a partition was in force, and the rate of those ops. Last, what
// Maelstrom's client side alone predicts for those two during a partition (generator_model).
//   bazel run //bench:lin_kv_designs [-- --seed N --time-limit S --no-process]
#include "challenges/all.hpp"
#include "harness/process.hpp"
#include "harness/sim_host.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <unistd.h>

namespace {

using namespace glomers;
using ms_t = std::chrono::duration<double, std::milli>;

struct row {
  double ok_fraction = 0, served = 0, srv_per_op = 0;
  double read_p50 = 0, read_p99 = 0, write_p50 = 0, write_p99 = 0;
  double wait_mean = -1, svc_p50 = -1;        // sim only
  double part_ok = -1, part_rate = -1;        // partitioned sim only
  std::string valid;
};

double quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
}

bool definite_answer(std::string const& error) {
  return error.starts_with("precondition-failed") || error.starts_with("key-does-not-exist");
}

// Latencies of :ok reads and writes (f "write"), from invocations matched per process, and the
// served fraction.
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
      if (type == "ok" || (type == "fail" && definite_answer(error))) ++served;
      open.erase(it);
    }
  }
  r.served = invoked > 0 ? served / invoked : 1;
  r.read_p50 = quantile(reads, 0.5), r.read_p99 = quantile(reads, 0.99);
  r.write_p50 = quantile(writes, 0.5), r.write_p99 = quantile(writes, 0.99);
}

// From the network journal: each client request's wait between its send and its delivery
// (latency is 0 for clients, so all of it is queueing behind server messages), and each write's
// time from its delivery at the node to the node's answer.
void breakdown(harness::journal const& journal, row& r) {
  std::map<std::int64_t, std::chrono::nanoseconds> sent;
  std::map<std::string, std::pair<std::int64_t, std::string>> request;  // client -> last request
  std::map<std::int64_t, std::chrono::nanoseconds> delivered;
  std::vector<double> waits, svc;
  for (auto const& e : journal) {
    bool const from_client = harness::is_client(e.src), to_client = harness::is_client(e.dest);
    if (e.kind == harness::journal_entry::recv) {
      if (from_client) waits.push_back(ms_t(e.time - sent[e.id]).count()), delivered[e.id] = e.time;
      continue;
    }
    if (from_client) sent[e.id] = e.time, request[e.src] = {e.id, e.type};
    if (to_client && !from_client && e.type == "write_ok") {
      auto it = request.find(e.dest);
      if (it == request.end() || it->second.second != "write") continue;
      if (auto d = delivered.find(it->second.first); d != delivered.end()) svc.push_back(ms_t(e.time - d->second).count());
    }
  }
  r.wait_mean = waits.empty() ? 0 : std::accumulate(waits.begin(), waits.end(), 0.0) / static_cast<double>(waits.size());
  r.svc_p50 = quantile(svc, 0.5);
}

// Ops invoked while a partition was in force: their ok-fraction and their rate.
void during_partitions(harness::sim_outcome const& out, row& r) {
  auto inside = [&](std::chrono::nanoseconds t) {
    return std::any_of(out.faults.begin(), out.faults.end(), [&](auto const& w) { return t >= w.start && (!w.end || t < *w.end); });
  };
  double span = 0;
  for (auto const& w : out.faults) span += ms_t(w.end.value_or(out.simulated) - w.start).count() / 1000;
  std::map<std::int64_t, bool> open;
  double invoked = 0, ok = 0;
  for (auto const& o : out.ops) {
    if (!o.is_client_op()) continue;
    if (o.type == harness::op_type::invoke) {
      open[o.process] = inside(o.time);
      invoked += open[o.process];
    } else if (auto it = open.find(o.process); it != open.end()) {
      ok += it->second && o.type == harness::op_type::ok;
      open.erase(it);
    }
  }
  r.part_ok = invoked > 0 ? ok / invoked : 0;
  r.part_rate = span > 0 ? invoked / span : 0;
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

template <class Entry>
row simulated(bool partition, std::uint64_t seed, std::int64_t seconds, bool kill = false) {
  auto out = harness::simulate<Entry::template server>(line(partition, seconds, kill), seed);
  if (out.broke) return {.valid = "broke: " + *out.broke};
  row r;
  summary(out.results, r);
  latencies(out.ops, [](harness::op const& o) {
    return std::tuple{std::string(harness::name_of(o.type)), o.f, o.is_client_op() ? o.process : -1, ms_t(o.time).count(), o.error};
  }, r);
  breakdown(out.journal, r);
  if (partition) during_partitions(out, r);
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

void print(std::string_view design, char const* host, char const* faults, row const& r) {
  auto opt = [](double v, char const* fmt) {
    char b[32];
    if (v < 0) return std::string("-");
    std::snprintf(b, sizeof b, fmt, v);
    return std::string(b);
  };
  std::printf("%-18s %-7s %-9s %6.3f %6.3f %6.2f %6.1f %6.1f %6.1f %6.1f %5s %5s %6s %6s  %s\n", std::string(design).c_str(), host,
              faults, r.served, r.ok_fraction, r.srv_per_op, r.read_p50, r.read_p99, r.write_p50, r.write_p99,
              opt(r.wait_mean, "%.2f").c_str(), opt(r.svc_p50, "%.1f").c_str(), opt(r.part_ok, "%.3f").c_str(),
              opt(r.part_rate, "%.0f").c_str(), r.valid.c_str());
}


// What Maelstrom's client side alone predicts during a partition, with no network or nodes: ops
// at stagger gaps U[0, 2/rate), each handed to the first free thread at or after a rotating index
// (as soon as one frees when none is), thread t pinned to node t mod 5, threads 0-4 only reading,
// the others writing or cas-ing. A served op takes the lease design's time (a read 0 ms at the
// leader n0, 20 via a follower; a write 20 / 40) plus an exponential queueing wait of mean 2.5 ms;
// a thread of a cut-off node gets 11 after cut_ms. Returns (ops per second, served share).
std::pair<double, double> generator_model(std::set<int> const& cut, double cut_ms, std::uint64_t seed) {
  constexpr int nodes = 5, threads = 20;
  std::mt19937_64 rng(seed);
  std::vector<double> busy_until(threads, 0.0);
  double t = 0, ops = 0, served = 0;
  int rotate = 0;
  constexpr double span_ms = 200'000;
  while (t < span_ms) {
    int pick = -1;
    for (int k = 0; k < threads && pick < 0; ++k)
      if (busy_until[(rotate + k) % threads] <= t) pick = (rotate + k) % threads;
    if (pick < 0) {
      t = *std::min_element(busy_until.begin(), busy_until.end());
      continue;
    }
    rotate = (pick + 1) % threads;
    int const node = pick % nodes;
    ++ops;
    if (cut.count(node)) {
      busy_until[pick] = t + cut_ms;
    } else {
      double const base = pick < nodes ? (node == 0 ? 0 : 20) : (node == 0 ? 20 : 40);
      busy_until[pick] = t + base + std::exponential_distribution<double>(1 / 2.5)(rng);
      ++served;
    }
    t += std::uniform_real_distribution<double>(0, 2.0)(rng);
  }
  return {ops / (span_ms / 1000), served / ops};
}

void print_model() {
  std::printf("\nMaelstrom's generator alone, during each partition shape (5 nodes, leader n0 on the majority side):\n");
  for (auto const& [shape, cut] : std::vector<std::pair<char const*, std::set<int>>>{
           {"one / minority-third", {1}}, {"majority 2|3 / majorities-ring", {3, 4}}}) {
    auto const fast = generator_model(cut, 0, 1), hold = generator_model(cut, 900, 1);
    std::printf("  %-31s 11 at once: %4.0f ops/s, %.3f served | held 900 ms: %4.0f ops/s, %.3f served\n", shape, fast.first,
                fast.second, hold.first, hold.second);
  }
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
  std::printf("lin-kv designs (the catalog's lin-kv entries): 5 nodes, --concurrency 4n --rate 1000 --latency 10, %llds, seed %llu\n",
              static_cast<long long>(seconds), static_cast<unsigned long long>(seed));
  std::printf("served: ok or a definite 20/22; ok-frac: Maelstrom's ok-fraction; latencies in ms; wait: mean client request\n"
              "queueing at its node (head-of-line); svc: write p50 from node receipt to node answer; part-ok, part/s: ops\n"
              "invoked during partitions (ok-fraction, per second)\n\n");
  std::printf("%-18s %-7s %-9s %6s %6s %6s %6s %6s %6s %6s %5s %5s %6s %6s  %s\n", "design", "host", "faults", "served", "ok-frc",
              "srv/op", "rd50", "rd99", "wr50", "wr99", "wait", "svc", "partok", "part/s", "valid");
  for (bool partition : {false, true}) {
    catalog::for_each(catalog::lin_kv_entries{}, [&]<class E>() {
      print(E::name, "sim", partition ? "partition" : "healthy", simulated<E>(partition, seed, seconds));
    });
  }
  // Our kill fault: a killed node restarts with its process's memory gone; the durable design
  // reloads term, vote and log from the store the simulator keeps per node (lin_kv stores
  // nothing and restarts empty).
  catalog::for_each(catalog::lin_kv_entries{}, [&]<class E>() {
    if (E::name != "lin_kv" && E::name != "lin_kv_durable") return;
    for (std::uint64_t k = 0; k < 3; ++k) print(E::name, "sim", "kill", simulated<E>(false, seed + k, seconds, true));
  });
  if (with_process) print("lin_kv", "process", "healthy", process_host(seconds));
  print_model();
}
