// Drives the challenge binaries as processes over pipes through scripted Maelstrom conversations,
// bad input included.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <set>

#include "harness/process.hpp"

using namespace std::chrono_literals;
using glomers::harness::child_process;
namespace json = boost::json;

namespace {

std::string init_line(std::string const& id, std::vector<std::string> const& ids) {
  json::array a(ids.begin(), ids.end());
  return json::serialize(json::object{
      {"id", 0}, {"src", "c0"}, {"dest", id},
      {"body", {{"type", "init"}, {"msg_id", 1}, {"node_id", id}, {"node_ids", a}}}});
}

std::string request(std::string const& dest, json::object body, std::int64_t msg_id) {
  body["msg_id"] = msg_id;
  return json::serialize(json::object{{"id", 5}, {"src", "c9"}, {"dest", dest}, {"body", body}});
}

// Reads one line and parses it as a protocol envelope: exactly src, dest and body.
json::object next_envelope(child_process& p) {
  auto line = p.read_line(5s);
  BOOST_TEST_REQUIRE(line.has_value());
  auto v = json::parse(*line);
  BOOST_TEST_REQUIRE(v.is_object());
  auto& o = v.as_object();
  BOOST_TEST(o.size() == 3u);
  BOOST_TEST(o.contains("src"));
  BOOST_TEST(o.contains("dest"));
  return o;
}

json::object next_body(child_process& p) { return next_envelope(p).at("body").as_object(); }

child_process start(std::string const& bin, std::string const& id, std::vector<std::string> const& ids) {
  child_process p({bin});
  BOOST_TEST_REQUIRE(p.write_line(init_line(id, ids)));
  auto env = next_envelope(p);
  BOOST_TEST(env.at("src").as_string() == id);
  BOOST_TEST(env.at("dest").as_string() == "c0");
  BOOST_TEST(env.at("body").at("type").as_string() == "init_ok");
  BOOST_TEST(env.at("body").at("in_reply_to").as_int64() == 1);
  return p;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(conversation_test)

BOOST_AUTO_TEST_CASE(echo_conversation_with_bad_input) {
  child_process p({"challenges/echo"});
  // Before init: not available yet, and nothing else on stdout.
  p.write_line(request("n0", {{"type", "echo"}, {"echo", "early"}}, 1));
  BOOST_TEST(next_body(p).at("code").as_int64() == 11);
  p.write_line(init_line("n0", {"n0"}));
  BOOST_TEST(next_body(p).at("type").as_string() == "init_ok");

  p.write_line(request("n0", {{"type", "echo"}, {"echo", "Please echo 35"}}, 2));
  auto ok = next_envelope(p);
  BOOST_TEST(ok.at("dest").as_string() == "c9");
  BOOST_TEST(ok.at("body").at("type").as_string() == "echo_ok");
  BOOST_TEST(ok.at("body").at("echo").as_string() == "Please echo 35");
  BOOST_TEST(ok.at("body").at("in_reply_to").as_int64() == 2);
  BOOST_TEST(ok.at("body").as_object().size() == 3u);  // echo_ok's schema: nothing extra

  p.write_line("this is not json");
  p.write_line(R"({"src":"c9","dest":"n0","body":{"msg_id":3}})");
  auto malformed = next_body(p);
  BOOST_TEST(malformed.at("type").as_string() == "error");
  BOOST_TEST(malformed.at("code").as_int64() == 12);
  BOOST_TEST(malformed.at("in_reply_to").as_int64() == 3);
  p.write_line(request("n0", {{"type", "frobnicate"}}, 4));
  BOOST_TEST(next_body(p).at("code").as_int64() == 10);
  p.write_line(request("n0", {{"type", "echo"}}, 5));  // missing field
  BOOST_TEST(next_body(p).at("code").as_int64() == 12);

  // Still alive and answering after all of that.
  p.write_line(request("n0", {{"type", "echo"}, {"echo", json::array{1, 2}}}, 6));
  auto again = next_body(p);
  BOOST_TEST(again.at("echo") == (json::array{1, 2}));
  BOOST_TEST(!p.exited().has_value());
  // Nothing else was printed.
  BOOST_TEST(!p.read_line(100ms).has_value());
}

BOOST_AUTO_TEST_CASE(unique_ids_three_processes_no_duplicates) {
  std::vector<std::string> const ids{"n0", "n1", "n2"};
  std::vector<child_process> nodes;
  nodes.reserve(3);
  for (auto const& id : ids) nodes.push_back(start("challenges/unique_ids", id, ids));
  constexpr int per_node = 5000;
  constexpr int chunk = 250;  // requests in flight per node: well under a pipe's capacity
  std::set<std::string> seen;
  std::size_t replies = 0;
  for (int first = 1; first <= per_node; first += chunk) {
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      std::string batch;
      for (int k = first; k < first + chunk; ++k) {
        batch += request(ids[i], {{"type", "generate"}}, k) + "\n";
      }
      BOOST_TEST_REQUIRE(nodes[i].write(batch));
    }
    for (auto& p : nodes) {
      for (int k = first; k < first + chunk; ++k) {
        auto body = next_body(p);
        BOOST_TEST_REQUIRE(body.at("type").as_string() == "generate_ok");
        BOOST_TEST_REQUIRE(body.size() == 3u);  // type, id, in_reply_to
        BOOST_TEST_REQUIRE(body.at("in_reply_to").as_int64() == k);
        seen.insert(json::serialize(body.at("id")));
        ++replies;
      }
    }
  }
  BOOST_TEST(replies == 3u * per_node);
  BOOST_TEST(seen.size() == replies);
}

BOOST_AUTO_TEST_CASE(restarted_node_does_not_repeat_ids) {
  std::set<std::string> seen;
  for (int run = 0; run < 2; ++run) {
    auto p = start("challenges/unique_ids", "n0", {"n0"});
    for (int k = 1; k <= 100; ++k) {
      p.write_line(request("n0", {{"type", "generate"}}, k));
      seen.insert(json::serialize(next_body(p).at("id")));
    }
  }
  BOOST_TEST(seen.size() == 200u);
}

BOOST_AUTO_TEST_SUITE_END()
