// runtime::stdio: the real runtime. One thread, one loop over stdin, stdout and the steady clock.
//
// Input is read in blocks and split into lines; each complete line goes to the sink. Output
// lines are buffered while the loop is busy and written (one write(2)) before the loop next
// blocks or sleeps, so every message is on the pipe before the node waits for anything: the
// line-per-message, flushed protocol Maelstrom requires, without a syscall per line.
// Diagnostics go to stderr, one line each. At end of input the loop returns 0: nobody can talk
// to the node any more. (Maelstrom never closes stdin; it kills the process.)
#pragma once

#include "maelstrom/detail/io.hpp"
#include "maelstrom/detail/timer_queue.hpp"
#include "maelstrom/runtime.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <random>
#include <string>
#include <string_view>

namespace glomers::runtime {

class stdio {
 public:
  // A longer line is discarded (and logged) rather than buffered without bound.
  static constexpr std::size_t line_max_bytes = 64u << 20;

  explicit stdio(int in_fd = 0, int out_fd = 1, int err_fd = 2)
      : in_(in_fd), out_(out_fd), err_(err_fd), start_(std::chrono::steady_clock::now()),
        rng_(std::random_device{}()) {}

  std::chrono::nanoseconds now() const { return std::chrono::steady_clock::now() - start_; }

  void send(message const& m) {
    out_buf_ += serialize(m);
    out_buf_ += '\n';
  }

  timer_id after(std::chrono::nanoseconds d, std::function<void()> fn) {
    return timers_.add(now() + d, std::move(fn));
  }
  bool cancel(timer_id t) { return timers_.cancel(t); }

  void log(std::string_view text) {
    std::string line(text);
    line += '\n';
    detail::write_all(err_, line);
  }

  std::uint64_t random() { return rng_(); }

  // Runs until end of input, handing each non-empty line to on_line. Returns 0 at end of input,
  // 1 when the input or output pipe fails.
  template <class LineSink>
  int run(LineSink&& on_line) {
    std::string in_buf;
    char block[1 << 16];
    bool discarding = false;  // inside an over-long line
    for (;;) {
      timers_.run_due(now());
      if (!flush()) return 1;
      int timeout_ms = -1;
      if (auto next = timers_.next_deadline()) {
        auto wait = std::chrono::ceil<std::chrono::milliseconds>(*next - now()).count();
        timeout_ms = wait < 0 ? 0 : static_cast<int>(wait);
      }
      pollfd p{in_, POLLIN, 0};
      int const ready = ::poll(&p, 1, timeout_ms);
      if (ready < 0 && errno != EINTR) return 1;
      if (ready <= 0) continue;
      ssize_t const n = ::read(in_, block, sizeof block);
      if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      if (n < 0) return 1;
      if (n == 0) {
        if (!in_buf.empty() && !discarding) on_line(std::string_view(in_buf));
        return flush() ? 0 : 1;
      }
      in_buf.append(block, static_cast<std::size_t>(n));
      std::size_t start = 0;
      for (std::size_t nl; (nl = in_buf.find('\n', start)) != std::string::npos; start = nl + 1) {
        std::string_view line(in_buf.data() + start, nl - start);
        if (discarding) {
          discarding = false;
        } else if (!line.empty()) {
          on_line(line);
        }
      }
      in_buf.erase(0, start);
      if (in_buf.size() > line_max_bytes) {
        log("glomers: discarding an input line longer than " + std::to_string(line_max_bytes) +
            " bytes");
        in_buf.clear();
        discarding = true;
      }
    }
  }

 private:
  bool flush() {
    bool const ok = detail::write_all(out_, out_buf_);
    out_buf_.clear();
    return ok;
  }

  int in_, out_, err_;
  std::chrono::steady_clock::time_point start_;
  std::mt19937_64 rng_;
  detail::timer_queue timers_;
  std::string out_buf_;
};

static_assert(glomers::runtime_policy<stdio>);

}  // namespace glomers::runtime
