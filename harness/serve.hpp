// `maelstrom serve`: the store's pages (harness/store_site.hpp) over HTTP with Boost.Beast, on
// port 8080 as Maelstrom. One thread runs every connection asynchronously, each with a timeout,
// so an idle browser connection never holds up the others.
#pragma once

#include "harness/store_site.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <charconv>
#include <chrono>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace glomers::harness {

namespace detail {

namespace http = boost::beast::http;

// One connection: read a request, answer it, and again while the client keeps it alive.
class http_session : public std::enable_shared_from_this<http_session> {
 public:
  http_session(boost::asio::ip::tcp::socket socket, store_site const& site) : stream_(std::move(socket)), site_(site) {}

  void start() { read(); }

 private:
  void read() {
    request_ = {};
    stream_.expires_after(std::chrono::seconds(30));
    http::async_read(stream_, buffer_, request_, [self = shared_from_this()](boost::beast::error_code ec, std::size_t) {
      if (ec) return self->close();
      self->answer();
    });
  }

  void answer() {
    auto const method = request_.method();
    site_reply r = method == http::verb::get || method == http::verb::head
                       ? site_.get(request_.target())
                       : site_reply{405, "text/plain; charset=utf-8", "only GET and HEAD\n"};
    response_ = http::response<http::string_body>(static_cast<http::status>(r.status), request_.version());
    response_.set(http::field::server, "glomers maelstrom serve");
    response_.set(http::field::content_type, r.content_type);
    response_.set(http::field::cache_control, "no-cache");
    response_.keep_alive(request_.keep_alive());
    response_.body() = method == http::verb::head ? std::string() : std::move(r.body);
    response_.prepare_payload();
    if (method == http::verb::head) response_.content_length(r.body.size());
    http::async_write(stream_, response_, [self = shared_from_this()](boost::beast::error_code ec, std::size_t) {
      if (ec || !self->response_.keep_alive()) return self->close();
      self->read();
    });
  }

  void close() {
    boost::beast::error_code ec;
    stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ec);
  }

  boost::beast::tcp_stream stream_;
  store_site const& site_;
  boost::beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
};

inline void accept_loop(boost::asio::ip::tcp::acceptor& acceptor, store_site const& site) {
  acceptor.async_accept([&acceptor, &site](boost::beast::error_code ec, boost::asio::ip::tcp::socket socket) {
    if (ec == boost::asio::error::operation_aborted) return;
    if (!ec) std::make_shared<http_session>(std::move(socket), site)->start();
    accept_loop(acceptor, site);
  });
}

}  // namespace detail

// A server of one store on host:port (port 0: any free port, see port()). Runs on the given
// io_context; stop() or the context's end ends it.
class store_server {
 public:
  store_server(boost::asio::io_context& io, std::filesystem::path store, std::string const& host, unsigned short port)
      : site_(std::move(store)), acceptor_(io, {boost::asio::ip::make_address(host), port}) {
    detail::accept_loop(acceptor_, site_);
  }

  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  void stop() { boost::asio::post(acceptor_.get_executor(), [this] { acceptor_.close(); }); }

 private:
  store_site site_;
  boost::asio::ip::tcp::acceptor acceptor_;
};

// `serve [--host H] [--port P]`: serves ./store until interrupted. 254 for a bad command line,
// 255 when the port cannot be opened.
inline int serve_command(std::vector<std::string> const& args, std::ostream& console) {
  std::string host = "0.0.0.0";
  unsigned port = 8080;
  for (std::size_t i = 1; i < args.size(); ++i) {
    bool const has_value = i + 1 < args.size();
    if ((args[i] == "--port" || args[i] == "-p") && has_value) {
      auto const& v = args[++i];
      auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), port);
      if (ec != std::errc() || p != v.data() + v.size() || port > 65535) {
        console << "--port must be a port number, got \"" << v << "\"\n";
        return 254;
      }
    } else if ((args[i] == "--host" || args[i] == "-b") && has_value) {
      host = args[++i];
    } else {
      console << "Usage: maelstrom serve [--host ADDRESS] [--port PORT]   (default 0.0.0.0:8080; serves ./store)\n";
      return 254;
    }
  }
  try {
    boost::asio::io_context io;
    store_server server(io, std::filesystem::current_path() / "store", host, static_cast<unsigned short>(port));
    console << "Serving the runs in " << (std::filesystem::current_path() / "store").string() << " at http://"
            << (host == "0.0.0.0" ? std::string("localhost") : host) << ':' << server.port() << "/" << std::endl;
    io.run();
  } catch (std::exception const& e) {
    console << "Cannot serve on " << host << ':' << port << ": " << e.what() << std::endl;
    return 255;
  }
  return 0;
}

}  // namespace glomers::harness
