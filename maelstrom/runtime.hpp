// The runtime concept (runtime_policy): everything a node may touch of the outside world.
//
// A node never does I/O, reads a clock, starts a thread or draws randomness by itself; it asks
// its runtime. runtime::stdio is the real one (Maelstrom's pipes and the steady clock);
// runtime::manual is driven by hand (tests), and a simulated runtime plugs in the same way.
//
// Required expressions, for a runtime r:
//   r.now()            -> std::chrono::nanoseconds   time since the runtime started; monotonic
//   r.send(message)                                  hand one message to the network; never
//                                                    delivers anything back inline
//   r.after(d, fn)     -> timer_id                   run fn once, from the run loop, >= d later
//   r.cancel(timer_id) -> bool                       false when it already ran or was cancelled
//   r.log(text)                                      one diagnostic line (stderr for stdio)
//   r.random()         -> std::uint64_t              the runtime's random source (seeded in
//                                                    simulation, so runs replay)
//   r.storage()        -> node_store&                records that may outlive the process
//                                                    (maelstrom/runtime/storage.hpp): a
//                                                    directory the host names in
//                                                    GLOMERS_DATA_DIR under stdio, a store the
//                                                    simulator keeps per node id across kills;
//                                                    memory only when the host offers none
#pragma once

#include "maelstrom/message.hpp"
#include "maelstrom/runtime/storage.hpp"

#include <chrono>
#include <concepts>
#include <cstdint>
#include <functional>
#include <string_view>

namespace glomers {

using timer_id = std::uint64_t;

template <class R>
concept runtime_policy = requires(R& r, message m, std::chrono::nanoseconds d, timer_id t,
                           std::function<void()> fn, std::string_view text) {
  { r.now() } -> std::same_as<std::chrono::nanoseconds>;
  r.send(std::move(m));
  { r.after(d, std::move(fn)) } -> std::same_as<timer_id>;
  { r.cancel(t) } -> std::same_as<bool>;
  r.log(text);
  { r.random() } -> std::same_as<std::uint64_t>;
  { r.storage() } -> std::same_as<node_store&>;
};

}  // namespace glomers
