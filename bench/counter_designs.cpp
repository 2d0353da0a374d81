// The counter comparison: each counting strategy on Fly.io line 4 (3 nodes, 20 s, rate 100) for
// g-counter and pn-counter, healthy and with --nemesis partition, in the simulation host. Prints
// servers msgs-per-op (seq-kv traffic counts as servers) against the kv_cas baseline, whether
// every final read was exact, and validity.
//   bazel run //bench:counter_designs [-- --seed N]
#include "bench/bench.hpp"
#include "challenges/counter/server.hpp"
#include "harness/sim_host.hpp"
#include "policies/counter/crdt.hpp"
#include "policies/counter/kv_cas.hpp"

#include <cstdio>
#include <string>

namespace {

using namespace glomers;

struct row {
  double servers_per_op = 0;
  std::string valid;
  std::string final_reads;
};

template <class Counter>
row run(std::string const& workload, bool partition, std::uint64_t seed) {
  auto out = harness::simulate<counter_with<Counter>::template server>(harness::sim_options(workload, 3, 20, 100, 0, partition), seed);
  row r;
  if (out.broke) return {0, "broke: " + *out.broke, ""};
  r.servers_per_op = harness::servers_msgs_per_op(out.results);
  r.valid = bench::validity(out.results);
  auto const& wl = out.results.at("workload").as_object();
  r.final_reads = boost::json::serialize(wl.at("final-reads")) + " in " + boost::json::serialize(wl.at("acceptable"));
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  auto const seed = bench::flags(argc, argv).seed();
  using baseline = counter::kv_cas<500, 500>;
  using crdt = counter::crdt<500, 1000>;
  using durable = counter::crdt<500, 100, true>;
  std::printf("counter strategies on Fly.io line 4 (3 nodes, 20 s, rate 100); host: simulation, seed %llu\n",
              static_cast<unsigned long long>(seed));
  std::printf("baseline: kv_cas<500, 500>; x = servers msgs-per-op relative to the baseline in the same row group\n\n");
  std::printf("%-11s %-15s %-9s %8s %7s %7s  %s\n", "workload", "strategy", "faults", "srv/op", "x base", "valid",
              "final reads in acceptable");
  for (std::string workload : {"g-counter", "pn-counter"}) {
    for (bool partition : {false, true}) {
      auto const base = run<baseline>(workload, partition, seed);
      auto const other = run<crdt>(workload, partition, seed);
      auto const safe = run<durable>(workload, partition, seed);
      for (auto const& [name, r] : {std::pair{"kv_cas<500,500>", base}, std::pair{"crdt<500,1000>", other},
                                    std::pair{"crdt durable", safe}}) {
        std::printf("%-11s %-15s %-9s %8.3f %7.2f %7s  %s\n", workload.c_str(), name, partition ? "partition" : "healthy",
                    r.servers_per_op, bench::ratio(r.servers_per_op, base.servers_per_op),
                    r.valid.c_str(), r.final_reads.c_str());
      }
    }
  }
}
