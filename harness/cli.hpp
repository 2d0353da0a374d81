// Maelstrom's `test` command line (spec §7): flags, defaults and validation.
#pragma once

#include "harness/analysis.hpp"
#include "harness/network.hpp"
#include "harness/workloads/registry.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <charconv>
#include <limits>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace glomers::harness {

struct cli_options {
  std::string workload = "lin-kv";
  std::string bin;
  std::vector<std::string> bin_args;
  std::vector<std::string> nodes{"n1", "n2", "n3", "n4", "n5"};
  std::string concurrency = "1n";
  std::int64_t time_limit_s = 60;
  double rate = 5;
  std::int64_t latency_ms = 0;
  latency_dist latency_distribution = latency_dist::constant;
  bool partition = false;
  bool kill = false;   // ours: kill and restart nodes
  bool pause = false;  // ours: pause and resume nodes
  double nemesis_interval_s = 10;
  availability_goal availability;
  std::string consistency_models = "strict-serializable";
  std::optional<std::int64_t> key_count;
  std::int64_t max_txn_length = 4;
  std::int64_t max_writes_per_key = 16;
  std::string topology = "grid";
  bool log_stderr = false;
  bool log_net_send = false;
  bool log_net_recv = false;
  std::int64_t test_count = 1;
  bool leave_db_running = false;
  bool final_reads = false;  // ours: txn-rw-register reads every key on every node at the end
  std::optional<std::uint64_t> seed;  // ours: seeds every random draw of the harness

  // The --nemesis value: "partition,kill", or "" for none.
  std::string nemesis() const {
    std::string out;
    for (auto const& [on, name] : {std::pair{partition, "partition"}, std::pair{kill, "kill"}, std::pair{pause, "pause"}}) {
      if (on) out += (out.empty() ? "" : ",") + std::string(name);
    }
    return out;
  }

  // Concurrency resolved against the node count ("2n" with 3 nodes is 6).
  int threads() const {
    if (!concurrency.empty() && concurrency.back() == 'n') {
      return std::stoi(concurrency.substr(0, concurrency.size() - 1)) * static_cast<int>(nodes.size());
    }
    return std::stoi(concurrency);
  }
};

// A bad command line: what() is the message for the user (exit 254).
class usage_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// `test --help`: the usage, printed to stdout with exit status 0 (Jepsen's CLI).
class help_requested : public usage_error {
 public:
  using usage_error::usage_error;
};

inline std::string usage_text() {
  return R"(Usage: maelstrom test -w WORKLOAD --bin BINARY [options] [-- args for the binary]
       maelstrom analyze STORE_DIR      check a stored run again (rewrites its results.json)
       maelstrom serve [--port 8080]    browse the runs in ./store

Options (Maelstrom's, with its defaults):
  -w, --workload NAME        )" + workload_list() + R"( (default lin-kv)
      --bin FILE             the node executable (required)
      --node-count N         nodes n0 .. n{N-1}
      --nodes A,B,C          node ids (default n1..n5); -n/--node ID adds one after them
      --concurrency C        worker threads: an integer, or Kn for K x node count (default 1n)
      --time-limit S         seconds of main phase, positive (default 60)
      --rate R               requests per second, all clients together (default 5)
      --latency MS           mean inter-node latency in ms (default 0)
      --latency-dist D       constant, uniform or exponential (default constant)
      --nemesis F            partition; also kill and pause (ours), comma-separated
      --nemesis-interval S   mean seconds between nemesis ops (default 10)
      --availability A       total, or a minimum fraction of ok ops in [0, 1] (0.99, 1/2)
      --topology T           grid, line, total, tree, tree2, tree3, tree4 (default grid)
      --consistency-models M, --key-count K, --max-txn-length L, --max-writes-per-key W
      --log-stderr           echo node stderr to the console
      --log-net-send, --log-net-recv   log every message sent / delivered
      --test-count K         run K times, stopping at the first invalid test
      --leave-db-running     accepted for compatibility; nodes are always stopped
      --seed N               seed every random choice of the harness (ours; default random)
      --final-reads          txn-rw-register: after the heal and recovery, every node reads every
                             key; disagreeing replicas are invalid, final values order versions (ours)
)";
}

