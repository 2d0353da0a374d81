// A child process on pipes: what the process host runs each node as, and what the tests drive
// binaries with. stdin and stdout are pipes owned by the parent; stderr goes to a file (a node's
// log) or is inherited. The destructor kills and reaps the child.
#pragma once

#include "maelstrom/detail/io.hpp"
#include "maelstrom/detail/lines.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

extern char** environ;

namespace glomers::harness {

// Splits bytes read from a descriptor into lines (detail::line_splitter, unbounded).
class line_buffer {
 public:
  // Reads what is available (one read(2)); false at end of file or on error.
  bool fill(int fd) {
    char block[1 << 16];
    for (;;) {
      ssize_t const n = ::read(fd, block, sizeof block);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && errno == EAGAIN) return true;
      if (n <= 0) return false;
      lines_.append(std::string_view(block, static_cast<std::size_t>(n)));
      return true;
    }
  }

  // What is buffered after the last complete line (a line without its newline), taken away.
  std::string take_rest() { return lines_.take_rest(); }

  // The next complete line, without its newline.
  std::optional<std::string> next() {
    auto line = lines_.next();
    if (!line) return std::nullopt;
    return std::string(*line);
  }

 private:
  glomers::detail::line_splitter lines_;
};

struct child_options {
  std::optional<std::string> stderr_path;  // a file to append stderr to
  bool pipe_stderr = false;                // else: a pipe, read through stderr_fd()
  std::optional<std::string> working_dir;  // empty: the parent's
  std::vector<std::string> env;            // NAME=value entries set over the parent's environment
};

class child_process {
 public:
  using options = child_options;

  explicit child_process(std::vector<std::string> argv, options opts = {}) {
    ::signal(SIGPIPE, SIG_IGN);  // a dead child must give EPIPE, not kill the parent
    if (argv.empty()) throw std::invalid_argument("child_process: empty argv");
    int in[2], out[2], err[2] = {-1, -1};
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0 ||
        (opts.pipe_stderr && ::pipe2(err, O_CLOEXEC) != 0)) {
      throw std::system_error(errno, std::generic_category(), "pipe2");
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    if (opts.stderr_path) {
      posix_spawn_file_actions_addopen(&fa, 2, opts.stderr_path->c_str(),
                                       O_WRONLY | O_CREAT | O_APPEND, 0644);
    } else if (opts.pipe_stderr) {
      posix_spawn_file_actions_adddup2(&fa, err[1], 2);
    }
    if (opts.working_dir) posix_spawn_file_actions_addchdir_np(&fa, opts.working_dir->c_str());
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    std::vector<char*> envp;
    for (char** e = environ; *e; ++e) {
      std::string_view const entry(*e);
      bool const overridden = std::any_of(opts.env.begin(), opts.env.end(), [&](std::string const& x) {
        return entry.substr(0, entry.find('=') + 1) == std::string_view(x).substr(0, x.find('=') + 1);
      });
      if (!overridden) envp.push_back(*e);
    }
    for (auto& x : opts.env) envp.push_back(x.data());
    envp.push_back(nullptr);
    int const rc = ::posix_spawn(&pid_, args[0], &fa, nullptr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&fa);
    ::close(in[0]);
    ::close(out[1]);
    if (err[1] >= 0) ::close(err[1]);
    stdin_ = in[1];
    stdout_ = out[0];
    stderr_ = err[0];
    if (rc != 0) {
      close_pipes();
      throw std::system_error(rc, std::generic_category(), "cannot start " + argv[0]);
    }
  }

  child_process(child_process const&) = delete;
  child_process& operator=(child_process const&) = delete;
  child_process(child_process&& o) noexcept
      : pid_(std::exchange(o.pid_, -1)), stdin_(std::exchange(o.stdin_, -1)),
        stdout_(std::exchange(o.stdout_, -1)), stderr_(std::exchange(o.stderr_, -1)), status_(o.status_),
        out_(std::move(o.out_)) {}
  child_process& operator=(child_process&&) = delete;
  ~child_process() {
    kill();
    close_pipes();
  }

  pid_t pid() const noexcept { return pid_; }
  int stdin_fd() const noexcept { return stdin_; }
  int stdout_fd() const noexcept { return stdout_; }
  int stderr_fd() const noexcept { return stderr_; }  // -1 unless options::pipe_stderr

  // Writes all of data; false when the child no longer reads (it exited).
  bool write(std::string_view data) { return glomers::detail::write_all(stdin_, data); }
  bool write_line(std::string_view line) { return write(std::string(line) + '\n'); }

  // Closes the child's stdin (end of input).
  void close_stdin() {
    if (stdin_ >= 0) ::close(stdin_);
    stdin_ = -1;
  }

  // The next stdout line, or nullopt when none arrives within timeout or stdout closed.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout) {
    auto const deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
      if (auto line = out_.next()) return line;
      auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return std::nullopt;
      pollfd p{stdout_, POLLIN, 0};
      int const ready = ::poll(&p, 1, static_cast<int>(left.count()));
      if (ready < 0 && errno == EINTR) continue;
      if (ready <= 0) return std::nullopt;
      if (!out_.fill(stdout_)) return out_.next();
    }
  }

  // The exit status once the child has exited (the raw waitpid status), without blocking.
  std::optional<int> exited() {
    if (status_) return status_;
    int st = 0;
    if (pid_ > 0 && ::waitpid(pid_, &st, WNOHANG) == pid_) status_ = st;
    return status_;
  }

  // Blocks until the child exits; returns its waitpid status.
  int wait() {
    while (!status_) {
      int st = 0;
      if (::waitpid(pid_, &st, 0) == pid_) status_ = st;
      else if (errno != EINTR) status_ = -1;
    }
    return *status_;
  }

  void kill() {
    if (pid_ > 0 && !exited()) {
      ::kill(pid_, SIGKILL);
      wait();
    }
  }

  line_buffer& stdout_lines() noexcept { return out_; }

 private:
  void close_pipes() {
    close_stdin();
    for (int* fd : {&stdout_, &stderr_}) {
      if (*fd >= 0) ::close(*fd);
      *fd = -1;
    }
  }

  pid_t pid_ = -1;
  int stdin_ = -1;
  int stdout_ = -1;
  int stderr_ = -1;
  std::optional<int> status_;
  line_buffer out_;
};

// "exit status 3", "killed by signal 9": a waitpid status for people.
inline std::string describe_status(int status) {
  if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
  return "status " + std::to_string(status);
}

}  // namespace glomers::harness
