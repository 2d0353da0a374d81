// The process host: runs each node as a process on pipes, as Maelstrom does, and keeps the
// world's virtual clock equal to the wall clock since the start.
//
// Messages for a node are written to its stdin as {"id", "src", "dest", "body"} lines. Each line a
// node prints is checked strictly (spec §1.3): not JSON, or not exactly {src, dest, body, id?},
// aborts the test, as in Maelstrom; a message from or to an unknown id is logged and dropped
// (Maelstrom's reader thread dies there instead: a documented divergence). stderr lines go to
// node-logs/<id>.log, and to the console with --log-stderr. A node that exits aborts the test
// with its last stderr lines: nodes must never exit (unless the kill fault killed it).
#pragma once

#include "harness/network.hpp"
#include "harness/process.hpp"
#include "harness/test_run.hpp"
#include "harness/world.hpp"

#include <fcntl.h>
#include <poll.h>

#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace glomers::harness {

struct process_host_options {
  std::string bin;
  std::vector<std::string> args;           // passed to every node after the binary
  std::filesystem::path log_dir;           // node-logs/
  bool log_stderr = false;                 // echo node stderr to the console
  std::function<void(std::string const&)> console = [](std::string const&) {};
};

class process_host {
 public:
  static constexpr std::size_t tail_lines = 32;

  process_host(world& w, network& net, std::vector<std::string> const& nodes, process_host_options opts)
      : world_(w), net_(net), opts_(std::move(opts)) {
    std::filesystem::create_directories(opts_.log_dir);
    for (auto const& id : nodes) {
      auto n = std::make_unique<node_process>();
      n->id = id;
      n->log.open(opts_.log_dir / (id + ".log"), std::ios::app);
      spawn(*n);
      auto* raw = n.get();
      net_.add(id, [raw](envelope const& e) {
        if (!raw->proc) return;  // killed: its messages are lost
        raw->in_buf += boost::json::serialize(
            json::object{{"id", e.id}, {"src", e.msg.src}, {"dest", e.msg.dest}, {"body", e.msg.body}});
        raw->in_buf += '\n';
      });
      by_id_[id] = raw;
      nodes_.push_back(std::move(n));
    }
  }

  // The kill and pause faults, on real processes: SIGKILL and a fresh process, SIGSTOP/SIGCONT.
  fault_hooks hooks() {
    return fault_hooks{
        [this](std::string const& id) {
          auto& n = *by_id_.at(id);
          n.log << "glomers: killed by the nemesis" << std::endl;
          n.proc.reset();  // SIGKILL, reaped
          n.in_buf.clear();
        },
        [this](std::string const& id) {
          auto& n = *by_id_.at(id);
          n.log << "glomers: restarted by the nemesis" << std::endl;
          spawn(n);
        },
        [this](std::string const& id) {
          if (auto& p = by_id_.at(id)->proc) ::kill(p->pid(), SIGSTOP);
        },
        [this](std::string const& id) {
          if (auto& p = by_id_.at(id)->proc) ::kill(p->pid(), SIGCONT);
        }};
  }

  // Drives the run in real time until it finishes; returns the reason when the test broke.
  std::optional<std::string> run(test_run& r) {
    auto const start = std::chrono::steady_clock::now();
    auto const wall = [&] { return std::chrono::duration_cast<sim_time>(std::chrono::steady_clock::now() - start); };
    auto next_progress = std::chrono::seconds(1);
    r.start();
    while (!r.finished()) {
      world_.run_until(wall());
      if (auto broke = pump(wall)) return broke;
      if (wall() >= next_progress) {
        next_progress += std::chrono::seconds(1);
        progress(r, wall());
      }
    }
    world_.run_until(wall());
    for (auto& n : nodes_) flush_stdin(*n);
    if (auto crashed = check_alive()) return crashed;
    return r.aborted();
  }

 private:
  struct node_process;

  void spawn(node_process& n) {
    std::vector<std::string> argv{opts_.bin};
    argv.insert(argv.end(), opts_.args.begin(), opts_.args.end());
    n.proc.emplace(argv, child_process::options{.stderr_path = std::nullopt,
                                                .pipe_stderr = true,
                                                .working_dir = std::filesystem::temp_directory_path().string()});
    ::fcntl(n.proc->stdin_fd(), F_SETFL, O_NONBLOCK);
    n.in_buf.clear();
    n.err_lines = line_buffer{};
    n.stdout_open = n.stderr_open = true;
  }

  struct node_process {
    std::string id;
    std::optional<child_process> proc;
    std::string in_buf;
    line_buffer err_lines;
    std::ofstream log;
    std::deque<std::string> stdout_tail, stderr_tail;
    bool stdout_open = true, stderr_open = true;
  };

  static void remember(std::deque<std::string>& tail, std::string line) {
    tail.push_back(std::move(line));
    if (tail.size() > tail_lines) tail.pop_front();
  }

