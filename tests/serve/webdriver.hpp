// A minimal W3C WebDriver client for the browser test: starts chromedriver on a free localhost
// port, opens one headless Chromium session, and speaks the few commands the test uses
// (navigate, find, click, current URL, title, attribute). Stops the driver it started.
#pragma once

#include "tests/serve/http_client.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

#include <chrono>
#include <stdexcept>
#include <thread>

namespace glomers::testing {

class webdriver {
 public:
  webdriver(std::string const& driver, std::string const& browser, std::filesystem::path const& profile) {
    {
      boost::asio::io_context io;  // a free port: bind to 0, read it, let it go
      boost::asio::ip::tcp::acceptor a(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
      port_ = a.local_endpoint().port();
    }
    // posix_spawn, not fork: this process has threads (the served store) and buffered output.
    auto const log = (profile / "chromedriver.log").string();
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&files, 1, 2);
    std::vector<std::string> env{"HOME=" + profile.string()};
    for (char** e = environ; *e; ++e) {
      if (std::string_view(*e).rfind("HOME=", 0) != 0) env.emplace_back(*e);
    }
    std::vector<char*> envp, argv;
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    std::string program = driver, port_flag = "--port=" + std::to_string(port_), allowed = "--allowed-ips=127.0.0.1";
    argv = {program.data(), port_flag.data(), allowed.data(), nullptr};
    int const rc = ::posix_spawn(&pid_, driver.c_str(), &files, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&files);
    if (rc != 0) throw std::runtime_error("cannot start " + driver);
    for (int i = 0; i < 100 && !ready(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    json::array args{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", "--user-data-dir=" + (profile / "browser").string()};
    json::object caps{{"capabilities", {{"alwaysMatch", {{"goog:chromeOptions", {{"binary", browser}, {"args", args}}}}}}}};
    session_ = std::string(call(boost::beast::http::verb::post, "/session", caps).at("sessionId").as_string());
  }

  ~webdriver() {
    if (!session_.empty()) {
      try {
        call(boost::beast::http::verb::delete_, "/session/" + session_, nullptr);
      } catch (std::exception const&) {
      }
    }
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  void go(std::string const& url) { call(post, s("/url"), json::object{{"url", url}}); }
  std::string url() { return std::string(call(get, s("/url"), nullptr).as_string()); }
  std::string title() { return std::string(call(get, s("/title"), nullptr).as_string()); }

  // Element ids of what matches a CSS selector.
  std::vector<std::string> find_all(std::string const& css) {
    std::vector<std::string> out;
    auto const found = call(post, s("/elements"), json::object{{"using", "css selector"}, {"value", css}});
    for (auto const& e : found.as_array()) {
      out.emplace_back(e.as_object().begin()->value().as_string());
    }
    return out;
  }
  void click(std::string const& element) { call(post, s("/element/" + element + "/click"), json::object{}); }
  std::string attribute(std::string const& element, std::string const& name) {
    auto const v = call(get, s("/element/" + element + "/attribute/" + name), nullptr);
    return v.is_string() ? std::string(v.as_string()) : std::string();
  }

 private:
  static constexpr auto get = boost::beast::http::verb::get;
  static constexpr auto post = boost::beast::http::verb::post;

  std::string s(std::string const& path) const { return "/session/" + session_ + path; }

  bool ready() {
    try {
      return http_get(port_, "/status").status == 200u;
    } catch (std::exception const&) {
      return false;
    }
  }

  // A command; its "value", or a runtime_error with the driver's message.
  json::value call(boost::beast::http::verb verb, std::string const& path, json::value const& body) {
    auto const r = http_call(port_, verb, path, body.is_null() ? std::string() : boost::json::serialize(body));
    auto v = boost::json::parse(r.body);
    if (r.status != 200u) throw std::runtime_error("webdriver " + path + ": " + r.body);
    return v.as_object().at("value");
  }

  unsigned short port_ = 0;
  pid_t pid_ = -1;
  std::string session_;
};

}  // namespace glomers::testing
