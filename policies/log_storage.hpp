// Role: log_storage, for kafka. Per-key append-only logs with sparse offsets, and each key's
// committed offset.
//
// Pure: a value type; no I/O, no clock. A message, once stored at an offset, never changes or
// leaves (what the checker calls the version order is built from exactly these pairs).
//
// Required expressions, for a log storage type S, s of type S, cs a const S:
//   s.insert(key, offset, msg) -> bool
//     stores msg at offset (any offset, not only past the end: replicas receive out of order);
//     false, changing nothing, when that offset already holds a message.
//   cs.last_offset(key) -> std::optional<std::int64_t>   the highest offset holding a message
//   cs.read(key, from, below) -> std::vector<log_entry>
//     the stored pairs with from <= offset < below, ascending, at most S::poll_max of them (a
//     bulk poll: a poll answers a contiguous run, never the whole log at once)
//   cs.size(key) -> std::size_t                           messages stored for key
//   s.commit(key, offset)                                 the committed offset becomes at least offset
//   cs.committed(key) -> std::optional<std::int64_t>      none when nothing was committed
//   S::poll_max -> std::size_t
//
// Models: log_storage::ordered_map<PollMax> (a tree per key: inserts anywhere in O(log n)),
// log_storage::sorted_vector<PollMax> (a sorted array per key: appends at the end in O(1),
// contiguous reads; inserts behind the end shift).
#pragma once

#include "maelstrom/json.hpp"
#include "policies/role.hpp"

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace glomers {

struct log_entry {
  std::int64_t offset;
  json::value msg;
  friend bool operator==(log_entry const&, log_entry const&) = default;
};

// On the wire an entry is Maelstrom's [offset, msg] pair.
inline void tag_invoke(boost::json::value_from_tag, json::value& v, log_entry const& e) {
  v = json::array{e.offset, e.msg};
}
inline log_entry tag_invoke(boost::json::value_to_tag<log_entry>, json::value const& v) {
  auto const* a = v.if_array();
  if (!a || a->size() != 2 || !(*a)[0].is_int64()) throw json::decode_error("expected an [offset, msg] pair");
  return {(*a)[0].get_int64(), (*a)[1]};
}

template <class S>
concept log_storage_policy = plays<S, roles::log_storage> && std::default_initializable<S> &&
    requires(S& s, S const& cs, std::string const& key, std::int64_t offset, json::value const& msg) {
      { s.insert(key, offset, msg) } -> std::same_as<bool>;
      { cs.last_offset(key) } -> std::same_as<std::optional<std::int64_t>>;
      { cs.read(key, offset, offset) } -> std::same_as<std::vector<log_entry>>;
      { cs.size(key) } -> std::same_as<std::size_t>;
      s.commit(key, offset);
      { cs.committed(key) } -> std::same_as<std::optional<std::int64_t>>;
      { S::poll_max } -> std::convertible_to<std::size_t>;
    };

}  // namespace glomers
