// The process host: runs each node as a process on pipes, as Maelstrom does, and keeps the
// world's virtual clock equal to the wall clock since the start.
//
// Messages for a node are written to its stdin as {"id", "src", "dest", "body"} lines. Each line a
// node prints is checked as Maelstrom checks it (spec §1.3). A line that is not JSON, or not
// exactly {src, dest, body, id?} with string ids, or a message from or to an id not in the
// network, ends Maelstrom's reading of that node's stdout: the error is logged, the node is
// muted for the rest of the test (nothing it prints is routed any more) and the test goes on.
// Before init that means its init_ok is lost, and the test aborts for want of it. stderr lines go
// to node-logs/<id>.log, and to the console with --log-stderr; all of it is saved, whatever ends
// the test. A node that exits aborts the test with its last stderr lines: nodes must never exit
// (unless the kill fault killed it). When the test is over, what the nodes printed so far is
// still routed (and journaled) before they are stopped. Each node gets a directory of its own
// that outlives its kills (node-data/<id>, named in GLOMERS_DATA_DIR: runtime::stdio's storage()).
#pragma once

#include "harness/network.hpp"
#include "harness/process.hpp"
#include "harness/test_run.hpp"
#include "harness/world.hpp"
#include "maelstrom/runtime/storage.hpp"

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

// One stdout line of a node as Maelstrom parses it: JSON; top-level and body keys keywordised
// one level deep (a null or empty-array body becomes {}, any other non-object body throws
// there); then the schema {src: String, dest: String, body: Any, id?: Int} with no other key.
// The message, or the error Maelstrom would log.
struct parsed_line {
  std::optional<message> msg;
  std::string error;
};

inline parsed_line parse_node_line(std::string const& node, std::string const& line) {
  boost::system::error_code ec;
  auto v = boost::json::parse(line, ec);
  if (ec) {
    return {std::nullopt, "Node " + node + " printed a line to STDOUT which was not well-formed JSON: " + line};
  }
  auto const malformed = [&](std::string const& why) {
    return parsed_line{std::nullopt, "Malformed network message. Node " + node + " tried to send the following message via STDOUT: " +
                                         line + " This is malformed because: " + why};
  };
  bool const empty_seq = v.is_null() || (v.is_array() && v.get_array().empty());
  if (!v.is_object()) return empty_seq ? malformed("src, dest and body are missing") : malformed("it is not a JSON object");
  auto& o = v.get_object();
  for (auto const& [k, e] : o) {
    if (k != "src" && k != "dest" && k != "body" && k != "id") return malformed("the key \"" + std::string(k) + "\" is not allowed");
  }
  for (auto key : {"src", "dest"}) {
    auto const* f = o.if_contains(key);
    if (!f) return malformed(std::string(key) + " is missing");
    if (!f->is_string()) return malformed(std::string(key) + " must be a string");
  }
  auto* body = o.if_contains("body");
  if (!body) return malformed("body is missing");
  if (auto const* id = o.if_contains("id"); id && !id->is_int64() && !id->is_uint64()) return malformed("id must be an integer");
  if (body->is_null() || (body->is_array() && body->get_array().empty())) *body = json::object{};
  if (!body->is_object()) return malformed("body is not a JSON object");
  return {message{std::string(o.at("src").get_string()), std::string(o.at("dest").get_string()), std::move(body->get_object())}, {}};
}

