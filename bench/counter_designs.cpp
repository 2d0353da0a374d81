// The counter comparison: each counting strategy of the catalog (challenges/counter/catalog.hpp;
// pn_counter is g_counter's strategy, run here on both workloads already) on Fly.io line 4 (3 nodes, 20 s, rate 100) for
// g-counter and pn-counter, healthy and with --nemesis partition, in the simulation host. Prints
// servers msgs-per-op (seq-kv traffic counts as servers) against the kv_cas baseline, whether
// every final read was exact, and validity.
//   bazel run //bench:counter_designs [-- --seed N]
#include "bench/bench.hpp"
#include "challenges/all.hpp"
#include "harness/sim_host.hpp"

#include <cstdio>
#include <string>

namespace {

using namespace glomers;

struct row {
  double servers_per_op = 0;
  std::string valid;
  std::string final_reads;
};

template <class Entry>
row run(std::string const& workload, bool partition, std::uint64_t seed) {
  auto out = harness::simulate<Entry::template server>(harness::sim_options(workload, 3, 20, 100, 0, partition), seed);
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
  std::printf("counter strategies on Fly.io line 4 (3 nodes, 20 s, rate 100); host: simulation, seed %llu\n",
              static_cast<unsigned long long>(seed));
  std::printf("baseline: g_counter_cas (kv_cas<500, 500>); x = servers msgs-per-op relative to the baseline in the same row group\n\n");
  std::printf("%-11s %-17s %-9s %8s %7s %7s  %s\n", "workload", "strategy", "faults", "srv/op", "x base", "valid",
              "final reads in acceptable");
  for (std::string workload : {"g-counter", "pn-counter"}) {
    for (bool partition : {false, true}) {
      auto const base = run<catalog::g_counter_cas>(workload, partition, seed);
      auto print = [&](std::string_view name, row const& r) {
        std::printf("%-11s %-17.*s %-9s %8.3f %7.2f %7s  %s\n", workload.c_str(), static_cast<int>(name.size()), name.data(),
                    partition ? "partition" : "healthy", r.servers_per_op, bench::ratio(r.servers_per_op, base.servers_per_op),
                    r.valid.c_str(), r.final_reads.c_str());
      };
      print(catalog::g_counter_cas::name, base);
      catalog::for_each(catalog::counter_entries{}, [&]<class E>() {
        if (E::name == catalog::g_counter_cas::name || E::name == catalog::pn_counter::name) return;
        print(E::name, run<E>(workload, partition, seed));
      });
    }
  }
}
