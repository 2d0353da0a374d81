#include "harness/cli.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

using namespace glomers::harness;

namespace {

std::vector<std::string> line(std::string const& s) {
  std::vector<std::string> out{"test", "--bin", "/bin/true"};
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string error_of(std::vector<std::string> const& args) {
  try {
    parse_cli(args);
  } catch (usage_error const& e) {
    return e.what();
  }
  return "";
}

bool mentions(std::string const& text, std::string const& what) { return text.find(what) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_test)

BOOST_AUTO_TEST_CASE(defaults_are_maelstroms) {
  auto o = parse_cli(line(""));
  BOOST_TEST(o.workload == "lin-kv");
  BOOST_TEST(o.nodes == (std::vector<std::string>{"n1", "n2", "n3", "n4", "n5"}));
  BOOST_TEST(o.threads() == 5);
  BOOST_TEST(o.time_limit_s == 60);
  BOOST_TEST(o.rate == 5.0);
  BOOST_TEST(o.latency_ms == 0);
  BOOST_TEST(!o.partition);
  BOOST_TEST(o.nemesis_interval_s == 10.0);
  BOOST_TEST(o.topology == "grid");
  BOOST_TEST(!o.availability.total);
  BOOST_TEST(!o.availability.fraction.has_value());
}

BOOST_AUTO_TEST_CASE(fly_io_line_3d) {
  auto o = parse_cli(line("-w broadcast --node-count 25 --time-limit 20 --rate 100 --latency 100 --nemesis partition"));
  BOOST_TEST(o.workload == "broadcast");
  BOOST_TEST(o.nodes.size() == 25u);
  BOOST_TEST(o.nodes.front() == "n0");
  BOOST_TEST(o.nodes.back() == "n24");
  BOOST_TEST(o.time_limit_s == 20);
  BOOST_TEST(o.rate == 100.0);
  BOOST_TEST(o.latency_ms == 100);
  BOOST_TEST(o.partition);
}

BOOST_AUTO_TEST_CASE(concurrency_availability_nodes_and_trailing_args) {
  auto o = parse_cli(line("--node-count 3 --concurrency 2n --availability total --nodes a,b -- --verbose x"));
  BOOST_TEST(o.threads() == 6);  // --node-count wins over --nodes
  BOOST_TEST(o.availability.total);
  BOOST_TEST(o.bin_args == (std::vector<std::string>{"--verbose", "x"}));
  auto p = parse_cli(line("--nodes a,b --concurrency 3 --availability 0.5 --latency-dist=uniform"));
  BOOST_TEST(p.nodes == (std::vector<std::string>{"a", "b"}));
  BOOST_TEST(p.threads() == 3);
  BOOST_TEST(*p.availability.fraction == 0.5);
  BOOST_TEST((p.latency_distribution == latency_dist::uniform));
}

BOOST_AUTO_TEST_CASE(bad_flags_get_clear_messages) {
  BOOST_TEST(mentions(error_of(line("--frobnicate")), "Unknown option: \"--frobnicate\""));
  BOOST_TEST(mentions(error_of(line("-w nope")), "--workload nope"));
  BOOST_TEST(mentions(error_of(line("--node-count 0")), "--node-count must be at least 1"));
  BOOST_TEST(mentions(error_of(line("--node-count three")), "--node-count must be an integer"));
  BOOST_TEST(mentions(error_of(line("--rate fast")), "--rate must be a number"));
  BOOST_TEST(mentions(error_of(line("--rate -1")), "--rate must be at least"));
  BOOST_TEST(mentions(error_of(line("--latency-dist pareto")), "--latency-dist must be"));
  BOOST_TEST(mentions(error_of(line("--latency-dist exponential")), "needs --latency above 0"));
  BOOST_TEST(mentions(error_of(line("--nemesis crash")), "Unknown nemesis fault \"crash\""));
  auto all = parse_cli(line("--nemesis partition,kill,pause"));
  BOOST_TEST((all.partition && all.kill && all.pause));
  BOOST_TEST(all.nemesis() == "partition,kill,pause");
  BOOST_TEST(mentions(error_of(line("--availability 1.5")), "--availability must be total or a number"));
  BOOST_TEST(mentions(error_of(line("--topology ring")), "--topology must be one of"));
  BOOST_TEST(mentions(error_of(line("--concurrency xn")), "--concurrency must be an integer"));
  BOOST_TEST(mentions(error_of(line("--time-limit")), "Missing required argument for \"--time-limit\""));
  BOOST_TEST(mentions(error_of(line("--nodes c1,n2")), "reserves for clients"));
  BOOST_TEST(mentions(error_of({"test", "-w", "echo"}), "--bin is required"));
  BOOST_TEST(mentions(error_of({"test", "--bin", "/no/such/file"}), "no such file"));
  auto const plain = std::filesystem::temp_directory_path() / "glomers-cli-test-not-executable";
  std::ofstream(plain) << "data\n";
  std::filesystem::permissions(plain, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  BOOST_TEST(mentions(error_of({"test", "--bin", plain.string()}), "not executable"));
  BOOST_TEST(mentions(error_of({"serve"}), "unknown command \"serve\""));
  BOOST_TEST(mentions(error_of({}), "missing command"));
}

BOOST_AUTO_TEST_CASE(jepsens_node_lists_time_limit_availability_and_help) {
  // --nodes splits on ",\s*"; -n adds after --nodes (or after --node-count's list).
  BOOST_TEST(parse_cli(line("--nodes a,_b,d")).nodes == (std::vector<std::string>{"a", "_b", "d"}));
  auto spaced = line("");
  spaced.insert(spaced.end(), {"--nodes", "a, b,  d"});
  BOOST_TEST(parse_cli(spaced).nodes == (std::vector<std::string>{"a", "b", "d"}));
  BOOST_TEST(parse_cli(line("--nodes a,b -n x -n y")).nodes == (std::vector<std::string>{"a", "b", "x", "y"}));
  BOOST_TEST(parse_cli(line("--node-count 2 -n x")).nodes == (std::vector<std::string>{"n0", "n1", "x"}));
  BOOST_TEST(parse_cli(line("-n x")).nodes == (std::vector<std::string>{"x"}));  // the default goes
  BOOST_TEST(mentions(error_of(line("--time-limit 0")), "--time-limit must be at least 1"));
  BOOST_TEST(parse_cli(line("--time-limit 1")).time_limit_s == 1);
  BOOST_TEST(*parse_cli(line("--availability 1/2")).availability.fraction == 0.5);  // EDN ratio
  BOOST_TEST(*parse_cli(line("--availability 1")).availability.fraction == 1.0);
  BOOST_TEST(mentions(error_of(line("--availability 3/2")), "--availability must be total or a number"));
  auto nemeses = line("");
  nemeses.insert(nemeses.end(), {"--nemesis", "partition , kill"});  // split on \s*,\s*
  BOOST_TEST(parse_cli(nemeses).kill);
  // test --help: the usage, as a help request (exit 0); a bad flag stays a usage error (254).
  bool help = false;
  try {
    parse_cli(line("--help"));
  } catch (help_requested const& e) {
    help = mentions(e.what(), "Usage: maelstrom test");
  }
  BOOST_TEST(help);
  BOOST_CHECK_THROW(parse_cli(line("--frobnicate")), usage_error);
  try {
    parse_cli(line("--frobnicate"));
  } catch (help_requested const&) {
    BOOST_FAIL("a bad flag is no help request");
  } catch (usage_error const&) {
  }
}

BOOST_AUTO_TEST_SUITE_END()
