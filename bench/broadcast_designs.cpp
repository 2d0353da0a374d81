// The design comparison: every broadcast design on the 3d parameters (25 nodes, 20 s, rate 100,
// latency 100 ms), healthy and with --nemesis partition, in the simulation host (virtual time,
// one seed for every design, so the table is exact and repeatable). Prints one table with the
// seed's design as the baseline row, marks the Pareto frontier of msgs-per-op against max stable
// latency, and writes that frontier as an SVG plot.
//   bazel run //bench:broadcast_designs [-- --seed N --out FILE.svg]
#include "bench/bench.hpp"
#include "challenges/all.hpp"
#include "harness/report.hpp"
#include "harness/sim_host.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace {

using namespace glomers;
using harness::cli_options;

struct row {
  std::string design;
  std::string what;
  bool partitioned;
  double servers_per_op = 0, all_per_op = 0;
  json::object latencies;
  std::string valid;
  bool pareto = false;
};

template <class Entry>
row run_design(std::string name, std::string what, bool partitioned, std::uint64_t seed) {
  auto const o = harness::sim_options("broadcast", 25, 20, 100, 100, partitioned);
  auto out = harness::simulate<Entry::template server>(o, seed);
  row r;
  r.design = std::move(name);
  r.what = std::move(what);
  r.partitioned = partitioned;
  if (out.broke) {
    r.valid = "broke: " + *out.broke;
    return r;
  }
  r.servers_per_op = harness::servers_msgs_per_op(out.results);
  r.all_per_op = harness::all_msgs_per_op(out.results);
  auto const& wl = out.results.at("workload").as_object();
  r.latencies = wl.at("stable-latencies").as_object();
  r.valid = bench::validity(out.results);
  return r;
}

std::int64_t lat(row const& r, char const* q) {
  auto const* v = r.latencies.if_contains(q);
  return v ? v->to_number<std::int64_t>() : -1;
}

void mark_pareto(std::vector<row>& rows) {
  for (auto& a : rows) {
    if (a.partitioned || a.valid != "true") continue;
    a.pareto = true;
    for (auto const& b : rows) {
      if (b.partitioned || b.valid != "true" || &a == &b) continue;
      bool const no_worse = b.servers_per_op <= a.servers_per_op && lat(b, "1") <= lat(a, "1");
      bool const better = b.servers_per_op < a.servers_per_op || lat(b, "1") < lat(a, "1");
      if (no_worse && better) a.pareto = false;
    }
  }
}

