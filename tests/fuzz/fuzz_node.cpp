// The node fuzzer: runs one node binary as Maelstrom would (n0 of n0..n2) and feeds it
// malformed, truncated, oversized, deeply nested, non-UTF-8 and mutated messages, forged peer
// messages and forged service replies. After every case the node must still be alive and answer
// a valid request; every line it writes must be a valid Maelstrom envelope; a request it can
// read far enough to answer must be answered (an echo with exactly its payload).
//   fuzz_node --bin PATH --workload echo|unique-ids|broadcast|g-counter|pn-counter
//             [--seed N] [--cases N] [--seconds S] [--big-values N] [--kinds K,K...]
// --big-values: sparse values in the large peer message of broadcast (default 5000; 100000 fills
// the node's 1 MiB line limit: issue 13's oversized gossip at the largest size still accepted).
// Exit 0 when every case passed; 1 with the failing case and the node's stderr tail.
#include "tests/fuzz/session.hpp"

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

using glomers::fuzz::session;

int main(int argc, char** argv) {
  std::string bin, workload;
  std::uint64_t seed = 1;
  std::size_t cases = 300;
  double seconds = 0;
  int big_values = 5000;
  std::string kinds;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string const a = argv[i], v = argv[i + 1];
    if (a == "--bin") bin = v;
    else if (a == "--workload") workload = v;
    else if (a == "--seed") seed = std::stoull(v);
    else if (a == "--cases") cases = std::stoull(v);
    else if (a == "--seconds") seconds = std::stod(v);
    else if (a == "--big-values") big_values = std::stoi(v);
    else if (a == "--kinds") kinds = v;
  }
  if (char const* s = std::getenv("GLOMERS_SEED"); s && *s) seed = std::stoull(s);
  if (bin.empty() || workload.empty()) {
    std::cerr << "usage: fuzz_node --bin PATH --workload NAME [--seed N] [--cases N] [--seconds S]\n";
    return 2;
  }
  std::cout << "fuzzing " << bin << " (" << workload << "), seed " << seed << std::endl;
  session s(bin, workload, seed, big_values);
  for (std::size_t at = 0; at < kinds.size();) {  // e.g. "2,8": only those case kinds
    auto const comma = kinds.find(',', at);
    s.kinds_.push_back(std::stoul(kinds.substr(at, comma - at)));
    at = comma == std::string::npos ? kinds.size() : comma + 1;
  }
  std::size_t i = 0;
  try {
    s.start();
    auto const until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    for (; seconds > 0 ? std::chrono::steady_clock::now() < until : i < cases; ++i) s.run_case(i);
    s.finish();
  } catch (std::exception const& e) {
    std::cout << "FAILED at case " << i << " (seed " << seed << "): " << e.what() << "\n" << s.context() << std::endl;
    return 1;
  }
  return 0;
}
