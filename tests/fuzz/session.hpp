// session: one node process under the fuzzer, case by case (see fuzz_node.cpp).
#pragma once

#include "tests/fuzz/cases.hpp"
#include "tests/fuzz/check.hpp"
#include "tests/fuzz/child.hpp"
#include "tests/fuzz/services.hpp"
#include "tests/fuzz/workloads.hpp"

#include <chrono>
#include <deque>
#include <iostream>
#include <map>
#include <set>
#include <stdexcept>

namespace glomers::fuzz {

using namespace std::chrono_literals;
namespace fz = glomers::fuzz;


struct failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline bool is_service(std::string const& d) { return d == "seq-kv" || d == "lin-kv" || d == "lww-kv" || d == "lin-tso"; }
inline bool is_node(std::string const& d) { return d == "n0" || d == "n1" || d == "n2"; }

class session {
 public:
  session(std::string const& bin, std::string const& workload, std::uint64_t seed, int big_values)
      : c_(bin), prof_(fz::profile_of(workload, big_values)), r_(seed), workload_(workload) {}

  void start() {
    send_line(R"({"src":"c0","dest":"n0","body":{"type":"init","msg_id":1,"node_id":"n0","node_ids":["n0","n1","n2"]}})");
    expected_[{"c0", 1}] = {};
    settle();
  }

  // One case: its lines, then the checks.
  void run_case(std::size_t index) {
    case_lines_.clear();
    case_bytes_out_ = 0;
    kind_ = kinds_.empty() ? (r_.chance(0.03) ? 15 : r_.below(15)) : kinds_[r_.below(kinds_.size())];
    generate();
    for (int i = 0; i < 3 && r_.chance(0.8); ++i) answer_services(0.9);
    settle();
    if (case_bytes_out_ > max_case_out_) max_case_out_ = case_bytes_out_;
    if (case_bytes_out_ > (std::size_t{4} << 20)) fail("sent " + std::to_string(case_bytes_out_) + " bytes to peers and services in one case");
    ++cases_[kind_];
    (void)index;
  }

  // Lets outstanding answers (durable adds wait for seq-kv) arrive, then checks them all.
  void finish() {
    auto const now = std::chrono::steady_clock::now();
    auto const until = now + 3s, at_least = now + 1200ms;  // long enough for periodic gossip
    while ((!expected_.empty() || std::chrono::steady_clock::now() < at_least) && std::chrono::steady_clock::now() < until) {
      answer_services(1.0);
      if (auto line = c_.read_line(50ms)) handle_output(*line);
    }
    if (!expected_.empty()) {
      std::string list;
      for (auto const& [k, e] : expected_) list += "\n  " + k.first + " #" + std::to_string(k.second) + ": " + shown(e.line);
      fail(std::to_string(expected_.size()) + " request(s) never answered:" + list);
    }
    std::cout << "ok: " << workload_ << ", " << total_cases() << " cases, " << lines_out_ << " lines out, largest "
              << max_line_ << " bytes, at most " << max_case_out_ << " bytes to peers and services in a case; kinds:";
    for (auto const& [k, n] : cases_) std::cout << " " << k << "=" << n;
    std::cout << std::endl;
  }

  std::vector<std::size_t> kinds_;  // case kinds to draw from (empty: all)

  std::string context() const {
    std::string out = "case kind " + std::to_string(kind_) + ", lines sent:\n";
    for (auto const& l : case_lines_) out += "  > " + shown(l) + "\n";
    return out + "node " + const_cast<fz::child&>(c_).exit_description() + "; stderr tail:\n" + c_.stderr_tail();
  }

 private:
  [[noreturn]] void fail(std::string const& why) { throw failure(why); }

  std::string next_id(std::string const& client) { return std::to_string(++ids_[client]); }

  void send_line(std::string const& line) {
    case_lines_.push_back(line);
    // Every integer that follows "msg_id": is an id a reply may name.
    for (std::size_t at = 0; (at = line.find("\"msg_id\":", at)) != std::string::npos;) {
      at += 9;
      fz::jv n;
      n.kind = fz::jv::number;
      auto const end = line.find_first_not_of("-0123456789", at);
      n.text = line.substr(at, end == std::string::npos ? std::string::npos : end - at);
      if (auto id = fz::as_int64(&n); id && (end == std::string::npos || std::string(".eE").find(line[end]) == std::string::npos)) {
        sent_ids_.insert(*id);
      }
    }
    if (!c_.write(line + "\n")) fail("the node stopped reading its input (" + c_.exit_description() + ")");
  }