struct process_host_options {
  std::string bin;
  std::vector<std::string> args;           // passed to every node after the binary
  std::filesystem::path log_dir;           // node-logs/
  std::filesystem::path data_dir;          // node-data/: <id>/ per node, in GLOMERS_DATA_DIR (empty: none)
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
      if (!opts_.data_dir.empty()) std::filesystem::create_directories(opts_.data_dir / id);
    }
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
          net_.unmute(id);
        },
        [this](std::string const& id) {
          if (auto& p = by_id_.at(id)->proc) ::kill(p->pid(), SIGSTOP);
        },
        [this](std::string const& id) {
          if (auto& p = by_id_.at(id)->proc) ::kill(p->pid(), SIGCONT);
        }};
  }

  // Drives the run in real time until it finishes; returns the reason when the test broke. The
  // nodes are stopped before it returns, their stderr saved in full.
  std::optional<std::string> run(test_run& r) {
    auto const start = std::chrono::steady_clock::now();
    auto const wall = [&] { return std::chrono::duration_cast<sim_time>(std::chrono::steady_clock::now() - start); };
    auto next_progress = std::chrono::seconds(1);
    std::optional<std::string> broke;
    r.start();
    while (!r.finished() && !broke) {
      world_.run_until(wall());
      broke = pump(wall, 100);
      if (wall() >= next_progress) {
        next_progress += std::chrono::seconds(1);
        progress(r, wall());
      }
    }
    if (!broke) {
      // Teardown: what the nodes printed so far is routed and journaled, then they stop.
      world_.run_until(wall());
      broke = pump(wall, 0);
      world_.run_until(wall());
      for (auto& n : nodes_) flush_stdin(*n);
      if (!broke) broke = check_alive();
      if (!broke) broke = r.aborted();
    }
    stop_all();
    return broke;
  }

 private:
  struct node_process;

  void spawn(node_process& n) {
    std::vector<std::string> argv{opts_.bin};
    argv.insert(argv.end(), opts_.args.begin(), opts_.args.end());
    std::vector<std::string> env;  // the node's own directory, the same for every incarnation
    if (!opts_.data_dir.empty()) env.push_back(std::string(data_dir_env) + "=" + std::filesystem::absolute(opts_.data_dir / n.id).string());
    n.proc.emplace(argv, child_process::options{.stderr_path = std::nullopt,
                                                .pipe_stderr = true,
                                                .working_dir = std::filesystem::temp_directory_path().string(),
                                                .env = std::move(env)});
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

  // One round: write pending input, wait (at most max_wait_ms) for output or the next event,
  // read what came.
  template <class Wall>
  std::optional<std::string> pump(Wall const& wall, int max_wait_ms) {
    for (auto& n : nodes_) flush_stdin(*n);
    if (auto crashed = check_alive()) return crashed;
    int timeout_ms = max_wait_ms;  // wake regularly to notice crashes and print progress
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
          from_node(*n, *line);
        }
      } else if (which == 1) {
        n->stderr_open = n->err_lines.fill(n->proc->stderr_fd());
        while (auto line = n->err_lines.next()) stderr_line(*n, std::move(*line));
      }
    }
    return std::nullopt;
  }

  void stderr_line(node_process& n, std::string line) {
    n.log << line << '\n' << std::flush;
    if (opts_.log_stderr) opts_.console(n.id + ": " + line);
    remember(n.stderr_tail, std::move(line));
  }

  // Reads what is left on n's stderr (without blocking) into its log, an unfinished last line
  // included.
  void drain_stderr(node_process& n) {
    if (!n.proc) return;
    ::fcntl(n.proc->stderr_fd(), F_SETFL, O_NONBLOCK);
    for (int k = 0; n.stderr_open && k < 1024; ++k) {
      pollfd p{n.proc->stderr_fd(), POLLIN, 0};
      if (::poll(&p, 1, 0) <= 0) break;
      n.stderr_open = n.err_lines.fill(n.proc->stderr_fd());
      while (auto line = n.err_lines.next()) stderr_line(n, std::move(*line));
    }
    if (auto rest = n.err_lines.take_rest(); !rest.empty()) stderr_line(n, std::move(rest));
  }

  // Stops every node (SIGKILL), its stderr saved first.
  void stop_all() {
    for (auto& n : nodes_) {
      drain_stderr(*n);
      n->proc.reset();
      n->log.flush();
    }
  }

  // Validates one stdout line of node n and routes it; a bad line mutes n (see the top).
  void from_node(node_process& n, std::string const& line) {
    if (net_.muted(n.id)) return;  // Maelstrom no longer reads it
    auto parsed = parse_node_line(n.id, line);
    if (!parsed.msg) return net_.mute(n.id, parsed.error);
    net_.send_from(n.id, std::move(*parsed.msg));
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
        drain_stderr(*n);  // what it printed last, into its log too
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
      if (!o.is_client_op()) continue;
      if (o.type == op_type::invoke) ++ops;
      if (o.type == op_type::ok) ++ok;
      if (o.type == op_type::fail) ++fail;
      if (o.type == op_type::info) ++info;
    }
    // Messages as the final :net statistics count them: msg-count, all and between servers.
    char line[256];
    std::snprintf(line, sizeof line, "[%6.1fs] %-8s ops %lld (ok %lld, fail %lld, info %lld), messages %lld (servers %lld)%s",
                  std::chrono::duration<double>(now).count(), r.phase().c_str(), static_cast<long long>(ops),
                  static_cast<long long>(ok), static_cast<long long>(fail), static_cast<long long>(info),
                  static_cast<long long>(net_.sent()), static_cast<long long>(net_.sent_between_servers()),
                  net_.grudge().empty() ? "" : ", partitioned");
    opts_.console(line);
  }

  world& world_;
  network& net_;
  process_host_options opts_;
  std::vector<std::unique_ptr<node_process>> nodes_;
  std::map<std::string, node_process*> by_id_;
};

}  // namespace glomers::harness
