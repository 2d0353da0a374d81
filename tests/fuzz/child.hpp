// A node binary as a child process on three pipes, driven without ever blocking: writes and
// reads are interleaved through poll, so a node that stops reading is seen as such instead
// of hanging the fuzzer, and its stderr is drained (the last lines kept for reports).
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <deque>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace glomers::fuzz {

class child {
 public:
  explicit child(std::string const& path) {
    ::signal(SIGPIPE, SIG_IGN);
    int in[2], out[2], err[2];
    if (::pipe(in) || ::pipe(out) || ::pipe(err)) throw std::runtime_error("pipe");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork");
    if (pid_ == 0) {
      ::dup2(in[0], 0);
      ::dup2(out[1], 1);
      ::dup2(err[1], 2);
      for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) ::close(fd);
      ::execl(path.c_str(), path.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(in[0]);
    ::close(out[1]);
    ::close(err[1]);
    in_ = in[1];
    out_ = out[0];
    err_ = err[0];
    for (int fd : {in_, out_, err_}) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  }
  child(child const&) = delete;
  child& operator=(child const&) = delete;
  ~child() {
    if (alive()) ::kill(pid_, SIGKILL);
    reap(true);
    for (int fd : {in_, out_, err_}) if (fd >= 0) ::close(fd);
  }

  // Writes all of data, reading output meanwhile; false when the node takes nothing for timeout.
  bool write(std::string_view data, std::chrono::milliseconds timeout = std::chrono::milliseconds(10000)) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!data.empty()) {
      ssize_t const n = ::write(in_, data.data(), data.size());
      if (n > 0) {
        data.remove_prefix(static_cast<std::size_t>(n));
        deadline = std::chrono::steady_clock::now() + timeout;
        continue;
      }
      if (n < 0 && errno != EAGAIN && errno != EINTR) return false;  // the node is gone
      if (std::chrono::steady_clock::now() > deadline) return false;
      pump(in_, 50);
    }
    return true;
  }

  // The next complete output line, waiting up to timeout.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout) {
    auto const deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      auto nl = out_buf_.find('\n');
      if (nl != std::string::npos) {
        std::string line = out_buf_.substr(0, nl);
        out_buf_.erase(0, nl + 1);
        return line;
      }
      auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0 || out_eof_) return std::nullopt;
      pump(-1, static_cast<int>(left.count()));
    }
  }

  bool alive() {
    reap(false);
    return !status_;
  }
  std::string exit_description() const {
    if (!status_) return "running";
    if (WIFSIGNALED(*status_)) return "killed by signal " + std::to_string(WTERMSIG(*status_));
    return "exited with status " + std::to_string(WEXITSTATUS(*status_));
  }
  std::string stderr_tail() const {
    std::string out;
    for (auto const& l : err_lines_) out += "  | " + l + "\n";
    return out;
  }

 private:
  // Waits up to ms for output (and for want_write to be writable), reading what came.
  void pump(int want_write, int ms) {
    pollfd p[3] = {{out_eof_ ? -1 : out_, POLLIN, 0}, {err_, POLLIN, 0}, {want_write, POLLOUT, 0}};
    if (::poll(p, 3, ms) <= 0) return;
    char b[1 << 16];
    if (p[0].revents) {
      ssize_t n;
      while ((n = ::read(out_, b, sizeof b)) > 0) out_buf_.append(b, static_cast<std::size_t>(n));
      if (n == 0) out_eof_ = true;
    }
    if (p[1].revents) {
      ssize_t n;
      while ((n = ::read(err_, b, sizeof b)) > 0) err_buf_.append(b, static_cast<std::size_t>(n));
      if (n == 0) {
        ::close(err_);
        err_ = -1;
      }
      for (std::size_t nl; (nl = err_buf_.find('\n')) != std::string::npos;) {
        err_lines_.push_back(err_buf_.substr(0, std::min<std::size_t>(nl, 300)));
        err_buf_.erase(0, nl + 1);
        if (err_lines_.size() > 20) err_lines_.pop_front();
      }
      if (err_buf_.size() > 4096) err_buf_.clear();
    }
  }
  void reap(bool wait) {
    if (status_ || pid_ <= 0) return;
    int st = 0;
    if (::waitpid(pid_, &st, wait ? 0 : WNOHANG) == pid_) status_ = st;
  }

  pid_t pid_ = -1;
  int in_ = -1, out_ = -1, err_ = -1;
  std::string out_buf_, err_buf_;
  std::deque<std::string> err_lines_;
  bool out_eof_ = false;
  std::optional<int> status_;
};

}  // namespace glomers::fuzz
