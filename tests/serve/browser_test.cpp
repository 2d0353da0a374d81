// `maelstrom serve` in a real headless browser (Debian's Chromium, only on localhost): the index
// renders with every run, and the links on it lead to the pictures, which render too. Skipped,
// with a message, where no browser is installed (CI installs none; nothing is installed here).
#include "harness/serve.hpp"

#include <boost/test/unit_test.hpp>

#include "tests/serve/http_client.hpp"
#include "tests/serve/webdriver.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

using namespace glomers;

namespace {

std::string browser_path() {
  char const* env = std::getenv("GLOMERS_CHROMIUM");
  return env ? env : "/usr/bin/chromium";
}

std::string driver_path() {
  char const* env = std::getenv("GLOMERS_CHROMEDRIVER");
  return env ? env : "/usr/bin/chromedriver";
}

boost::test_tools::assertion_result has_browser(boost::unit_test::test_unit_id) {
  if (::access(browser_path().c_str(), X_OK) == 0 && ::access(driver_path().c_str(), X_OK) == 0) return true;
  std::string const why = "SKIPPED: no headless browser at " + browser_path() + " or no driver at " + driver_path() +
                          " (apt-get install chromium chromium-driver to run this test; CI installs none on purpose)";
  std::fprintf(stderr, "%s\n", why.c_str());
  boost::test_tools::assertion_result r(false);
  r.message() << why;
  return r;
}

// Chromium, headless and quiet, on one URL: what `mode` (--dump-dom, --screenshot=...) prints.
std::string chromium(std::string const& mode, std::string const& url) {
  static int run = 0;
  auto const profile = testing::fresh_dir("chromium-profile-" + std::to_string(run++));
  std::string const cmd = "HOME=" + profile.string() + " timeout 90 " + browser_path() +
                          " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
                          " --disable-background-networking --disable-component-update --disable-sync"
                          " --disable-dev-shm-usage --user-data-dir=" + profile.string() + " --window-size=1200,900 " +
                          mode + " '" + url + "' 2>" + (profile / "stderr.txt").string();
  std::string out;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    ::pclose(p);
  }
  return out;
}

std::string link_to(std::vector<std::string> const& links, std::string const& run, std::string const& file) {
  for (auto const& l : links) {
    if (l.find(run) != std::string::npos && l.size() >= file.size() && l.compare(l.size() - file.size(), file.size(), file) == 0) return l;
  }
  return {};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(browser_test, *boost::unit_test::precondition(has_browser))

BOOST_AUTO_TEST_CASE(index_renders_and_links_lead_to_the_pictures) {
  testing::served_store s;
  auto const dom = chromium("--dump-dom", s.url("/"));
  BOOST_TEST_REQUIRE(dom.find("<table id=\"runs\">") != std::string::npos, "the browser rendered: " << dom);
  auto const echo = s.echo.dir.filename().string(), lin_kv = s.lin_kv.dir.filename().string();
  BOOST_TEST(dom.find(echo) != std::string::npos);
  BOOST_TEST(dom.find(lin_kv) != std::string::npos);
  BOOST_TEST(dom.find("<td class=\"verdict\">invalid</td>") != std::string::npos);
  auto const links = testing::links_of(dom);

  // Followed from what the browser rendered: the timeline, its ops drawn as boxes with tooltips.
  auto const timeline = link_to(links, echo, "/timeline.html");
  BOOST_TEST_REQUIRE(!timeline.empty());
  auto const tdom = chromium("--dump-dom", s.url(timeline));
  BOOST_TEST(tdom.find("echo timeline</h1>") != std::string::npos, tdom.substr(0, 500));
  BOOST_TEST(tdom.find("<div class=\"op ok\"") != std::string::npos);
  BOOST_TEST(tdom.find("title=\"0 invoke echo") != std::string::npos);

  // The lin-kv pictures: the rate and quantile graphs render as SVG documents.
  for (auto const* f : {"/rate.svg", "/latency-quantiles.svg", "/latency-raw.svg", "/messages.svg"}) {
    auto const link = link_to(links, lin_kv, f);
    BOOST_TEST_CONTEXT(f) {
      BOOST_TEST_REQUIRE(!link.empty());
      auto const svg = chromium("--dump-dom", s.url(link));
      BOOST_TEST(svg.find("<svg") != std::string::npos, svg.substr(0, 300));
    }
  }

  // And a screenshot of the index, for a person to look at (left in the test's outputs).
  auto const shot = testing::fresh_dir("shot") / "index.png";
  chromium("--screenshot=" + shot.string(), s.url("/"));
  BOOST_TEST(std::filesystem::exists(shot));
  if (char const* out = std::getenv("TEST_UNDECLARED_OUTPUTS_DIR"); out && std::filesystem::exists(shot)) {
    std::filesystem::copy_file(shot, std::filesystem::path(out) / "index.png", std::filesystem::copy_options::overwrite_existing);
  }
}

// A person's path, clicked by the browser itself through WebDriver: from the index, the valid
// echo run's timeline link; the page it lands on draws ok ops whose hover text is the op.
BOOST_AUTO_TEST_CASE(clicking_a_run_link_opens_its_timeline) {
  testing::served_store s;
  testing::webdriver browser(driver_path(), browser_path(), testing::fresh_dir("webdriver"));
  browser.go(s.url("/"));
  BOOST_TEST(browser.title() == "Maelstrom runs");
  BOOST_TEST(browser.find_all("tr.run").size() == 2u);
  auto const links = browser.find_all("tr.run.valid a[href$='/timeline.html']");
  BOOST_TEST_REQUIRE(links.size() == 1u);
  browser.click(links[0]);
  BOOST_TEST(browser.url() == s.url("/files/echo/" + s.echo.dir.filename().string() + "/timeline.html"));
  BOOST_TEST(browser.title() == "echo timeline");
  auto const ops = browser.find_all("div.op.ok");
  BOOST_TEST_REQUIRE(!ops.empty());
  BOOST_TEST(browser.attribute(ops[0], "title").find(" invoke echo ") != std::string::npos, browser.attribute(ops[0], "title"));
}

BOOST_AUTO_TEST_SUITE_END()