namespace detail {

inline std::int64_t parse_int(std::string const& flag, std::string const& s, std::int64_t min) {
  std::int64_t v = 0;
  auto const [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) throw usage_error(flag + " must be an integer, got \"" + s + "\"");
  if (v < min) throw usage_error(flag + " must be at least " + std::to_string(min) + ", got " + s);
  return v;
}

inline double parse_double(std::string const& flag, std::string const& s, double min) {
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(s, &used);
  } catch (std::exception const&) {
    used = 0;
  }
  if (used != s.size() || s.empty() || !std::isfinite(v)) throw usage_error(flag + " must be a number, got \"" + s + "\"");
  if (v < min) throw usage_error(flag + " must be at least " + std::to_string(min) + ", got " + s);
  return v;
}

// Clojure's (str/split s #"\s*,\s*") (space_before true) or #",\s*": whitespace after (and
// before) each comma goes with it; empty pieces stay, except trailing ones, which split drops.
inline std::vector<std::string> split(std::string const& s, bool space_before = true) {
  auto const space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  std::vector<std::string> out;
  std::string piece;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ',') {
      if (space_before) {
        while (!piece.empty() && space(piece.back())) piece.pop_back();
      }
      out.push_back(std::move(piece));
      piece.clear();
      while (i + 1 < s.size() && space(s[i + 1])) ++i;
    } else {
      piece += s[i];
    }
  }
  out.push_back(std::move(piece));
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

// --availability's number as EDN reads it: an integer, a decimal or a ratio n/d.
inline double parse_edn_number(std::string const& flag, std::string const& s) {
  auto const slash = s.find('/');
  if (slash == std::string::npos) return parse_double(flag, s, -1e300);
  auto const n = parse_int(flag, s.substr(0, slash), std::numeric_limits<std::int64_t>::min());
  auto const d = parse_int(flag, s.substr(slash + 1), 1);
  return static_cast<double>(n) / static_cast<double>(d);
}

}  // namespace detail

