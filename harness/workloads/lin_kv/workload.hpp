// The lin-kv workload (spec §6.6): Jepsen's linearizable-register test over independent keys.
//
// Generator (independent/concurrent-generator 2N over keys 0, 1, 2, ...): worker threads form
// groups of 2N consecutive threads, each group on one key at a time. Threads 0..N-1 only read
// (reserve N, absolute thread ids, so only in the first group); the others write (1/3, a value in
// 0..4) or cas (2/3, from and to in 0..4). A group moves to the next unused key once more than 20
// distinct processes have been involved with its current key (process-limit 20: the group's
// current processes when it started, plus one per info completion since). No final phase.
//
// Client: reusable, with-errors, read idempotent, timeout max(10 x latency, 1000) ms.
// Checker: linearizable::check, one compare-and-set register per key.
#pragma once

#include "harness/workload.hpp"
#include "harness/workloads/lin_kv/checker.hpp"

#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace glomers::harness {

// Jepsen's concurrent-generator asserts that the concurrency splits into groups of 2N when it is
// first asked for an op, so Maelstrom starts and initialises the nodes, then the test crashes:
// "Oh jeez, I'm sorry, Jepsen broke", exit 255 (jepsen.cli/run!). The first next() throws
// generator_assertion with the assertion's text, and the run fails the same way.
class generator_assertion : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

class lin_kv_workload final : public workload {
 public:
  static constexpr std::size_t process_limit = 20;

  explicit lin_kv_workload(workload_context ctx)
      : ctx_(std::move(ctx)), n_(static_cast<int>(ctx_.nodes.size())), group_size_(2 * n_) {
    if (n_ < 1) throw workload_options_error("lin-kv needs at least one node");
    auto const groups = ctx_.concurrency / group_size_;
    if (ctx_.concurrency < group_size_) {
      assertion_ = "Assert failed: With " + std::to_string(ctx_.concurrency) +
                   " worker threads, this jepsen.concurrent/concurrent-generator cannot run a key with " +
                   std::to_string(group_size_) + " threads concurrently. Consider raising your test's :concurrency to at least " +
                   std::to_string(group_size_) + ".\n(<= group-size thread-count)";
    } else if (ctx_.concurrency % group_size_ != 0) {
      assertion_ = "Assert failed: This jepsen.independent/concurrent-generator has " + std::to_string(ctx_.concurrency) +
                   " threads to work with, but can only use " + std::to_string(groups * group_size_) + " of those threads to run " +
                   std::to_string(groups) + " concurrent keys with " + std::to_string(group_size_) +
                   " threads apiece. Consider raising or lowering the test's :concurrency to a multiple of " +
                   std::to_string(group_size_) + ".\n(= thread-count (* group-size group-count))";
    }
    if (!assertion_.empty()) return;
    process_.resize(static_cast<std::size_t>(ctx_.concurrency));
    for (std::size_t t = 0; t < process_.size(); ++t) process_[t] = static_cast<std::int64_t>(t);
    key_.resize(static_cast<std::size_t>(groups));
    procs_.resize(static_cast<std::size_t>(groups));
    for (std::size_t g = 0; g < key_.size(); ++g) key_[g] = next_key_++;
  }

  // --- generator ---
  std::optional<op_spec> next(worker_view const& w) override {
    if (!assertion_.empty()) throw generator_assertion(assertion_);
    auto const t = static_cast<std::size_t>(w.thread);
    process_[t] = w.process;
    auto const g = t / static_cast<std::size_t>(group_size_);
    // process-limit: the processes of the group's threads now, with those seen on this key
    auto seen = procs_[g];
    for (std::size_t i = g * group_size_; i < (g + 1) * group_size_; ++i) seen.insert(process_[i]);
    if (seen.size() > process_limit) {  // this key is done: the group takes the next unused one
      key_[g] = next_key_++;
      seen.clear();
      for (std::size_t i = g * group_size_; i < (g + 1) * group_size_; ++i) seen.insert(process_[i]);
    }
    procs_[g] = std::move(seen);
    auto const k = key_[g];
    if (w.thread < n_) return op_spec{"read", json::array{k, nullptr}};
    auto const v = [&] { return ctx_.w->uniform_int(0, 4); };
    if (ctx_.w->uniform_int(0, 2) == 0) return op_spec{"write", json::array{k, v()}};
    auto const from = v();
    return op_spec{"cas", json::array{k, json::array{from, v()}}};
  }

  // An info completion ends its process: the thread continues as process + concurrency.
  void observe(op const& completion) override {
    if (completion.type != op_type::info || !completion.is_client_op()) return;
    auto const t = static_cast<std::size_t>(completion.process % ctx_.concurrency);
    process_[t] = std::max(process_[t], completion.process + ctx_.concurrency);
  }

  // --- client ---
  bool reusable_client() const override { return true; }
  bool with_errors() const override { return true; }
  bool idempotent(std::string_view f) const override { return f == "read"; }
  sim_time timeout() const override {
    return std::chrono::milliseconds(std::max<std::int64_t>(10 * ctx_.latency_ms, 1000));
  }

  json::object request(op const& invoke) override {
    auto const& kv = invoke.value.as_array();
    if (invoke.f == "read") return json::object{{"type", "read"}, {"key", kv[0]}};
    if (invoke.f == "write") return json::object{{"type", "write"}, {"key", kv[0]}, {"value", kv[1]}};
    auto const& ft = kv[1].as_array();
    return json::object{{"type", "cas"}, {"key", kv[0]}, {"from", ft[0]}, {"to", ft[1]}};
  }

  json::value ok_value(op const& invoke, json::object const& reply) override {
    auto const& kv = invoke.value.as_array();
    if (invoke.f == "read") {
      check_reply_schema(reply, "read_ok", {{"value", field_kind::any}});
      return json::array{kv[0], reply.at("value")};
    }
    check_reply_schema(reply, invoke.f == "write" ? "write_ok" : "cas_ok", {});
    return invoke.value;
  }

  // --- checker ---
  json::object check(history const& h) override { return linearizable::check(h); }

 private:
  workload_context ctx_;
  int n_, group_size_;
  std::vector<std::int64_t> process_;           // by thread: its current process
  std::string assertion_;                       // the generator's failed assertion, if any
  std::vector<std::int64_t> key_;               // by group: its current key
  std::vector<std::set<std::int64_t>> procs_;   // by group: processes involved with its key
  std::int64_t next_key_ = 0;
};

inline std::unique_ptr<workload> make_lin_kv_workload(workload_context ctx) {
  return std::make_unique<lin_kv_workload>(std::move(ctx));
}

}  // namespace glomers::harness
