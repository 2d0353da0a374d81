// The design comparison for totally-available transactions: every txn-rw-register entry of the
// catalog on two nodes (challenges/txn/catalog.hpp: all but txn_6a, one node, and
// txn_list_append, another workload) and two designs broken on purpose, on the Fly.io 6b
// line (read uncommitted) and 6c line (read committed), healthy and with --nemesis partition,
// with our final reads (every node reads every key after the heal), in the simulation host (one
// seed for every design). Prints servers msgs-per-op, availability (ok fraction), latency p50 and
// p99 (ms; a txn is answered by its own node, so these are ~0), stale reads (the fraction, and
// the p50/p99 age of what they missed: replication lag as clients see it), the anomalies the
// checker found, and whether the replicas converged. The first row is the
// simplest correct design (eager replication): no published txn solution exists to reproduce
// (the seed's repository answers challenge 6 with a Raft lin-kv store).
//   bazel run //bench:txn_designs [-- --seed N --time-limit S]
#include "bench/bench.hpp"
#include "challenges/all.hpp"
#include "harness/sim_host.hpp"
#include "tests/txn_solution/per_write.hpp"

#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace glomers;

struct per_write_stamps : txn_designs::ru_eager {
  using isolation = testing::per_write_isolation;
};

// The rows after the catalog's: designs that must fail, so the table shows what it catches.
using no_repair = catalog::entry<"no_repair", "rc_batched without repair (broken on purpose)", txn_server,
                                 txn_designs::rc_batched_no_repair>;
using per_write = catalog::entry<"per_write", "a stamp per write, not per txn (broken on purpose)", txn_server,
                                 per_write_stamps>;

struct staleness {
  double fraction = 0;             // of external reads
  std::int64_t age_p50_ms = 0, age_p99_ms = 0;  // over the stale reads
};

struct row {
  double servers_per_op = 0, ok_fraction = 0;
  staleness stale;
  std::int64_t p50_ms = -1, p99_ms = -1;
  std::string valid, anomalies, converged;
};

// Replication lag as clients see it. An external read (a txn's first micro-op on a key, when
// it is a read) is stale when it missed a write of that key that a txn on another node had
// completed before the read's txn began (write values grow per key: "missed" is "returned null
// or a smaller value"); its age is how long before the read the first missed write completed.
// Worker p talks to node p mod the node count. Approximate: a larger value that lost to a
// concurrent smaller one by last-writer-wins counts as missed too.
staleness stale_reads(harness::history const& h, int nodes) {
  struct done_write {
    std::int64_t key, value, node;
    harness::sim_time at;
  };
  std::vector<done_write> writes;  // in completion order
  std::map<std::pair<std::int64_t, std::int64_t>, std::vector<std::pair<std::int64_t, harness::sim_time>>> known;
  std::size_t next = 0, reads = 0;  // writes[0, next) are in known
  std::vector<std::int64_t> ages;
  for (auto const& op : h) {
    if (op.type != harness::op_type::ok || !op.is_client_op() || op.final || op.invocation < 0) continue;
    auto const began = h[op.invocation].time;
    auto const node = op.process % nodes;
    for (; next < writes.size() && writes[next].at < began; ++next) {
      known[{writes[next].node, writes[next].key}].emplace_back(writes[next].value, writes[next].at);
    }
    std::set<std::int64_t> seen;
    std::map<std::int64_t, std::int64_t> last_write;
    for (auto const& m : op.value.as_array()) {
      auto const& a = m.as_array();
      auto const k = a[1].as_int64();
      if (a[0] == "r" && !seen.count(k)) {
        ++reads;
        auto const got = a[2].is_null() ? std::int64_t(0) : a[2].as_int64();
        std::optional<harness::sim_time> first_missed;
        for (std::int64_t other = 0; other < nodes; ++other) {
          if (other == node) continue;
          auto it = known.find({other, k});
          if (it == known.end()) continue;
          for (auto const& [v, at] : it->second) {
            if (v > got && (!first_missed || at < *first_missed)) first_missed = at;
          }
        }
        if (first_missed) ages.push_back(std::chrono::duration_cast<std::chrono::milliseconds>(began - *first_missed).count());
      }
      if (a[0] == "w") last_write[k] = a[2].as_int64();
      seen.insert(k);
    }
    for (auto const& [k, v] : last_write) writes.push_back({k, v, node, op.time});
  }
  staleness out;
  if (reads) out.fraction = double(ages.size()) / double(reads);
  std::sort(ages.begin(), ages.end());
  if (!ages.empty()) {
    out.age_p50_ms = ages[ages.size() / 2];
    out.age_p99_ms = ages[std::min(ages.size() - 1, ages.size() * 99 / 100)];
  }
  return out;
}