  // Sends a client line and, when the node can read it far enough, expects an answer.
  void send_request(std::string const& line, bool must_answer_anyway = false) {
    std::string error;
    auto v = fz::parse(line, error);
    std::optional<std::pair<std::string, std::int64_t>> key;
    fz::jv const* echo = nullptr;
    if (v) {
      auto const* src = v->get("src");
      auto const* body = v->get("body");
      auto const id = body ? fz::as_int64(body->get("msg_id")) : std::nullopt;
      auto const* irt = body ? body->get("in_reply_to") : nullptr;
      auto const* type = body ? body->get("type") : nullptr;
      std::string const t = type && type->is_string() ? type->text : "";
      bool const peer = std::find(prof_.peer_types.begin(), prof_.peer_types.end(), t) != prof_.peer_types.end();
      if (src && src->is_string() && id && (!irt || fz::as_int64(irt)) && t != "error" && !peer &&
          fz::nesting(line) <= 64 && line.size() <= (std::size_t{1} << 20)) {
        key = {src->text, *id};
        if (t == "echo") echo = body->get("echo");
      }
    }
    if (must_answer_anyway && !key) fail("internal: a case meant to be answered is not addressable");
    if (key && !expected_.contains(*key)) expected_[*key] = {line, echo ? std::optional<std::string>(fz::canonical(*echo)) : std::nullopt};
    send_line(line);
  }

  std::string valid_line(std::string const& client, bool id_first) {
    return fz::envelope(client, prof_.request(r_), next_id(client), id_first);
  }

