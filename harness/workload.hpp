// A workload (spec §6): its generator, its client (op -> request, reply -> completion) and its
// checker. The test run drives it; nothing here knows about processes or clocks.
#pragma once

#include "harness/history.hpp"
#include "harness/world.hpp"
#include "maelstrom/errors.hpp"
#include "maelstrom/message.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace glomers::harness {

// What a workload is told about the test.
struct workload_context {
  std::vector<std::string> nodes;
  int concurrency = 1;
  std::int64_t latency_ms = 0;
  std::string topology = "grid";
  world* w = nullptr;                                   // the test's clock and seeded randomness
  std::optional<std::int64_t> key_count;                // --key-count (unset: the workload's default)
  std::int64_t max_txn_length = 4;                      // --max-txn-length
  std::int64_t max_writes_per_key = 16;                 // --max-writes-per-key
  std::string consistency_models = "strict-serializable";  // --consistency-models, as given
  bool final_reads = false;                             // --final-reads (ours)
};

// Options the workload cannot run with (lin-kv's concurrency must be a multiple of 2N): thrown by
// a workload's factory; the command line reports it as a bad flag (exit 254).
class workload_options_error : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// A reply that does not match the RPC's response schema (spec §1.10).
class schema_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The op a generator proposes: f and value (type invoke, process and time are filled in).
struct op_spec {
  std::string f;
  json::value value;
  json::object extra = {};  // further keys of the op, e.g. {"seek-to-beginning?": true}
};

// The worker a generator is asked for: its thread (fixed) and its current process (a new one
// after every info completion).
struct worker_view {
  int thread = 0;
  std::int64_t process = 0;
};

class workload {
 public:
  virtual ~workload() = default;

  // --- generator ---
  // The next main-phase op for a worker; nullopt when the generator is exhausted.
  virtual std::optional<op_spec> next(worker_view const& w) = 0;
  // Does the workload have a final phase (heal, 10 s recovery, final ops)?
  virtual bool has_final_phase() const { return false; }
  // The final phase, per worker: asked at its start, then again each time that worker's previous
  // final op has completed and final_gap has passed, until it answers nullopt.
  virtual std::optional<op_spec> final_op(worker_view const& /*w*/) { return std::nullopt; }
  virtual sim_time final_gap(worker_view const& /*w*/) { return sim_time(0); }
  // No final op is invoked later than this after the final phase began (none: no cap).
  virtual std::optional<sim_time> final_time_limit() const { return std::nullopt; }
  // Every client completion (ok, fail, info) of both phases, in history order, before the
  // generator is asked for anything else.
  virtual void observe(op const& /*completion*/) {}

  // --- client ---
  // Requests sent to each node once, through its setup client, before the test (broadcast's
  // topology). Each must be answered with type expected_reply.
  struct setup_request {
    std::string node;
    json::object body;
    std::string expected_reply;
  };
  virtual std::vector<setup_request> setup() { return {}; }
  virtual bool reusable_client() const { return false; }
  // Does the client map errors with Maelstrom's with-errors (definite -> fail), and which fs are
  // idempotent (timeout -> fail)? Without it, every error and timeout is info.
  virtual bool with_errors() const { return true; }
  virtual bool idempotent(std::string_view /*f*/) const { return false; }
  // Of each request.
  virtual sim_time timeout() const { return std::chrono::seconds(5); }

  // A client's own state, if the workload's client keeps any (kafka's offsets). A new client,
  // and so a new state, follows every info completion unless the client is reusable.
  struct client_state {
    virtual ~client_state() = default;
  };
  virtual std::unique_ptr<client_state> open_client() { return nullptr; }

  // What a client does next within one op: send a request to its node (the test run adds the
  // msg_id and waits for the reply or the timeout), or complete the op now.
  struct step {
    enum kind_t { send, ok, fail, info } kind = send;
    json::object body;    // send
    json::value value;    // ok
    std::string error;    // fail, info

