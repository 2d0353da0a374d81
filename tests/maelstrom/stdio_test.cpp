// runtime::stdio over real pipes: line splitting across reads, timers, flushing, end of input.
#include "maelstrom/runtime/stdio.hpp"

#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <thread>

using namespace std::chrono_literals;

namespace {
struct pipes {
  int in[2], out[2], err[2];
  pipes() {
    BOOST_REQUIRE(::pipe(in) == 0 && ::pipe(out) == 0 && ::pipe(err) == 0);
  }
  ~pipes() {
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) ::close(fd);
  }
  std::string read_all(int fd) {
    std::string s;
    char b[4096];
    ::fcntl(fd, F_SETFL, O_NONBLOCK);
    for (ssize_t n; (n = ::read(fd, b, sizeof b)) > 0;) s.append(b, n);
    return s;
  }
};
}  // namespace

BOOST_AUTO_TEST_SUITE(stdio_test)

BOOST_AUTO_TEST_CASE(lines_split_across_reads_reach_the_sink_in_order) {
  pipes p;
  glomers::runtime::stdio rt(p.in[0], p.out[1], p.err[1]);
  std::thread writer([&] {
    for (std::string_view chunk : {"{\"a\":", "1}\n{\"b\"", ":2}\n\n", "{\"c\":3}"}) {
      BOOST_REQUIRE(glomers::detail::write_all(p.in[1], chunk));
      std::this_thread::sleep_for(5ms);
    }
    ::close(p.in[1]);
    p.in[1] = -1;
  });
  std::vector<std::string> lines;
  int rc = rt.run([&](std::string_view l) { lines.emplace_back(l); });
  writer.join();
  BOOST_TEST(rc == 0);
  BOOST_TEST(lines == (std::vector<std::string>{R"({"a":1})", R"({"b":2})", R"({"c":3})"}));
}

BOOST_AUTO_TEST_CASE(timers_fire_and_output_is_flushed_while_idle) {
  pipes p;
  glomers::runtime::stdio rt(p.in[0], p.out[1], p.err[1]);
  std::vector<std::chrono::nanoseconds> fired;
  rt.after(30ms, [&] {
    fired.push_back(rt.now());
    rt.send(glomers::message{"n1", "c1", {{"type", "tick"}}});
  });
  auto cancelled = rt.after(10ms, [&] { fired.push_back(-1ns); });
  BOOST_TEST(rt.cancel(cancelled));
  rt.log("to stderr");
  std::string seen_before_eof;
  std::thread closer([&] {
    std::this_thread::sleep_for(100ms);
    seen_before_eof = p.read_all(p.out[0]);  // flushed although input stays open
    ::close(p.in[1]);
    p.in[1] = -1;
  });
  BOOST_TEST(rt.run([](std::string_view) {}) == 0);
  closer.join();
  BOOST_TEST_REQUIRE(fired.size() == 1u);
  BOOST_TEST(fired[0] >= 30ms);
  BOOST_TEST(seen_before_eof == "{\"src\":\"n1\",\"dest\":\"c1\",\"body\":{\"type\":\"tick\"}}\n");
  BOOST_TEST(p.read_all(p.err[0]) == "to stderr\n");
}

// A peer that writes everything before it reads anything: the node's replies fill the output
// pipe long before the input ends. A runtime that blocks on output stops reading, the peer
// blocks on its input, and neither moves again.
BOOST_AUTO_TEST_CASE(input_keeps_flowing_while_output_waits_for_its_reader) {
  pipes p;
  glomers::runtime::stdio rt(p.in[0], p.out[1], p.err[1]);
  std::size_t lines = 0;
  std::thread node([&] {
    rt.run([&](std::string_view l) {
      ++lines;
      rt.send(glomers::message{"n1", "c1", {{"type", "echo_ok"}, {"echo", std::string(l)}}});
    });
  });
  std::string const line = "{\"type\":\"echo\",\"pad\":\"" + std::string(200, 'x') + "\"}\n";
  std::size_t const count = 20000;  // ~4.5 MB each way, far beyond a 64 KB pipe
  ::fcntl(p.in[1], F_SETFL, O_NONBLOCK);
  std::string all;
  for (std::size_t i = 0; i < count; ++i) all += line;
  std::string_view rest(all);
  auto const deadline = std::chrono::steady_clock::now() + 20s;
  while (!rest.empty() && std::chrono::steady_clock::now() < deadline) {
    ssize_t const n = ::write(p.in[1], rest.data(), rest.size());
    if (n > 0) rest.remove_prefix(static_cast<std::size_t>(n));
    else std::this_thread::sleep_for(1ms);
  }
  bool const wrote_all = rest.empty();
  ::close(p.in[1]);
  p.in[1] = -1;
  std::string out;  // only now does the peer read
  char b[1 << 16];
  for (ssize_t n; (n = ::read(p.out[0], b, sizeof b)) > 0;) {
    out.append(b, static_cast<std::size_t>(n));
    if (std::count(out.begin(), out.end(), '\n') == static_cast<std::ptrdiff_t>(count)) break;
  }
  node.join();
  BOOST_TEST_REQUIRE(wrote_all);
  BOOST_TEST(lines == count);
  BOOST_TEST(std::count(out.begin(), out.end(), '\n') == static_cast<std::ptrdiff_t>(count));
}

BOOST_AUTO_TEST_CASE(an_over_long_line_reaches_the_sink_cut_and_the_next_line_intact) {
  pipes p;
  glomers::runtime::stdio rt(p.in[0], p.out[1], p.err[1]);
  rt.line_max_bytes = 1000;
  std::thread writer([&] {
    BOOST_REQUIRE(glomers::detail::write_all(p.in[1], std::string(300000, 'a') + "\n{\"b\":1}\n"));
    ::close(p.in[1]);
    p.in[1] = -1;
  });
  std::vector<std::string> lines;
  BOOST_TEST(rt.run([&](std::string_view l) { lines.emplace_back(l); }) == 0);
  writer.join();
  BOOST_TEST_REQUIRE(lines.size() == 2u);
  BOOST_TEST(lines[0] == std::string(1001, 'a'));
  BOOST_TEST(lines[1] == R"({"b":1})");
}

BOOST_AUTO_TEST_SUITE_END()
