// The fuzzer's profiles of challenges 5 and 6 and of lin-kv: valid requests (kafka send, poll,
// commit_offsets, list_committed_offsets; lin-kv read, write, cas; txn micro-ops r/w or r/append),
// forged peer messages of every design's wire protocol, and the answers a live peer would give
// (Raft votes and appends, replication acks), so a node that needs a quorum or an owner serves.
#pragma once

#include "tests/fuzz/cases.hpp"

#include <memory>
#include <stdexcept>

namespace glomers::fuzz {

inline std::string num(rng& r, std::size_t below) { return std::to_string(r.below(below)); }
// A small value most of the time, anything a number can be otherwise.
inline std::string odd(rng& r) { return r.chance(0.7) ? num(r, 10) : random_number(r); }
inline std::string key_text(rng& r) { return "\"k" + num(r, 5) + "\""; }

// A live peer's answer body to a node's message to it (without in_reply_to), or "" for none.
using peer_answer_fn = std::function<std::string(jv const& body)>;

inline std::string member(jv const& body, char const* k, std::string const& fallback = "0") {
  auto const* v = body.get(k);
  return v ? dump(*v) : fallback;
}

inline profile kafka_profile() {
  profile p{{"forward_send", "forward_send_ok", "forward_poll", "forward_poll_ok", "owner_replicate", "owner_replicate_ok",
             "replicate", "replicate_ok", "forward", "forward_ok"},
            [](rng& r) -> std::string {
              auto const k = key_text(r);
              switch (r.below(4)) {
                case 0: return "{\"type\":\"send\",\"key\":" + k + ",\"msg\":" + num(r, 1000) + "}";
                case 1: return "{\"type\":\"poll\",\"offsets\":{" + k + ":" + num(r, 10) + "}}";
                case 2: return "{\"type\":\"commit_offsets\",\"offsets\":{" + k + ":" + num(r, 10) + "}}";
                default: return "{\"type\":\"list_committed_offsets\",\"keys\":[" + k + "," + key_text(r) + "]}";
              }
            },
            [](rng& r) -> std::string {
              auto const k = r.chance(0.8) ? key_text(r) : random_string(r);
              auto const entries = "{" + k + ":[[" + odd(r) + "," + random_value(r, 1) + "]," + random_value(r, 1) + "]}";
              switch (r.below(7)) {
                case 0: return "{\"type\":\"forward_send\",\"key\":" + k + ",\"msg\":" + random_value(r) + "}";
                case 1: return "{\"type\":\"forward_poll\",\"offsets\":{" + k + ":" + odd(r) + "}}";
                case 2: return "{\"type\":\"owner_replicate\",\"entries\":" + entries + "}";
                case 3: return "{\"type\":\"replicate\",\"entries\":" + entries + ",\"watermark\":" + odd(r) + "}";
                case 4: return "{\"type\":\"forward_send_ok\",\"offset\":" + odd(r) + ",\"in_reply_to\":" + num(r, 30) + "}";
                case 5: return "{\"type\":\"forward\",\"key\":" + k + ",\"msg\":" + random_value(r) + "}";
                default: return "{\"type\":\"send\",\"key\":" + k + ",\"msg\":" + random_value(r) + "}";
              }
            },
            "list_committed_offsets", "list_committed_offsets_ok", R"(,"keys":[])"};
  return p;
}

// A live kafka peer: acknowledges replication, owns keys it is asked about (offsets counting up).
inline peer_answer_fn kafka_peer() {
  auto next = std::make_shared<std::int64_t>(0);
  return [next](jv const& body) -> std::string {
    auto const* type = body.get("type");
    std::string const t = type && type->is_string() ? type->text : "";
    if (t == "replicate" || t == "owner_replicate") return "{\"type\":\"" + t + "_ok\"}";
    if (t == "forward_send" || t == "forward") return "{\"type\":\"" + t + "_ok\",\"offset\":" + std::to_string(++*next) + "}";
    if (t == "forward_poll") return R"({"type":"forward_poll_ok","msgs":{}})";
    return "";
  };
}

inline profile lin_kv_profile() {
  profile p{{"raft_vote", "raft_vote_ok", "raft_append", "raft_append_ok", "raft_snapshot", "raft_snapshot_ok"},
            [](rng& r) -> std::string {
              auto const k = num(r, 5);
              switch (r.below(3)) {
                case 0: return "{\"type\":\"read\",\"key\":" + k + "}";
                case 1: return "{\"type\":\"write\",\"key\":" + k + ",\"value\":" + num(r, 100) + "}";
                default:
                  return "{\"type\":\"cas\",\"key\":" + k + ",\"from\":" + num(r, 100) + ",\"to\":" + num(r, 100) +
                         (r.chance(0.3) ? ",\"create_if_not_exists\":true}" : "}");
              }
            },
            [](rng& r) -> std::string {
              // Terms stay near the real ones most of the time, so forged leaders get followed.
              auto const term = r.chance(0.7) ? num(r, 40) : random_number(r);
              static std::vector<std::string> const fs{"\"read\"", "\"write\"", "\"cas\"", "\"x\"", "1", "null"};
              auto const command = r.chance(0.6) ? "{\"f\":" + r.pick(fs) + ",\"key\":" + odd(r) + ",\"value\":" + random_value(r, 1) +
                                                     ",\"from\":" + odd(r) + ",\"to\":" + odd(r) + "}"
                                                 : random_value(r, 2);
              auto const entry = "[" + num(r, 40) + "," + command + "]";
              switch (r.below(6)) {
                case 0: return "{\"type\":\"raft_vote\",\"term\":" + term + ",\"last_log_index\":" + odd(r) + ",\"last_log_term\":" + odd(r) + ",\"pre_vote\":" + (r.chance(0.5) ? "true" : "false") + "}";
                case 1: return "{\"type\":\"raft_vote_ok\",\"term\":" + term + ",\"granted\":true,\"pre_vote\":" + (r.chance(0.5) ? "true" : "false") + "}";
                case 2:
                  return "{\"type\":\"raft_append\",\"term\":" + term + ",\"seq\":" + odd(r) + ",\"prev_index\":" + odd(r) + ",\"prev_term\":" + odd(r) +
                         ",\"entries\":[" + (r.chance(0.7) ? entry : random_value(r, 2)) + "],\"commit\":" + odd(r) + "}";
                case 3: return "{\"type\":\"raft_append_ok\",\"term\":" + term + ",\"seq\":" + odd(r) + ",\"prev_index\":" + odd(r) + ",\"success\":" + (r.chance(0.5) ? "true" : "false") + ",\"match\":" + odd(r) + "}";
                case 4: return "{\"type\":\"raft_snapshot\",\"term\":" + term + ",\"seq\":" + odd(r) + ",\"index\":" + odd(r) + ",\"snap_term\":" + odd(r) + ",\"state\":" + random_value(r) + "}";
                default: return "{\"type\":\"raft_snapshot_ok\",\"term\":" + term + ",\"seq\":" + odd(r) + ",\"match\":" + odd(r) + "}";
              }
            },
            "write", "write_ok", R"(,"key":-1,"value":1)"};
  p.probe_may_fail = true;  // 11 while an election runs (forged leaders unseat it) is an answer
  return p;
}

// Live Raft peers: grant every vote, store every append, and answer a forwarded client request
// as a leader that just lost office would (11).
inline peer_answer_fn raft_peer() {
  return [](jv const& body) -> std::string {
    auto const* type = body.get("type");
    std::string const t = type && type->is_string() ? type->text : "";
    if ((t == "read" || t == "write" || t == "cas") && body.get("msg_id")) return R"({"type":"error","code":11})";
    if (t == "raft_vote") {
      return "{\"type\":\"raft_vote_ok\",\"term\":" + member(body, "term") + ",\"granted\":true,\"pre_vote\":" + member(body, "pre_vote", "false") + "}";
    }
    if (t == "raft_append") {
      auto const prev = as_int64(body.get("prev_index")).value_or(0);
      auto const* entries = body.get("entries");
      auto const n = entries && entries->kind == jv::array ? static_cast<std::int64_t>(entries->items.size()) : 0;
      return "{\"type\":\"raft_append_ok\",\"term\":" + member(body, "term") + ",\"seq\":" + member(body, "seq") + ",\"prev_index\":" +
             std::to_string(prev) + ",\"success\":true,\"match\":" + std::to_string(prev + n) + "}";
    }
    if (t == "raft_snapshot") {
      return "{\"type\":\"raft_snapshot_ok\",\"term\":" + member(body, "term") + ",\"seq\":" + member(body, "seq") + ",\"match\":" + member(body, "index") + "}";
    }
    return "";
  };
}

inline profile txn_profile(bool lists) {
  std::string const w = lists ? "append" : "w";
  profile p{{"replicate", "digest", "appends", "append_digest"},
            [w](rng& r) -> std::string {
              std::string s = "{\"type\":\"txn\",\"txn\":[";
              for (std::size_t i = 1 + r.below(4); i > 0; --i) {
                s += r.chance(0.5) ? "[\"r\"," + num(r, 8) + ",null]" : "[\"" + w + "\"," + num(r, 8) + "," + num(r, 1000) + "]";
                if (i > 1) s += ",";
              }
              return s + "]}";
            },
            [](rng& r) -> std::string {
              auto const list = [&r](int n) {
                std::string s = "[";
                for (int i = 0; i < n; ++i) s += (i ? "," : "") + odd(r);
                return s + "]";
              };
              switch (r.below(5)) {
                case 0: return "{\"type\":\"replicate\",\"writes\":[" + list(6) + "," + list(static_cast<int>(r.below(8))) + "]}";
                case 1: return "{\"type\":\"digest\",\"versions\":[" + list(5) + "]" + (r.chance(0.5) ? ",\"reply\":true}" : "}");
                case 2: return "{\"type\":\"appends\",\"writes\":[" + list(6) + "],\"count\":" + odd(r) + ",\"clock\":" + list(3) + "}";
                case 3: return "{\"type\":\"append_digest\",\"have\":[" + list(2) + "],\"count\":" + odd(r) + ",\"clock\":" + list(3) + "}";
                default: return "{\"type\":\"txn\",\"txn\":[[\"r\"," + random_value(r, 1) + "," + random_value(r, 1) + "]]}";
              }
            },
            "txn", "txn_ok", R"(,"txn":[["r",0,null]])"};
  return p;
}

// Every workload's profile, by Maelstrom workload name.
inline profile profile_of(std::string const& workload, int big_values) {
  if (workload == "kafka") {
    auto p = kafka_profile();
    p.peer_answer = kafka_peer();
    p.reliable_replies = true;  // the original's lin-kv calls and forwards have no deadline
    return p;
  }
  if (workload == "lin-kv") {
    auto p = lin_kv_profile();
    p.peer_answer = raft_peer();
    p.reliable_replies = true;  // mini-etcd's followers forward without a deadline of their own
    return p;
  }
  if (workload == "txn-rw-register" || workload == "txn-list-append") return txn_profile(workload == "txn-list-append");
  if (workload == "echo" || workload == "unique-ids" || workload == "broadcast" || workload == "g-counter" || workload == "pn-counter") {
    return profile_for(workload, big_values);
  }
  throw std::invalid_argument("the fuzzer knows no workload " + workload);
}

}  // namespace glomers::fuzz
