// Client routing for lin-kv: what a node that is not the leader does with a client request.
//   forward<TimeoutMs, UnknownCode, HoldMs>: pass it to the leader it knows, relay the answer (a
//     leader silent for TimeoutMs: error 0, indefinite); with no leader known, answer UnknownCode
//     (11 temporarily-unavailable: definite, the client may try elsewhere) at once, or, with
//     HoldMs > 0, after holding the request up to HoldMs for an election to name a leader.
//   refuse: answer 11 at once; only the leader serves.
#pragma once

#include <cstdint>

namespace glomers::raft_kv {

//     With AtOrigin, a forwarded command carries its origin; the peers copy their append answers
//     to it, so it learns the commit and answers from its own state one one-way latency before
//     the leader's answer could arrive (which stays the fallback).
template <std::int64_t TimeoutMs, std::int64_t UnknownCode = 11, std::int64_t HoldMs = 0, bool AtOrigin = false>
struct forward {
  static constexpr bool forwards = true;
  static constexpr std::int64_t timeout_ms = TimeoutMs;
  static constexpr std::int64_t unknown_leader_code = UnknownCode;
  static constexpr std::int64_t hold_ms = HoldMs;
  static constexpr bool answers_at_origin = AtOrigin;
};

struct refuse {
  static constexpr bool forwards = false;
  static constexpr bool answers_at_origin = false;
  static constexpr std::int64_t timeout_ms = 0;
  static constexpr std::int64_t unknown_leader_code = 11;
  static constexpr std::int64_t hold_ms = 0;
};

}  // namespace glomers::raft_kv
