// `maelstrom analyze STORE_DIR`: checks a stored run again without running its nodes. It reads
// test.json (the options), history.jsonl and net-journal.jsonl, runs the same analysis as the
// test did, rewrites results.json (byte for byte the same when the checkers have not changed),
// results.edn and the pictures, and ends with the test's verdict and exit status.
#pragma once

#include "harness/analysis.hpp"
#include "harness/cli.hpp"
#include "harness/history_io.hpp"
#include "harness/pictures.hpp"
#include "harness/report.hpp"
#include "harness/test_bed.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

namespace glomers::harness {

// test.json as the test wrote it: what the analysis needs of the command line.
inline json::object test_json(cli_options const& o, std::uint64_t seed, std::string const& host) {
  json::value availability = nullptr;
  if (o.availability.total) availability = "total";
  else if (o.availability.fraction) availability = *o.availability.fraction;
  json::value key_count = nullptr;
  if (o.key_count) key_count = *o.key_count;
  return json::object{{"workload", o.workload}, {"bin", o.bin}, {"nodes", json::array(o.nodes.begin(), o.nodes.end())},
                      {"concurrency", o.threads()}, {"time-limit", o.time_limit_s}, {"rate", o.rate},
                      {"latency", o.latency_ms}, {"nemesis", o.nemesis()}, {"seed", seed}, {"host", host},
                      {"nemesis-interval", o.nemesis_interval_s}, {"availability", availability},
                      {"topology", o.topology}, {"consistency-models", o.consistency_models},
                      {"key-count", key_count}, {"max-txn-length", o.max_txn_length},
                      {"max-writes-per-key", o.max_writes_per_key}, {"final-reads", o.final_reads}};
}

// The options test_json recorded; keys an older store lacks keep their defaults.
inline cli_options options_of_test_json(json::object const& t) {
  cli_options o;
  auto const get = [&](char const* k) -> json::value const* { return t.if_contains(k); };
  o.workload = std::string(t.at("workload").as_string());
  if (auto v = get("bin"); v && v->is_string()) o.bin = std::string(v->as_string());
  if (auto v = get("nodes")) {
    o.nodes.clear();
    for (auto const& n : v->as_array()) o.nodes.emplace_back(n.as_string());
  }
  if (auto v = get("concurrency")) o.concurrency = std::to_string(v->to_number<std::int64_t>());
  if (auto v = get("time-limit")) o.time_limit_s = v->to_number<std::int64_t>();
  if (auto v = get("rate")) o.rate = v->to_number<double>();
  if (auto v = get("latency")) o.latency_ms = v->to_number<std::int64_t>();
  if (auto v = get("nemesis-interval")) o.nemesis_interval_s = v->to_number<double>();
  if (auto v = get("availability"); v && v->is_string()) o.availability.total = true;
  if (auto v = get("availability"); v && v->is_number()) o.availability.fraction = v->to_number<double>();
  if (auto v = get("topology")) o.topology = std::string(v->as_string());
  if (auto v = get("consistency-models")) o.consistency_models = std::string(v->as_string());
  if (auto v = get("key-count"); v && !v->is_null()) o.key_count = v->to_number<std::int64_t>();
  if (auto v = get("max-txn-length")) o.max_txn_length = v->to_number<std::int64_t>();
  if (auto v = get("max-writes-per-key")) o.max_writes_per_key = v->to_number<std::int64_t>();
  if (auto v = get("final-reads")) o.final_reads = v->as_bool();
  return o;
}

inline std::string read_text(std::filesystem::path const& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw store_error("cannot read " + path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct analysis_outcome {
  int exit_code;
  json::object results;
  bool changed;  // results.json differs from what the store held
};

// Analyses the run stored in dir (a store/<workload>/<time>/ directory) and rewrites its
// results.json and pictures. Throws store_error when a file is missing or malformed.
inline analysis_outcome analyze_store(std::filesystem::path const& dir) {
  auto const test = boost::json::parse(read_text(dir / "test.json")).as_object();
  auto const o = options_of_test_json(test);
  if (!find_workload(o.workload)) throw store_error("test.json names an unknown workload " + o.workload);
  auto const h = read_history(dir / "history.jsonl");
  auto const journal = read_journal(dir / "net-journal.jsonl");
  std::uint64_t const seed = test.contains("seed") ? test.at("seed").to_number<std::uint64_t>() : 0;
  world w(seed);
  auto wl = make_workload(o.workload, context_of(o, w));
  auto results = analyze(h, *wl, journal, o.availability);
  auto const text = pretty(results) + "\n";
  bool const changed = !std::filesystem::exists(dir / "results.json") || read_text(dir / "results.json") != text;
  write_text(dir / "results.json", text);
  write_text(dir / "results.edn", to_edn(results) + "\n");
  write_pictures(dir, h, o.workload);
  return {verdict_of(results.at("valid?")).exit_code, std::move(results), changed};
}

// The command: prints the results and the verdict as `test` does; 254 for a bad command line,
// 255 when the store cannot be read.
inline int analyze_command(std::vector<std::string> const& args, std::ostream& console) {
  if (args.size() != 2 || args[1].empty() || args[1][0] == '-') {
    console << "Usage: maelstrom analyze STORE_DIR   (e.g. store/latest or store/echo/20260101T120000.000Z)\n";
    return 254;
  }
  try {
    auto const out = analyze_store(args[1]);
    console << pretty(out.results) << "\n\n";
    if (out.changed) console << "results.json differs from the stored one and was rewritten\n";
    console << verdict_of(out.results.at("valid?")).line << std::endl;
    return out.exit_code;
  } catch (std::exception const& e) {
    console << "Cannot analyze " << args[1] << ": " << e.what() << std::endl;
    return 255;
  }
}

}  // namespace glomers::harness
