// How the process host reads a node's stdout line, as Maelstrom's parse-msg and message schema
// do: what is routed, and what is an error that mutes the node.
#include "harness/process_host.hpp"
#include "harness/workloads/registry.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>

using namespace glomers::harness;

namespace {

std::string error_of(std::string const& line) {
  auto p = parse_node_line("n1", line);
  BOOST_TEST(!p.msg.has_value());
  return p.error;
}
bool mentions(std::string const& text, std::string const& what) { return text.find(what) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_SUITE(process_host_test)

BOOST_AUTO_TEST_CASE(good_lines) {
  auto p = parse_node_line("n1", R"({"src":"n1","dest":"c3","body":{"type":"echo_ok","in_reply_to":1}})");
  BOOST_TEST_REQUIRE(p.msg.has_value());
  BOOST_TEST(p.msg->dest == "c3");
  BOOST_TEST(p.msg->type() == "echo_ok");
  BOOST_TEST(parse_node_line("n1", R"({"id":4,"src":"n1","dest":"n2","body":{}})").msg.has_value());
  // A null or empty-array body becomes {} under Maelstrom's one-level keywordising.
  BOOST_TEST(parse_node_line("n1", R"({"src":"n1","dest":"n2","body":null})").msg->body.empty());
  BOOST_TEST(parse_node_line("n1", R"({"src":"n1","dest":"n2","body":[]})").msg->body.empty());
}

BOOST_AUTO_TEST_CASE(bad_lines) {
  BOOST_TEST(mentions(error_of("hello world"), "Node n1 printed a line to STDOUT which was not well-formed JSON: hello world"));
  BOOST_TEST(mentions(error_of(R"({"src":"n1","dest":"n2","body":{},"extra":1})"), "the key \"extra\" is not allowed"));
  BOOST_TEST(mentions(error_of(R"({"src":"n1","dest":"n2","body":"text"})"), "body is not a JSON object"));
  BOOST_TEST(mentions(error_of(R"({"src":"n1","dest":"n2","body":[1]})"), "body is not a JSON object"));
  BOOST_TEST(mentions(error_of(R"({"src":null,"dest":"n2","body":{}})"), "src must be a string"));
  BOOST_TEST(mentions(error_of(R"({"src":"n1","body":{}})"), "dest is missing"));
  BOOST_TEST(mentions(error_of(R"({"src":"n1","dest":"n2","body":{},"id":1.5})"), "id must be an integer"));
  BOOST_TEST(mentions(error_of("[1,2]"), "Malformed network message. Node n1"));
  BOOST_TEST(mentions(error_of("null"), "src, dest and body are missing"));
}

BOOST_AUTO_TEST_CASE(a_crashed_node_leaves_its_whole_stderr_in_its_log) {
  // A "node" that writes two stderr lines, the last without a newline, and exits: the test
  // breaks, and the log holds every byte, not only what a poll round happened to read.
  auto const dir = std::filesystem::temp_directory_path() / ("glomers-process-host-test-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  world w(1);
  network net(w, latency_config{});
  auto wl = make_workload("echo", workload_context{{"n0"}, 1, 0, "grid", &w});
  test_config cfg;
  cfg.nodes = {"n0"};
  cfg.time_limit = std::chrono::seconds(2);
  test_run run(cfg, w, net, *wl);
  std::optional<std::string> broke;
  {
    process_host host(w, net, {"n0"},
                      process_host_options{"/bin/sh", {"-c", "echo first line >&2; printf 'no newline' >&2; exit 3"}, dir});
    broke = host.run(run);
  }
  BOOST_TEST_REQUIRE(broke.has_value());
  BOOST_TEST(mentions(*broke, "Node n0 crashed with exit status 3"));
  BOOST_TEST(mentions(*broke, "no newline"));
  std::ifstream in(dir / "n0.log");
  std::stringstream log;
  log << in.rdbuf();
  BOOST_TEST(log.str() == "first line\nno newline\n");
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()