std::string frontier_svg(std::vector<row> const& rows) {
  double const w = 760, h = 420, left = 60, right = 180, top = 30, bottom = 45;
  double x_max = 1, y_max = 100;
  for (auto const& r : rows) {
    if (r.partitioned || r.valid != "true") continue;
    x_max = std::max(x_max, r.servers_per_op);
    y_max = std::max(y_max, static_cast<double>(lat(r, "1")));
  }
  auto const x = [&](double v) { return left + (w - left - right) * std::log10(1 + v) / std::log10(1 + x_max * 1.1); };
  auto const y = [&](double v) { return top + (h - top - bottom) * (1 - v / (y_max * 1.1)); };
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(int(w)) + "\" height=\"" +
                  std::to_string(int(h)) + "\" font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  s += "<text x=\"" + std::to_string(w / 2) + "\" y=\"18\" text-anchor=\"middle\" font-size=\"13\">broadcast designs, 3d parameters, healthy: max stable latency against server msgs-per-op</text>\n";
  s += "<text x=\"" + std::to_string((w - right + left) / 2) + "\" y=\"" + std::to_string(h - 8) + "\" text-anchor=\"middle\">servers msgs-per-op (log scale)</text>\n";
  s += "<text x=\"14\" y=\"" + std::to_string(h / 2) + "\" transform=\"rotate(-90 14 " + std::to_string(h / 2) + ")\" text-anchor=\"middle\">max stable latency (ms)</text>\n";
  for (double t : {0.5, 1.0, 2.0, 4.0, 10.0, 30.0, 100.0, 300.0}) {
    if (t > x_max * 1.1) break;
    s += "<line x1=\"" + std::to_string(x(t)) + "\" x2=\"" + std::to_string(x(t)) + "\" y1=\"" + std::to_string(top) + "\" y2=\"" +
         std::to_string(h - bottom) + "\" stroke=\"#eee\"/><text x=\"" + std::to_string(x(t)) + "\" y=\"" + std::to_string(h - bottom + 14) +
         "\" text-anchor=\"middle\">" + harness::format_double(t) + "</text>\n";
  }
  for (double t = 0; t <= y_max * 1.1; t += 200) {
    s += "<line x1=\"" + std::to_string(left) + "\" x2=\"" + std::to_string(w - right) + "\" y1=\"" + std::to_string(y(t)) + "\" y2=\"" +
         std::to_string(y(t)) + "\" stroke=\"#eee\"/><text x=\"" + std::to_string(left - 5) + "\" y=\"" + std::to_string(y(t) + 4) +
         "\" text-anchor=\"end\">" + std::to_string(int(t)) + "</text>\n";
  }
  std::vector<row const*> frontier;
  for (auto const& r : rows) {
    if (r.partitioned || r.valid != "true") continue;
    if (r.pareto) frontier.push_back(&r);
    double const cx = x(r.servers_per_op), cy = y(static_cast<double>(lat(r, "1")));
    s += "<circle cx=\"" + std::to_string(cx) + "\" cy=\"" + std::to_string(cy) + "\" r=\"4\" fill=\"" + (r.pareto ? "#c22" : "#888") +
         "\"/><text x=\"" + std::to_string(cx + 6) + "\" y=\"" + std::to_string(cy + 4) + "\">" + r.design + "</text>\n";
  }
  std::sort(frontier.begin(), frontier.end(), [](auto a, auto b) { return a->servers_per_op < b->servers_per_op; });
  std::string points;
  for (auto const* r : frontier) points += std::to_string(x(r->servers_per_op)) + "," + std::to_string(y(static_cast<double>(lat(*r, "1")))) + " ";
  s += "<polyline points=\"" + points + "\" fill=\"none\" stroke=\"#c22\" stroke-dasharray=\"4 3\"/>\n</svg>\n";
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  bench::flags const flags(argc, argv);
  auto const seed = flags.seed();
  auto out = flags.value("--out", "broadcast-frontier.svg");
  if (char const* dir = std::getenv("BUILD_WORKING_DIRECTORY"); dir && out.front() != '/') out = std::string(dir) + "/" + out;

  using run_fn = std::function<row(bool)>;
  std::vector<std::pair<std::string, run_fn>> designs;
  // Every broadcast entry of the catalog but 3a and 3b (the same design as 3c's grid without
  // acknowledgements: shown once, as 3a); the first is the baseline.
  catalog::for_each(catalog::broadcast_entries{}, [&]<class E>() {
    std::string const name(E::name);
    if (name == "broadcast_3b") return;
    std::string what(E::what);
    designs.emplace_back(name, [=](bool partitioned) { return run_design<E>(name, what, partitioned, seed); });
  });
  auto const start = std::chrono::steady_clock::now();
  std::vector<row> rows;
  for (auto const& [name, run] : designs) {
    for (bool partitioned : {false, true}) rows.push_back(run(partitioned));
  }
  auto const wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  mark_pareto(rows);

  auto const& base = rows.front();
  std::printf("broadcast designs on the 3d line (25 nodes, 20 s, rate 100, latency 100 ms)\n");
  std::printf("host: simulation (virtual time), seed %llu, %zu runs in %.1f s wall\n",
              static_cast<unsigned long long>(seed), rows.size(), wall);
  std::printf("baseline: %s; x = servers msgs-per-op relative to the baseline's healthy row; * = Pareto frontier\n\n",
              base.design.c_str());
  std::printf("%-19s %-9s %8s %7s %8s %6s %6s %6s %6s %8s  %s\n", "design", "faults", "srv/op", "x base", "all/op",
              "p50", "p95", "p99", "max", "valid", "");
  for (auto const& r : rows) {
    std::printf("%-19s %-9s %8.2f %7.2f %8.2f %6lld %6lld %6lld %6lld %8s %s %s\n", r.design.c_str(),
                r.partitioned ? "partition" : "healthy", r.servers_per_op,
                bench::ratio(r.servers_per_op, base.servers_per_op), r.all_per_op,
                static_cast<long long>(lat(r, "0.5")), static_cast<long long>(lat(r, "0.95")),
                static_cast<long long>(lat(r, "0.99")), static_cast<long long>(lat(r, "1")), r.valid.c_str(),
                r.pareto ? "*" : " ", r.partitioned ? "" : r.what.c_str());
  }
  std::ofstream(out) << frontier_svg(rows);
  std::printf("\nfrontier plot: %s\n", out.c_str());
}