    static step request(json::object b) { return {send, std::move(b), nullptr, {}}; }
    static step done(json::value v) { return {ok, {}, std::move(v), {}}; }
    static step failed(std::string why) { return {fail, {}, nullptr, std::move(why)}; }
    static step indeterminate(std::string why = {}) { return {info, {}, nullptr, std::move(why)}; }
  };
  // The first step of an invocation; by default the one request of request().
  virtual step begin(op const& invoke, client_state* /*st*/) { return step::request(request(invoke)); }
  // The step after a non-error reply to the last request; by default the op completes ok with
  // ok_value(). Throws schema_error for a malformed reply (the op is then info). An error reply
  // or a timeout at any step ends the op with the client's error mapping.
  virtual step resume(op const& invoke, client_state* /*st*/, json::object const& reply) {
    return step::done(ok_value(invoke, reply));
  }
  // The one-request client most workloads have: the request body for an invocation (without
  // msg_id) and the completion value of its non-error reply (throws schema_error).
  virtual json::object request(op const& /*invoke*/) { throw std::logic_error("workload without request()"); }
  virtual json::value ok_value(op const& /*invoke*/, json::object const& /*reply*/) {
    throw std::logic_error("workload without ok_value()");
  }

  // --- checker ---
  // The workload's result map; must contain "valid?" (true, false or "unknown").
  virtual json::object check(history const& h) = 0;
};

// Strict response schemas: exactly the declared fields, plus type, in_reply_to (int) and
// optionally msg_id (int).
enum class field_kind { any, integer, integer_seq, seq, object };

struct field_spec {
  std::string_view name;
  field_kind kind;
};

inline void check_reply_schema(json::object const& reply, std::string_view type,
                               std::initializer_list<field_spec> fields) {
  auto const bad = [&](std::string const& why) {
    throw schema_error("Malformed RPC response: " + why + " in " + boost::json::serialize(reply));
  };
  auto const is_int = [](json::value const& v) { return v.is_int64() || v.is_uint64(); };
  auto const* t = reply.if_contains("type");
  if (!t || !t->is_string() || t->get_string() != type) bad("expected type " + std::string(type));
  auto const* irt = reply.if_contains("in_reply_to");
  if (!irt || !is_int(*irt)) bad("in_reply_to must be an integer");
  if (auto const* id = reply.if_contains("msg_id"); id && !is_int(*id)) bad("msg_id must be an integer");
  for (auto const& [key, v] : reply) {
    if (key == "type" || key == "in_reply_to" || key == "msg_id") continue;
    auto it = std::find_if(fields.begin(), fields.end(), [&](auto const& f) { return f.name == key; });
    if (it == fields.end()) bad("unexpected key \"" + std::string(key) + "\"");
  }
  for (auto const& f : fields) {
    auto const* v = reply.if_contains(f.name);
    if (!v) bad("missing key \"" + std::string(f.name) + "\"");
    switch (f.kind) {
      case field_kind::any:
        break;
      case field_kind::integer:
        if (!is_int(*v)) bad(std::string(f.name) + " must be an integer");
        break;
      case field_kind::integer_seq:
        if (v->is_null()) break;
        if (!v->is_array()) bad(std::string(f.name) + " must be a sequence");
        for (auto const& e : v->get_array()) {
          if (!is_int(e)) bad(std::string(f.name) + " must hold integers");
        }
        break;
      case field_kind::seq:
        if (!v->is_null() && !v->is_array()) bad(std::string(f.name) + " must be a sequence");
        break;
      case field_kind::object:
        if (!v->is_object()) bad(std::string(f.name) + " must be a map");
        break;
    }
  }
}

// Quantiles the way Jepsen computes them: S[min(n-1, floor(n*q))] of the sorted list, at
// 0, 0.5, 0.95, 0.99 and 1, keyed by the quantile as Maelstrom prints it. Empty: empty map.
inline json::object quantiles(std::vector<std::int64_t> values) {
  json::object out;
  if (values.empty()) return out;
  std::sort(values.begin(), values.end());
  auto const n = values.size();
  for (auto const& [key, q] : std::initializer_list<std::pair<char const*, double>>{
           {"0", 0.0}, {"0.5", 0.5}, {"0.95", 0.95}, {"0.99", 0.99}, {"1", 1.0}}) {
    auto const i = std::min<std::size_t>(n - 1, static_cast<std::size_t>(std::floor(n * q)));
    out[key] = values[i];
  }
  return out;
}

}  // namespace glomers::harness