  void generate() {
    std::string const client = "c" + std::to_string(1 + r_.below(3));
    bool const first = r_.chance(0.5);
    switch (kind_) {
      case 0: return send_request(valid_line(client, first));
      case 1: return send_request(fz::mutate_bytes(r_, valid_line(client, first)));
      case 2: {  // a member's value replaced by a token or a random value
        std::string error;
        auto v = *fz::parse(valid_line(client, first), error);
        auto& body = v.members[2].second;
        auto& slot = body.members[r_.below(body.members.size())].second;
        slot = fz::jv{};
        slot.kind = fz::jv::number;  // a "number" is dumped verbatim: any raw token fits
        slot.text = r_.chance(0.5) ? r_.pick(fz::tokens()) : fz::random_value(r_);
        return send_request(fz::dump(v));
      }
      case 3: {
        auto line = valid_line(client, first);
        return send_request(line.substr(0, r_.below(line.size())));
      }
      case 4: {  // over the node's 1 MiB line limit: answered with 12 from the head
        auto body = prof_.request(r_);
        body.insert(1, "\"pad\":\"" + std::string((1 << 20) + r_.below(1 << 19), 'p') + "\",");
        auto line = fz::envelope(client, body, next_id(client), true);
        expected_[{client, ids_[client]}] = {line.substr(0, 200), std::nullopt};
        return send_line(line);
      }
      case 5: {  // large, within the limit: answered normally
        if (prof_.big_body && r_.chance(0.3)) {
          return send_request(fz::envelope(r_.chance(0.5) ? "n1" : "n2", prof_.big_body(r_), "", first));
        }
        std::string pad = "\"pad\":[1";
        for (int i = 0; i < 50000; ++i) pad += ",1";
        auto body = prof_.request(r_);
        body.insert(1, pad + "],");
        return send_request(fz::envelope(client, body, next_id(client), first));
      }
      case 6: {  // nested past the node's depth limit, msg_id first: answered with 12
        auto body = prof_.request(r_);
        std::size_t const depth = r_.chance(0.5) ? 65 + r_.below(100) : 5000 + r_.below(5000);
        body.insert(1, "\"deep\":" + std::string(depth, '[') + std::string(depth, ']') + ",");
        auto line = fz::envelope(client, body, next_id(client), true);
        expected_[{client, ids_[client]}] = {line.substr(0, 200), std::nullopt};
        return send_line(line);
      }
      case 7: {  // bytes that are not UTF-8 inside a string, msg_id first: answered with 12
        static std::vector<std::string> const bad{"\xff", "\xc3\x28", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc0\xaf", "\xe2\x82"};
        auto body = prof_.request(r_);
        body.insert(1, "\"note\":\"x" + r_.pick(bad) + "y\",");
        auto line = fz::envelope(client, body, next_id(client), true);
        expected_[{client, ids_[client]}] = {line, std::nullopt};
        return send_line(line);
      }
      case 8: return forge_service_reply();
      case 9: {  // a peer's message, from a peer or forged by a client
        std::string const src = r_.chance(0.6) ? (r_.chance(0.5) ? "n1" : "n2") : client;
        std::string const id = r_.chance(0.5) ? next_id(src) : "";
        return send_request(fz::envelope(src, prof_.peer_body(r_), id, first));
      }
      case 10: {  // init again: the same, or another identity (refused, identity kept)
        static std::vector<std::string> const inits{
            R"({"type":"init","node_id":"n0","node_ids":["n0","n1","n2"]})", R"({"type":"init","node_id":"n1","node_ids":["n0","n1","n2"]})",
            R"({"type":"init","node_id":"n0","node_ids":["n0"]})", R"({"type":"init","node_id":"","node_ids":[]})",
            R"({"type":"init","node_id":"n0","node_ids":"n0"})"};
        return send_request(fz::envelope("c0", r_.pick(inits), next_id("c0"), first));
      }
      case 11: {  // message ids that are no int64: not answerable, so never answered
        static std::vector<std::string> const ids{"\"7\"", "1.0", "18446744073709551615", "-9223372036854775809", "null", "[1]", "1e400"};
        auto body = prof_.request(r_);
        body.insert(1, std::string(r_.chance(0.5) ? "\"msg_id\":" : "\"in_reply_to\":") + r_.pick(ids) + ",");
        return send_line(fz::envelope(client, body, "", first));
      }
      case 12: {  // garbage lines
        switch (r_.below(4)) {
          case 0: return send_line(fz::random_value(r_, 4));
          case 1: { std::string s; for (std::size_t i = r_.below(200); i > 0; --i) s += char(1 + r_.below(255)); std::replace(s.begin(), s.end(), '\n', ' '); return send_line(s); }
          case 2: return send_line(r_.pick(fz::tokens()));
          default: return send_line(" \t ");
        }
      }
      case 13: {  // a request that also carries in_reply_to: still a request
        auto body = prof_.request(r_);
        body.insert(1, "\"in_reply_to\":" + std::to_string(r_.below(100)) + ",");
        return send_request(fz::envelope(client, body, next_id(client), first));
      }
      case 14: {  // several valid requests at once, to keep real state moving
        for (int i = 0; i < 5; ++i) send_request(valid_line(client, r_.chance(0.5)));
        return;
      }
      default: {  // time passes: timers fire (gossip, flushes, refreshes), service replies get forged
        auto const until = std::chrono::steady_clock::now() + std::chrono::milliseconds(100 + r_.below(500));
        while (std::chrono::steady_clock::now() < until) {
          answer_services(0.5);
          while (auto line = c_.read_line(20ms)) handle_output(*line);
        }
      }
    }
  }

  // A reply to one of the node's pending service requests (or to a made-up one), garbage in
  // value or type, from the service itself or forged by a client.
  void forge_service_reply() {
    std::optional<std::size_t> i;
    if (!kv_pending_.empty()) i = r_.below(kv_pending_.size());
    forge_reply(i);
  }
  void forge_reply(std::optional<std::size_t> pending) {
    bool const from_service = r_.chance(0.7);
    send_line(fz::forged_reply(r_, pending ? &kv_pending_[*pending] : nullptr, from_service));
    if (pending && from_service && !prof_.reliable_replies) kv_pending_.erase(kv_pending_.begin() + static_cast<std::ptrdiff_t>(*pending));
  }

  // Answers pending service requests as seq-kv would (each with probability p).
  void answer_services(double p) {
    std::deque<fz::jv> keep;
    for (auto& req : kv_pending_) {
      if (r_.chance(p)) send_line(kv_.answer(req));
      else keep.push_back(std::move(req));
    }
    kv_pending_ = std::move(keep);
    std::deque<std::string> later;
    for (auto& line : peer_pending_) {
      if (r_.chance(p)) send_line(line);
      else later.push_back(std::move(line));
    }
    peer_pending_ = std::move(later);
  }

  // Sends the probe and reads output until it is answered.
  void settle() {
    if (!c_.alive()) fail("the node died: " + c_.exit_description());
    std::string const id = next_id("c9");
    probe_id_ = std::stoll(id);
    probe_answered_ = false;
    send_line(fz::envelope("c9", "{\"type\":\"" + prof_.probe_type + "\",\"echo\":\"probe " + id + "\"" + prof_.probe_fields + "}", id, true));
    auto const until = std::chrono::steady_clock::now() + 5s;
    while (!probe_answered_) {
      // Quiet for 30 ms: the node may wait on a service or a peer, so they answer now.
      auto line = c_.read_line(30ms);
      if (line) {
        handle_output(*line);
        continue;
      }
      if (std::chrono::steady_clock::now() > until) {
        fail(c_.alive() ? "no answer to a valid " + prof_.probe_type + " within 5 s" : "the node died: " + c_.exit_description());
      }
      if (!c_.alive()) fail("the node died: " + c_.exit_description());
      answer_services(1.0);
    }
  }

  // Checks one output line and routes it.
  void handle_output(std::string const& line) {
    ++lines_out_;
    max_line_ = std::max(max_line_, line.size());
    std::optional<fz::jv> v;
    if (auto why = fz::envelope_problem(line, "n0", v)) fail(*why + ": " + shown(line));
    auto const* dest = v->get("dest");
    auto const* body = v->get("body");
    auto const* type = body->get("type");
    // Answers to clients are as large as what they ask for (a read returns the whole state);
    // what goes to peers and services is the node's own doing, and must stay bounded.
    if (is_service(dest->text) || is_node(dest->text)) {
      case_bytes_out_ += line.size() + 1;
      if (line.size() > (std::size_t{1} << 20)) fail("a line over 1 MiB to " + dest->text + " (it would answer 12): " + shown(line));
    }
    if (is_service(dest->text)) {
      if (!fz::as_int64(body->get("msg_id"))) fail("a service request without msg_id: " + shown(line));
      kv_pending_.push_back(std::move(*v));
      if (r_.chance(0.4)) forge_reply(kv_pending_.size() - 1);  // before the real answer, if any
      return;
    }
    auto const irt = fz::as_int64(body->get("in_reply_to"));
    if (is_node(dest->text) && prof_.check_to_peer) {
      if (auto why = prof_.check_to_peer(*body)) fail(*why + ": " + shown(line));
    }
    if (is_node(dest->text) && prof_.peer_answer && (prof_.reliable_replies || r_.chance(0.9))) {  // a live peer answers (or the answer is lost)
      if (auto a = prof_.peer_answer(*body); !a.empty()) {
        if (auto const id = fz::as_int64(body->get("msg_id"))) a.insert(a.size() - 1, ",\"in_reply_to\":" + std::to_string(*id));
        peer_pending_.push_back("{\"src\":\"" + dest->text + "\",\"dest\":\"n0\",\"body\":" + a + "}");
      }
    }
    if (is_node(dest->text) && !irt) return;  // gossip to peers: the fuzzer plays dead or live peers
    if (!irt) fail("a message to a client that answers nothing: " + shown(line));
    if (!sent_ids_.contains(*irt)) fail("an in_reply_to that names no msg_id ever sent: " + shown(line));
    if (dest->text == "c9" && *irt == probe_id_) {
      if (type->text != prof_.probe_ok && !(prof_.probe_may_fail && type->text == "error")) fail("the probe was answered with " + shown(line));
      if (type->text == "echo_ok" && (!body->get("echo") || body->get("echo")->text != "probe " + std::to_string(probe_id_))) {
        fail("the probe echo came back changed: " + shown(line));
      }
      probe_answered_ = true;
      return;
    }
    if (type->text == "generate_ok" && body->get("id") && !ids_seen_.insert(fz::canonical(*body->get("id"))).second) {
      fail("a duplicate id: " + shown(line));
    }
    auto it = expected_.find({dest->text, *irt});
    if (it == expected_.end()) return;  // an id a mutation made up
    if (it->second.echo && type->text == "echo_ok") {
      auto const* echo = body->get("echo");
      if (!echo || fz::canonical(*echo) != *it->second.echo) {
        fail("echo changed its payload:\n  sent " + shown(*it->second.echo) + "\n  got  " + shown(echo ? fz::canonical(*echo) : "nothing"));
      }
    }
    expected_.erase(it);
  }

  std::size_t total_cases() const {
    std::size_t n = 0;
    for (auto const& [k, c] : cases_) n += c;
    return n;
  }

  struct expectation {
    std::string line;
    std::optional<std::string> echo;  // canonical payload for an echo
  };

  fz::child c_;
  fz::profile prof_;
  fz::rng r_;
  std::string workload_;
  std::map<std::string, std::int64_t> ids_;
  std::map<std::pair<std::string, std::int64_t>, expectation> expected_;
  std::deque<fz::jv> kv_pending_;
  std::deque<std::string> peer_pending_;  // live peers' answers, not yet delivered
  fz::fake_kv kv_;
  std::set<std::string> ids_seen_;
  std::set<std::int64_t> sent_ids_;
  std::vector<std::string> case_lines_;
  std::map<std::size_t, std::size_t> cases_;
  std::size_t kind_ = 0, lines_out_ = 0, max_line_ = 0, case_bytes_out_ = 0, max_case_out_ = 0;
  std::int64_t probe_id_ = 0;
  bool probe_answered_ = false;
};


}  // namespace glomers::fuzz
