// `maelstrom serve` over real HTTP (a Beast client, no browser): the index lists every run with
// its verdict and parameters, each link on it answers, files come back byte for byte with their
// type, and nothing outside the store is served.
#include "harness/serve.hpp"

#include <boost/test/unit_test.hpp>

#include "tests/serve/http_client.hpp"

using namespace glomers;
using testing::http_get;

BOOST_AUTO_TEST_SUITE(serve_test)

BOOST_AUTO_TEST_CASE(index_lists_runs_with_verdicts_and_links) {
  testing::served_store s;
  BOOST_TEST_REQUIRE(s.echo.exit_code == 0);
  BOOST_TEST_REQUIRE(s.lin_kv.exit_code == 1);
  auto const index = http_get(s.port(), "/");
  BOOST_TEST(index.status == 200u);
  BOOST_TEST(index.content_type == "text/html; charset=utf-8");
  for (auto const* run : {&s.echo, &s.lin_kv}) {
    BOOST_TEST(index.body.find(run->dir.filename().string()) != std::string::npos, run->dir);
  }
  BOOST_TEST(index.body.find("<tr class=\"run valid\">") != std::string::npos);
  BOOST_TEST(index.body.find("<tr class=\"run invalid\">") != std::string::npos);
  BOOST_TEST(index.body.find("rate 30.0") != std::string::npos, index.body);  // lin-kv's parameters
  auto const links = testing::links_of(index.body);
  int files = 0;
  for (auto const& link : links) {
    BOOST_TEST_CONTEXT(link) {
      auto const got = http_get(s.port(), link);
      BOOST_TEST(got.status == 200u);
      if (link.back() == '/') continue;  // a folder page
      ++files;
      auto const rel = link.substr(std::string("/files/").size());
      BOOST_TEST((got.body == harness::read_text(s.root / "store" / rel)));
      auto const ext = std::filesystem::path(rel).extension().string();
      if (ext == ".svg") BOOST_TEST(got.content_type == "image/svg+xml");
      if (ext == ".json") BOOST_TEST(got.content_type == "application/json");
      if (ext == ".html") BOOST_TEST(got.content_type == "text/html; charset=utf-8");
    }
  }
  BOOST_TEST(files == 2 * 11);  // results (JSON, EDN), histories, journal, test.json and 5 pictures per run
}

BOOST_AUTO_TEST_CASE(folders_list_their_files) {
  testing::served_store s;
  auto const rel = std::filesystem::relative(s.echo.dir, s.root / "store").generic_string();
  auto const logs = http_get(s.port(), "/files/" + rel + "/node-logs/");
  BOOST_TEST(logs.status == 200u);
  BOOST_TEST(logs.body.find("n0.log") != std::string::npos, logs.body);
  auto const log = http_get(s.port(), "/files/" + rel + "/node-logs/n0.log");
  BOOST_TEST(log.status == 200u);
  BOOST_TEST(log.content_type == "text/plain; charset=utf-8");
  BOOST_TEST(http_get(s.port(), "/files/latest/results.json").status == 200u);  // store/latest
}

BOOST_AUTO_TEST_CASE(nothing_outside_the_store) {
  testing::served_store s;
  std::ofstream(s.root / "secret.txt") << "not for the web";
  BOOST_TEST(http_get(s.port(), "/files/../secret.txt").status == 403u);
  BOOST_TEST(http_get(s.port(), "/files/%2e%2e/secret.txt").status == 403u);
  BOOST_TEST(http_get(s.port(), "/files/echo/..%2F..%2Fsecret.txt").status == 403u);
  BOOST_TEST(http_get(s.port(), "/files/echo/nothing-here").status == 404u);
  BOOST_TEST(http_get(s.port(), "/elsewhere").status == 404u);
  BOOST_TEST(http_get(s.port(), "/files/%zz").status == 400u);
  BOOST_TEST(http_get(s.port(), "/", boost::beast::http::verb::post).status == 405u);
  auto const head = http_get(s.port(), "/", boost::beast::http::verb::head);
  BOOST_TEST(head.status == 200u);
  BOOST_TEST(head.body.empty());
}

BOOST_AUTO_TEST_CASE(serve_command_rejects_bad_flags) {
  std::ostringstream console;
  BOOST_TEST(harness::serve_command({"serve", "--port", "http"}, console) == 254);
  BOOST_TEST(harness::serve_command({"serve", "--what"}, console) == 254);
  BOOST_TEST(console.str().find("Usage: maelstrom serve") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
