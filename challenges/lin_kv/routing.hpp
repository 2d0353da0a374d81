// Client routing for lin-kv: what a node that is not the leader does with a client request.
//   forward<TimeoutMs, UnknownCode>: pass it to the leader it knows, relay the answer (a leader
//     silent for TimeoutMs: error 0, indefinite); with no leader known, answer UnknownCode at
//     once (11 temporarily-unavailable: definite, the client may try elsewhere).
//   refuse: answer 11 at once; only the leader serves.
#pragma once

#include <cstdint>

namespace glomers::lin_kv {

template <std::int64_t TimeoutMs, std::int64_t UnknownCode = 11>
struct forward {
  static constexpr bool forwards = true;
  static constexpr std::int64_t timeout_ms = TimeoutMs;
  static constexpr std::int64_t unknown_leader_code = UnknownCode;
};

struct refuse {
  static constexpr bool forwards = false;
  static constexpr std::int64_t timeout_ms = 0;
  static constexpr std::int64_t unknown_leader_code = 11;
};

}  // namespace glomers::lin_kv
