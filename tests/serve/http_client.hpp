// A served store for the tests: two stored runs (a valid echo, an invalid lin-kv), the server on
// a free localhost port in a thread of its own, and a Beast client to ask it.
#pragma once

#include "harness/serve.hpp"
#include "tests/serve/stored_runs.hpp"

#include <boost/asio/connect.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <regex>
#include <thread>

namespace glomers::testing {

struct http_answer {
  unsigned status;
  std::string content_type;
  std::string body;
};

// One request to 127.0.0.1:port; a non-empty body goes as JSON.
inline http_answer http_call(unsigned short port, boost::beast::http::verb verb, std::string const& target,
                             std::string const& body = {}) {
  namespace http = boost::beast::http;
  boost::asio::io_context io;
  boost::beast::tcp_stream stream(io);
  stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  http::request<http::string_body> req(verb, target, 11);
  req.set(http::field::host, "localhost");
  if (!body.empty()) req.set(http::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  http::write(stream, req);
  boost::beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.skip(verb == http::verb::head);
  http::read(stream, buffer, parser);
  auto res = parser.release();
  boost::beast::error_code ec;
  stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
  return {res.result_int(), std::string(res[http::field::content_type]), std::move(res.body())};
}

inline http_answer http_get(unsigned short port, std::string const& target,
                            boost::beast::http::verb verb = boost::beast::http::verb::get) {
  return http_call(port, verb, target);
}

// Every href of a page, in order.
inline std::vector<std::string> links_of(std::string const& html) {
  std::vector<std::string> out;
  std::regex const href(R"re(href="([^"]*)")re");
  for (std::sregex_iterator it(html.begin(), html.end(), href), end; it != end; ++it) out.push_back((*it)[1]);
  return out;
}

struct served_store {
  std::filesystem::path root = fresh_dir("served");
  stored_run echo = store_run<echo_server>(root, echo_line(), 1);
  stored_run lin_kv = store_run<local_kv_node>(root, lin_kv_line(), 2);
  boost::asio::io_context io;
  harness::store_server server{io, root / "store", "127.0.0.1", 0};
  std::thread thread{[this] { io.run(); }};

  unsigned short port() const { return server.port(); }
  std::string url(std::string const& path = "/") const { return "http://127.0.0.1:" + std::to_string(port()) + path; }

  ~served_store() {
    server.stop();
    thread.join();
  }
};

}  // namespace glomers::testing