// Parses `test ...` (argv without the program name). Throws usage_error. With bin_is_file
// false, --bin names something the caller resolves (the simulator's compiled-in challenges).
inline cli_options parse_cli(std::vector<std::string> const& args, bool bin_is_file = true) {
  if (args.empty()) throw usage_error("missing command: the local Maelstrom runs `test`\n\n" + usage_text());
  if (args[0] == "--help" || args[0] == "-h") throw usage_error(usage_text());
  if (args[0] != "test") {
    throw usage_error("unknown command \"" + args[0] + "\": the local Maelstrom runs `test`, `analyze` and `serve` (demo and doc are not provided)");
  }
  cli_options o;
  std::optional<std::int64_t> node_count;
  std::vector<std::string> node_flags;
  std::optional<std::vector<std::string>> nodes_flag;
  for (std::size_t i = 1; i < args.size(); ++i) {
    std::string const& a = args[i];
    if (a == "--") {
      o.bin_args.assign(args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
      break;
    }
    if (a.empty() || a[0] != '-') {
      o.bin_args.push_back(a);  // tools.cli "arguments": passed to the binary
      continue;
    }
    std::string flag = a, inline_value;
    bool has_inline = false;
    if (auto eq = a.find('='); a.rfind("--", 0) == 0 && eq != std::string::npos) {
      flag = a.substr(0, eq);
      inline_value = a.substr(eq + 1);
      has_inline = true;
    }
    auto value = [&]() -> std::string {
      if (has_inline) return inline_value;
      if (i + 1 >= args.size()) throw usage_error("Missing required argument for \"" + flag + "\"");
      return args[++i];
    };
    if (flag == "-w" || flag == "--workload") {
      o.workload = value();
      if (!find_workload(o.workload)) {
        throw usage_error("Failed to validate \"--workload " + o.workload + "\": must be one of " + workload_list());
      }
    } else if (flag == "--bin") {
      o.bin = value();
    } else if (flag == "--node-count") {
      node_count = detail::parse_int(flag, value(), 1);
    } else if (flag == "--nodes") {
      nodes_flag = detail::split(value(), false);
    } else if (flag == "-n" || flag == "--node") {
      node_flags.push_back(value());
    } else if (flag == "--concurrency") {
      auto v = value();
      std::string digits = !v.empty() && v.back() == 'n' ? v.substr(0, v.size() - 1) : v;
      detail::parse_int(flag, digits, 1);
      o.concurrency = v;
    } else if (flag == "--time-limit") {
      o.time_limit_s = detail::parse_int(flag, value(), 1);
    } else if (flag == "--rate") {
      o.rate = detail::parse_double(flag, value(), 0);
    } else if (flag == "--latency") {
      o.latency_ms = detail::parse_int(flag, value(), 0);
    } else if (flag == "--latency-dist") {
      auto v = value();
      if (v == "constant") o.latency_distribution = latency_dist::constant;
      else if (v == "uniform") o.latency_distribution = latency_dist::uniform;
      else if (v == "exponential") o.latency_distribution = latency_dist::exponential;
      else throw usage_error("--latency-dist must be constant, uniform or exponential, got \"" + v + "\"");
    } else if (flag == "--nemesis") {
      for (auto const& f : detail::split(value())) {
        if (f == "partition") o.partition = true;
        else if (f == "kill") o.kill = true;
        else if (f == "pause") o.pause = true;
        else throw usage_error("Unknown nemesis fault \"" + f + "\": partition, kill or pause");
      }
    } else if (flag == "--nemesis-interval") {
      o.nemesis_interval_s = detail::parse_double(flag, value(), 0);
      if (o.nemesis_interval_s <= 0) throw usage_error("--nemesis-interval must be positive");
    } else if (flag == "--availability") {
      auto v = value();
      if (v == "total") {
        o.availability.total = true;
      } else {
        auto const f = detail::parse_edn_number(flag, v);
        if (f < 0 || f > 1) throw usage_error("--availability must be total or a number in [0, 1], got " + v);
        o.availability.fraction = f;
      }
    } else if (flag == "--consistency-models") {
      o.consistency_models = value();
    } else if (flag == "--key-count") {
      o.key_count = detail::parse_int(flag, value(), 1);
    } else if (flag == "--max-txn-length") {
      o.max_txn_length = detail::parse_int(flag, value(), 1);
    } else if (flag == "--max-writes-per-key") {
      o.max_writes_per_key = detail::parse_int(flag, value(), 1);
    } else if (flag == "--topology") {
      o.topology = value();
      try {
        make_topology(o.topology, {"n0"});
      } catch (std::invalid_argument const&) {
        throw usage_error("--topology must be one of grid, line, total, tree, tree2, tree3, tree4, got \"" + o.topology + "\"");
      }
    } else if (flag == "--log-stderr") {
      o.log_stderr = true;
    } else if (flag == "--log-net-send") {
      o.log_net_send = true;
    } else if (flag == "--log-net-recv") {
      o.log_net_recv = true;
    } else if (flag == "--test-count") {
      o.test_count = detail::parse_int(flag, value(), 1);
    } else if (flag == "--leave-db-running") {
      o.leave_db_running = true;
    } else if (flag == "--final-reads") {
      o.final_reads = true;
    } else if (flag == "--seed") {
      o.seed = static_cast<std::uint64_t>(detail::parse_int(flag, value(), 0));
    } else if (flag == "--help" || flag == "-h") {
      throw help_requested(usage_text());
    } else {
      throw usage_error("Unknown option: \"" + flag + "\"\n\n" + usage_text());
    }
  }
  // Jepsen's parse-nodes after Maelstrom's parse-node-count: --node-count (else --nodes) first,
  // then every -n; the default n1..n5 only when none of them is given.
  if (node_count) {
    nodes_flag.emplace();
    for (std::int64_t k = 0; k < *node_count; ++k) nodes_flag->push_back("n" + std::to_string(k));
  }
  if (nodes_flag || !node_flags.empty()) {
    o.nodes = nodes_flag.value_or(std::vector<std::string>{});
    o.nodes.insert(o.nodes.end(), node_flags.begin(), node_flags.end());
  }
  if (o.nodes.empty()) throw usage_error("the node list is empty");
  for (auto const& n : o.nodes) {
    if (is_client(n)) throw usage_error("node id \"" + n + "\" starts with c, which Maelstrom reserves for clients");
  }
  if (o.bin.empty()) throw usage_error("--bin is required: the node binary to test");
  struct stat st{};
  if (bin_is_file && (::stat(o.bin.c_str(), &st) != 0 || !S_ISREG(st.st_mode))) throw usage_error("--bin " + o.bin + ": no such file");
  if (bin_is_file && ::access(o.bin.c_str(), X_OK) != 0) throw usage_error("--bin " + o.bin + ": not executable");
  if (o.latency_distribution == latency_dist::exponential && o.latency_ms == 0) {
    throw usage_error("--latency-dist exponential needs --latency above 0 (Maelstrom divides by it)");
  }
  if (o.threads() < 1) throw usage_error("--concurrency must give at least one worker");
  return o;
}

}  // namespace glomers::harness
