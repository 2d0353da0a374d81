// `maelstrom analyze`: a stored run checked again from its files alone gives the same verdict and
// a byte-identical results.json, for each workload; the history read back is the one the run
// held; a damaged store is reported, not guessed at.
#include "harness/analyze.hpp"
#include "harness/sim_host.hpp"

#include <boost/test/unit_test.hpp>

#include "tests/serve/stored_runs.hpp"
#include "tests/support/seed.hpp"

using namespace glomers;
namespace fs = std::filesystem;

namespace {

template <template <class> class Server>
void analyze_reproduces(std::string const& name, harness::cli_options const& o, int expected_exit = 0) {
  auto const seed = testing::base_seed();
  BOOST_TEST_CONTEXT(name << ", GLOMERS_SEED=" << seed) {
    auto const run = testing::store_run<Server>(testing::fresh_dir("analyze_" + name), o, seed);
    BOOST_TEST(run.exit_code == expected_exit);
    auto const stored = harness::read_text(run.dir / "results.json");
    auto const stored_edn = harness::read_text(run.dir / "results.edn");
    fs::remove(run.dir / "timeline.html");
    std::ostringstream console;
    int const code = harness::analyze_command({"analyze", run.dir.string()}, console);
    BOOST_TEST(code == run.exit_code);
    BOOST_TEST(harness::read_text(run.dir / "results.json") == stored);
    BOOST_TEST(harness::read_text(run.dir / "results.edn") == stored_edn);
    BOOST_TEST(console.str().find("differs") == std::string::npos, console.str());
    BOOST_TEST(console.str().find(harness::verdict_of(boost::json::parse(stored).at("valid?")).line) != std::string::npos);
    BOOST_TEST(fs::exists(run.dir / "timeline.html"));  // the pictures are drawn again
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(analyze_test)

BOOST_AUTO_TEST_CASE(echo_results_reproduced) { analyze_reproduces<echo_server>("echo", testing::echo_line()); }
BOOST_AUTO_TEST_CASE(broadcast_results_reproduced) {
  analyze_reproduces<testing::broadcast_node>("broadcast", testing::broadcast_line());
}
BOOST_AUTO_TEST_CASE(g_counter_results_reproduced) {
  analyze_reproduces<testing::g_counter_node>("g-counter", testing::g_counter_line());
}
BOOST_AUTO_TEST_CASE(kafka_results_reproduced) { analyze_reproduces<testing::kafka_node>("kafka", testing::kafka_line()); }
BOOST_AUTO_TEST_CASE(lin_kv_results_reproduced) {
  analyze_reproduces<testing::proxy_kv_node>("lin-kv", testing::lin_kv_line());
}
BOOST_AUTO_TEST_CASE(txn_rw_register_results_reproduced) {
  analyze_reproduces<testing::txn_leader_node>("txn-rw-register", testing::txn_line());
}
BOOST_AUTO_TEST_CASE(invalid_txn_results_reproduced) {
  analyze_reproduces<testing::txn_local_node>("txn-local", testing::txn_line(), 1);
}
BOOST_AUTO_TEST_CASE(invalid_lin_kv_stays_invalid) {
  auto const seed = testing::base_seed();
  BOOST_TEST_CONTEXT("GLOMERS_SEED=" << seed) {
    auto const run = testing::store_run<testing::local_kv_node>(testing::fresh_dir("analyze_local"), testing::lin_kv_line(), seed);
    BOOST_TEST(run.exit_code == 1);
    BOOST_TEST(harness::analyze_store(run.dir).exit_code == 1);
  }
}

// The history and journal read back equal what the run held, invocation links included.
BOOST_AUTO_TEST_CASE(history_and_journal_round_trip) {
  auto const seed = testing::base_seed();
  BOOST_TEST_CONTEXT("GLOMERS_SEED=" << seed) {
    auto o = testing::kafka_line();
    auto const out = harness::simulate<testing::kafka_node>(o, seed);
    auto const dir = testing::fresh_dir("round_trip");
    harness::write_history(dir, out.ops);
    harness::write_journal(dir, out.journal);
    auto const h = harness::read_history(dir / "history.jsonl");
    BOOST_TEST_REQUIRE(h.size() == out.ops.size());
    for (std::size_t i = 0; i < h.size(); ++i) {
      BOOST_TEST_CONTEXT("op " << i) {
        BOOST_TEST(harness::to_json(h[i]) == harness::to_json(out.ops[i]));
        BOOST_TEST(h[i].invocation == out.ops[i].invocation);
      }
    }
    auto const j = harness::read_journal(dir / "net-journal.jsonl");
    BOOST_TEST_REQUIRE(j.size() == out.journal.size());
    for (std::size_t i = 0; i < j.size(); ++i) {
      BOOST_TEST((j[i].kind == out.journal[i].kind && j[i].time == out.journal[i].time && j[i].id == out.journal[i].id &&
                  j[i].src == out.journal[i].src && j[i].dest == out.journal[i].dest && j[i].type == out.journal[i].type));
    }
    BOOST_TEST(harness::nemesis_windows(h).size() == out.faults.size());
  }
}

// test.json keeps every option the analysis reads.
BOOST_AUTO_TEST_CASE(test_json_keeps_the_options) {
  auto o = testing::lin_kv_line();
  o.availability = {};
  o.availability.total = true;
  o.topology = "line";
  o.max_txn_length = 7;
  o.consistency_models = "serializable";
  o.final_reads = true;
  auto const back = harness::options_of_test_json(boost::json::parse(harness::pretty(harness::test_json(o, 42, "simulation"))).as_object());
  BOOST_TEST(back.workload == o.workload);
  BOOST_TEST((back.nodes == o.nodes));
  BOOST_TEST(back.threads() == o.threads());
  BOOST_TEST(back.availability.total);
  BOOST_TEST(back.topology == "line");
  BOOST_TEST((back.key_count == o.key_count));
  BOOST_TEST(back.max_txn_length == 7);
  BOOST_TEST(back.consistency_models == "serializable");
  BOOST_TEST(back.rate == o.rate);
  BOOST_TEST(back.final_reads);
}

BOOST_AUTO_TEST_CASE(damaged_store_is_reported) {
  auto const dir = testing::fresh_dir("damaged");
  std::ostringstream console;
  BOOST_TEST(harness::analyze_command({"analyze", dir.string()}, console) == 255);
  BOOST_TEST(console.str().find("test.json") != std::string::npos, console.str());
  std::ofstream(dir / "test.json") << R"({"workload": "echo", "nodes": ["n0"], "concurrency": 1})";
  std::ofstream(dir / "history.jsonl") << "{\"index\": 0, \"type\": \"invoke\"\n";
  std::ofstream(dir / "net-journal.jsonl");
  console.str("");
  BOOST_TEST(harness::analyze_command({"analyze", dir.string()}, console) == 255);
  BOOST_TEST(console.str().find("history.jsonl:1") != std::string::npos, console.str());
  BOOST_TEST(harness::analyze_command({"analyze"}, console) == 254);
}

BOOST_AUTO_TEST_SUITE_END()