template <class Entry>
row run_design(bool committed, bool partitioned, std::uint64_t seed, std::int64_t time_limit_s) {
  auto o = harness::sim_options("txn-rw-register", 2, time_limit_s, 1000, 0, partitioned);
  o.concurrency = "2n";
  o.consistency_models = committed ? "read-committed" : "read-uncommitted";
  o.availability.total = true;
  o.final_reads = true;
  auto out = harness::simulate<Entry::template server>(o, seed);
  row r;
  if (out.broke) {
    r.valid = "broke: " + *out.broke;
    return r;
  }
  r.servers_per_op = harness::servers_msgs_per_op(out.results);
  auto const& stats = out.results.at("stats").as_object();
  auto const count = stats.at("count").template to_number<double>();
  r.ok_fraction = count > 0 ? stats.at("ok-count").template to_number<double>() / count : 0;
  std::vector<std::int64_t> lat;  // main-phase txns, invocation to completion
  for (auto const& op : out.ops) {
    if (op.type == harness::op_type::invoke || !op.is_client_op() || op.final || op.invocation < 0) continue;
    lat.push_back(std::chrono::duration_cast<std::chrono::milliseconds>(op.time - out.ops[op.invocation].time).count());
  }
  std::sort(lat.begin(), lat.end());
  r.stale = stale_reads(out.ops, 2);
  if (!lat.empty()) {
    r.p50_ms = lat[lat.size() / 2];
    r.p99_ms = lat[std::min(lat.size() - 1, lat.size() * 99 / 100)];
  }
  r.valid = bench::validity(out.results);
  auto const& wl = out.results.at("workload").as_object();
  bool diverged = false;
  if (auto const* types = wl.if_contains("anomaly-types")) {
    for (auto const& t : types->as_array()) {
      auto const name = std::string(t.as_string());
      if (name == "divergent-replicas") diverged = true;
      r.anomalies += (r.anomalies.empty() ? "" : ",") + name;
    }
  }
  if (r.anomalies.empty()) r.anomalies = "-";
  r.converged = diverged ? "no" : "yes";
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  bench::flags const flags(argc, argv);
  auto const seed = flags.seed();
  auto const time_limit_s = std::stoll(flags.value("--time-limit", "20"));
  using run_fn = std::function<row(bool, bool)>;
  std::vector<std::tuple<std::string, std::string, run_fn>> designs;
  auto const add = [&]<class E>() {
    designs.emplace_back(E::name, E::what, [=](bool committed, bool partitioned) {
      return run_design<E>(committed, partitioned, seed, time_limit_s);
    });
  };
  catalog::for_each(catalog::txn_entries{}, [&]<class E>() {
    if (E::name != "txn_6a" && E::name != "txn_list_append") add.template operator()<E>();
  });
  catalog::for_each(catalog::entry_list<no_repair, per_write>{}, add);

  std::printf("txn designs, 2 nodes, 2n threads, 1000 txn/s, %llds, final reads, seed %llu\n",
              static_cast<long long>(time_limit_s), static_cast<unsigned long long>(seed));
  std::printf("%-18s %-4s %-10s %7s %6s %4s %4s %6s %5s %5s %-6s %-9s %s\n", "design", "line", "nemesis", "srv/op", "ok", "p50",
              "p99", "stale", "age50", "age99", "valid", "converged", "anomalies");
  auto const started = std::chrono::steady_clock::now();
  for (auto const& [name, what, fn] : designs) {
    for (bool committed : {false, true}) {
      for (bool partitioned : {false, true}) {
        auto const r = fn(committed, partitioned);
        std::printf("%-18s %-4s %-10s %7.3f %6.4f %4lld %4lld %5.1f%% %5lld %5lld %-6s %-9s %s\n", name.c_str(),
                    committed ? "6c" : "6b", partitioned ? "partition" : "healthy", r.servers_per_op, r.ok_fraction,
                    static_cast<long long>(r.p50_ms), static_cast<long long>(r.p99_ms), 100 * r.stale.fraction,
                    static_cast<long long>(r.stale.age_p50_ms), static_cast<long long>(r.stale.age_p99_ms), r.valid.c_str(),
                    r.converged.c_str(), r.anomalies.c_str());
        std::fflush(stdout);
      }
    }
  }
  std::printf("\n");
  for (auto const& [name, what, fn] : designs) std::printf("%-18s %s\n", name.c_str(), what.c_str());
  std::printf("(%.1f s wall)\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
}
