// The durable design as a real process: a write acknowledged before a SIGKILL is read back by
// the fresh process started on the same GLOMERS_DATA_DIR (and lost by the design that stores
// nothing, on the same script: the test can tell); an unreadable record stops the process at
// start with the reason on stderr; without GLOMERS_DATA_DIR nothing of an earlier process is used.
#include "harness/process.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

using namespace std::chrono_literals;
using glomers::harness::child_options;
using glomers::harness::child_process;
namespace json = boost::json;

namespace {

std::filesystem::path fresh_dir(std::string const& name) {
  char const* t = std::getenv("TEST_TMPDIR");
  auto dir = std::filesystem::path(t ? t : "/tmp") / ("durable_process_test_" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

child_process spawn(std::string const& bin, std::filesystem::path const& data, std::filesystem::path const& err) {
  child_options o;
  o.stderr_path = err.string();
  if (!data.empty()) {
    std::filesystem::create_directories(data);  // as the process host does
    o.env.push_back("GLOMERS_DATA_DIR=" + data.string());
  }
  return child_process({bin}, o);
}

void send(child_process& p, json::object body) {
  BOOST_TEST_REQUIRE(p.write_line(json::serialize(json::object{{"src", "c1"}, {"dest", "n1"}, {"body", std::move(body)}})));
}

// The node's answer to msg_id (other lines skipped), or none within the timeout.
std::optional<json::object> answer(child_process& p, std::int64_t msg_id) {
  while (auto line = p.read_line(3s)) {
    auto v = json::parse(*line);
    auto const& b = v.at("body").as_object();
    if (b.contains("in_reply_to") && b.at("in_reply_to").as_int64() == msg_id) return b;
  }
  return std::nullopt;
}

// A one-node cluster: init, then a request repeated while the node answers 11 (no leader yet).
json::object request(child_process& p, json::object body, std::int64_t& msg_id) {
  for (int attempt = 0; attempt < 50; ++attempt) {
    body["msg_id"] = ++msg_id;
    send(p, body);
    auto b = answer(p, msg_id);
    BOOST_TEST_REQUIRE(b.has_value());
    if (b->at("type") != "error" || b->at("code") != 11) return *b;
    std::this_thread::sleep_for(100ms);
  }
  BOOST_FAIL("no leader after 50 attempts");
  return {};
}

void init(child_process& p, std::int64_t& msg_id) {
  send(p, json::object{{"type", "init"}, {"msg_id", ++msg_id}, {"node_id", "n1"}, {"node_ids", json::array{"n1"}}});
  auto b = answer(p, msg_id);
  BOOST_TEST_REQUIRE(b.has_value());
  BOOST_TEST_REQUIRE(b->at("type") == "init_ok");
}

// Writes 42, SIGKILLs the node, starts a fresh process on the same directory, reads.
json::object read_after_sigkill(std::string const& bin, std::filesystem::path const& data, std::filesystem::path const& err) {
  std::int64_t id = 0;
  {
    auto p = spawn(bin, data, err);
    init(p, id);
    BOOST_TEST_REQUIRE(request(p, {{"type", "write"}, {"key", 1}, {"value", 42}}, id).at("type") == "write_ok");
    p.kill();  // SIGKILL, reaped
  }
  auto p = spawn(bin, data, err);
  init(p, id);
  return request(p, {{"type", "read"}, {"key", 1}}, id);
}

std::string slurp(std::filesystem::path const& f) {
  std::ifstream in(f);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(durable_process_test)

BOOST_AUTO_TEST_CASE(an_acknowledged_write_survives_sigkill) {
  auto const dir = fresh_dir("durable");
  auto const r = read_after_sigkill("challenges/lin_kv_durable", dir / "n1", dir / "stderr.log");
  BOOST_TEST(r.at("type") == "read_ok");
  BOOST_TEST(r.at("value") == 42);
  BOOST_TEST(std::filesystem::exists(dir / "n1" / "raft-state"));
  BOOST_TEST(slurp(dir / "stderr.log").find("glomers: recovered term") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_design_that_stores_nothing_loses_it) {
  auto const dir = fresh_dir("forgetful");
  auto const r = read_after_sigkill("challenges/lin_kv", dir / "n1", dir / "stderr.log");
  BOOST_TEST(r.at("type") == "error");
  BOOST_TEST(r.at("code") == 20);
}

BOOST_AUTO_TEST_CASE(without_a_data_directory_nothing_survives_and_stderr_says_so) {
  auto const dir = fresh_dir("nodir");
  auto const r = read_after_sigkill("challenges/lin_kv_durable", {}, dir / "stderr.log");
  BOOST_TEST(r.at("type") == "error");
  BOOST_TEST(r.at("code") == 20);
  auto const err = slurp(dir / "stderr.log");
  BOOST_TEST(err.find("GLOMERS_DATA_DIR is not set") != std::string::npos, err);
}

BOOST_AUTO_TEST_CASE(an_unreadable_record_stops_the_process_at_start) {
  auto const dir = fresh_dir("corrupt");
  std::filesystem::create_directories(dir / "n1");
  std::ofstream(dir / "n1" / "raft-state") << "glomers-raft-state 1 100 0badc0de\n{\"term\":";
  auto p = spawn("challenges/lin_kv_durable", dir / "n1", dir / "stderr.log");
  int const status = p.wait();
  BOOST_TEST(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 1);
  auto const err = slurp(dir / "stderr.log");
  BOOST_TEST(err.find("glomers: cannot start: the stored Raft state") != std::string::npos, err);
  BOOST_TEST(err.find("refusing to start") != std::string::npos, err);
}

BOOST_AUTO_TEST_SUITE_END()
