// runtime::stdio: the real runtime. One thread, one loop over stdin, stdout and the steady clock.
//
// Input is read in blocks and split into lines; each complete line goes to the sink. Output
// lines are buffered while the loop is busy and written before the loop next blocks or sleeps,
// so every message is on the pipe before the node waits for anything: the line-per-message,
// flushed protocol Maelstrom requires, without a syscall per line. When stdout is a pipe or a
// socket it is written without blocking, and the loop keeps reading input while output waits
// for its reader: a peer that writes a lot before it reads cannot deadlock the node (input is
// only paused once out_max_bytes wait unread). An input line longer than line_max_bytes reaches
// the sink cut to line_max_bytes + 1 bytes (so it can tell, and answer from the head); the rest
// of it is skipped, never buffered. Diagnostics go to stderr, one line each. At end of input the
// loop writes what is left and returns 0: nobody can talk to the node any more. (Maelstrom
// never closes stdin; it kills the process.)
#pragma once

#include "maelstrom/detail/io.hpp"
#include "maelstrom/detail/lines.hpp"
#include "maelstrom/detail/timer_queue.hpp"
#include "maelstrom/runtime.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <string_view>

namespace glomers::runtime {

class stdio {
 public:
  // Input lines beyond this are cut (see above); run<>() sets it to the node's limit.
  std::size_t line_max_bytes = std::size_t{1} << 20;
  // Unread output beyond this pauses reading input until the reader catches up.
  static constexpr std::size_t out_max_bytes = std::size_t{256} << 20;

  explicit stdio(int in_fd = 0, int out_fd = 1, int err_fd = 2)
      : in_(in_fd), out_(out_fd), err_(err_fd), start_(std::chrono::steady_clock::now()),
        rng_(std::random_device{}()) {}

  std::chrono::nanoseconds now() const { return std::chrono::steady_clock::now() - start_; }

  void send(message const& m) {
    out_buf_ += serialize(m);  // throws, writing nothing, for what is not valid JSON
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

  // The directory named by GLOMERS_DATA_DIR (the local Maelstrom sets it, one per node and
  // test); without it (the real Maelstrom) memory only, said once on stderr at first use, so a
  // node never picks up state a process of an earlier test left behind. Built at first call.
  node_store& storage() {
    if (!store_) {
      char const* dir = std::getenv(data_dir_env);
      if (dir && *dir) {
        store_ = std::make_unique<directory_store>(dir);
      } else {
        store_ = std::make_unique<memory_store>(false, [this] {
          log(std::string("glomers: ") + data_dir_env + " is not set: stored state is kept in memory and dies with this process");
        });
      }
    }
    return *store_;
  }

  // Runs until end of input, handing each non-empty line to on_line. Returns 0 at end of input,
  // 1 when the input or output pipe fails.
  template <class LineSink>
  int run(LineSink&& on_line) {
    struct stat st {};
    if (::fstat(out_, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))) {
      int const flags = ::fcntl(out_, F_GETFL);
      nonblocking_ = flags >= 0 && ::fcntl(out_, F_SETFL, flags | O_NONBLOCK) == 0;
    }
    detail::line_splitter lines(line_max_bytes);
    char block[1 << 16];
    for (;;) {
      timers_.run_due(now());
      if (!flush()) return 1;
      int timeout_ms = -1;
      if (auto next = timers_.next_deadline()) {
        auto wait = std::chrono::ceil<std::chrono::milliseconds>(*next - now()).count();
        timeout_ms = wait < 0 ? 0 : static_cast<int>(wait);
      }
      bool const reading = unwritten() < out_max_bytes;
      pollfd p[2] = {{reading ? in_ : -1, POLLIN, 0}, {unwritten() ? out_ : -1, POLLOUT, 0}};
      int const ready = ::poll(p, 2, timeout_ms);
      if (ready < 0 && errno != EINTR) return 1;
      if (ready <= 0 || !(p[0].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t const n = ::read(in_, block, sizeof block);
      if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      if (n < 0) return 1;
      if (n == 0) {
        if (auto rest = lines.take_rest(); !rest.empty()) on_line(std::string_view(rest));
        return drain() ? 0 : 1;
      }
      lines.append(std::string_view(block, static_cast<std::size_t>(n)));
      while (auto line = lines.next()) {
        if (line->size() > line_max_bytes) {
          log("glomers: cutting an input line longer than " + std::to_string(line_max_bytes) + " bytes");
        }
        if (!line->empty()) on_line(*line);
      }
    }
  }

 private:
  std::size_t unwritten() const { return out_buf_.size() - out_done_; }

  // Writes what the pipe takes now (all of it when stdout is not a pipe); false on failure.
  bool flush() {
    if (!nonblocking_) {
      bool const ok = detail::write_all(out_, std::string_view(out_buf_).substr(out_done_));
      out_buf_.clear();
      out_done_ = 0;
      return ok;
    }
    while (unwritten()) {
      ssize_t const n = ::write(out_, out_buf_.data() + out_done_, unwritten());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      if (n <= 0) return false;
      out_done_ += static_cast<std::size_t>(n);
    }
    if (!unwritten()) {
      out_buf_.clear();
      out_done_ = 0;
    } else if (out_done_ > (std::size_t{1} << 20) && out_done_ > out_buf_.size() / 2) {
      out_buf_.erase(0, out_done_);  // amortised: each byte moves O(1) times
      out_done_ = 0;
    }
    return true;
  }

  // Writes everything, waiting for the reader as long as it takes.
  bool drain() {
    while (unwritten()) {
      if (!flush()) return false;
      pollfd p{out_, POLLOUT, 0};
      if (unwritten() && ::poll(&p, 1, -1) < 0 && errno != EINTR) return false;
    }
    return true;
  }

  int in_, out_, err_;
  std::chrono::steady_clock::time_point start_;
  std::mt19937_64 rng_;
  detail::timer_queue timers_;
  std::unique_ptr<node_store> store_;
  std::string out_buf_;
  std::size_t out_done_ = 0;  // bytes of out_buf_ already written
  bool nonblocking_ = false;
};

static_assert(glomers::runtime_policy<stdio>);

}  // namespace glomers::runtime