  // One round: write pending input, wait for output or the next event, read what came.
  template <class Wall>
  std::optional<std::string> pump(Wall const& wall) {
    for (auto& n : nodes_) flush_stdin(*n);
    if (auto crashed = check_alive()) return crashed;
    int timeout_ms = 100;  // wake regularly to notice crashes and print progress
    if (auto next = world_.next_event()) {
      auto const wait = std::chrono::ceil<std::chrono::milliseconds>(*next - wall()).count();
      timeout_ms = static_cast<int>(std::clamp<std::int64_t>(wait, 0, timeout_ms));
    }
    std::vector<pollfd> fds;
    std::vector<std::pair<node_process*, int>> owners;  // 0 stdout, 1 stderr, 2 stdin
    for (auto& n : nodes_) {
      if (!n->proc) continue;
      if (n->stdout_open) fds.push_back({n->proc->stdout_fd(), POLLIN, 0}), owners.emplace_back(n.get(), 0);
      if (n->stderr_open) fds.push_back({n->proc->stderr_fd(), POLLIN, 0}), owners.emplace_back(n.get(), 1);
      if (!n->in_buf.empty()) fds.push_back({n->proc->stdin_fd(), POLLOUT, 0}), owners.emplace_back(n.get(), 2);
    }
    if (::poll(fds.data(), fds.size(), timeout_ms) <= 0) return std::nullopt;
    world_.run_until(wall());
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (!fds[i].revents) continue;
      auto& [n, which] = owners[i];
      if (which == 0) {
        auto& out = n->proc->stdout_lines();
        n->stdout_open = out.fill(n->proc->stdout_fd());
        while (auto line = out.next()) {
          remember(n->stdout_tail, *line);
          if (auto broke = from_node(*n, *line)) return broke;
        }
      } else if (which == 1) {
        n->stderr_open = n->err_lines.fill(n->proc->stderr_fd());
        while (auto line = n->err_lines.next()) {
          n->log << *line << '\n' << std::flush;
          if (opts_.log_stderr) opts_.console(n->id + ": " + *line);
          remember(n->stderr_tail, std::move(*line));
        }
      }
    }
    return std::nullopt;
  }

  // Validates one stdout line of node n and routes it.
  std::optional<std::string> from_node(node_process& n, std::string const& line) {
    boost::system::error_code ec;
    auto v = boost::json::parse(line, ec);
    if (ec) return "Node " + n.id + " printed a line to STDOUT which was not well-formed JSON: " + line;
    bool ok = v.is_object();
    if (ok) {
      auto const& o = v.get_object();
      auto const* src = o.if_contains("src");
      auto const* dest = o.if_contains("dest");
      auto const* body = o.if_contains("body");
      auto const* id = o.if_contains("id");
      ok = src && src->is_string() && dest && dest->is_string() && body && body->is_object() &&
           (!id || id->is_int64()) && o.size() == 3u + (id ? 1u : 0u);
    }
    if (!ok) return "Malformed network message from " + n.id + ": " + line + " (must be exactly {src, dest, body, id?})";
    auto& o = v.get_object();
    net_.send(message{std::string(o.at("src").get_string()), std::string(o.at("dest").get_string()),
                      std::move(o.at("body").get_object())});
    return std::nullopt;
  }

  void flush_stdin(node_process& n) {
    while (n.proc && !n.in_buf.empty()) {
      ssize_t const k = ::write(n.proc->stdin_fd(), n.in_buf.data(), n.in_buf.size());
      if (k < 0 && errno == EINTR) continue;
      if (k <= 0) return;  // full (EAGAIN), or the node is gone: check_alive reports it
      n.in_buf.erase(0, static_cast<std::size_t>(k));
    }
  }

  std::optional<std::string> check_alive() {
    for (auto& n : nodes_) {
      if (!n->proc) continue;  // killed by the nemesis, on purpose
      if (auto status = n->proc->exited()) {
        // Collect what it printed last.
        while (n->stderr_open && (n->stderr_open = n->err_lines.fill(n->proc->stderr_fd()))) {
          while (auto line = n->err_lines.next()) remember(n->stderr_tail, std::move(*line));
        }
        std::string msg = "Node " + n->id + " crashed with " + describe_status(*status) + ". Last lines of its stderr:";
        for (auto const& l : n->stderr_tail) msg += "\n  " + l;
        if (!n->stdout_tail.empty()) {
          msg += "\nLast lines of its stdout:";
          for (auto const& l : n->stdout_tail) msg += "\n  " + l;
        }
        return msg;
      }
    }
    return std::nullopt;
  }

  void progress(test_run const& r, sim_time now) {
    std::int64_t ops = 0, ok = 0, fail = 0, info = 0;
    for (auto const& o : r.ops()) {
      if (!o.is_client()) continue;
      if (o.type == op_type::invoke) ++ops;
      if (o.type == op_type::ok) ++ok;
      if (o.type == op_type::fail) ++fail;
      if (o.type == op_type::info) ++info;
    }
    char line[256];
    std::snprintf(line, sizeof line, "[%6.1fs] %-8s ops %lld (ok %lld, fail %lld, info %lld), messages %zu%s",
                  std::chrono::duration<double>(now).count(), r.phase().c_str(), static_cast<long long>(ops),
                  static_cast<long long>(ok), static_cast<long long>(fail), static_cast<long long>(info),
                  net_.journal().size(), net_.grudge().empty() ? "" : ", partitioned");
    opts_.console(line);
  }

  world& world_;
  network& net_;
  process_host_options opts_;
  std::vector<std::unique_ptr<node_process>> nodes_;
  std::map<std::string, node_process*> by_id_;
};

}  // namespace glomers::harness
