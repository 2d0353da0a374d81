// The kafka client's pure parts (Maelstrom's kafka Client, spec §6.7): its per-client offsets,
// the RPC bodies, and the strict response schemas. A client keeps, per assigned key, the next
// offset to poll; a poll advances it past everything returned and then commits the highest
// offsets returned, in the same op.
#pragma once

#include "harness/workload.hpp"

#include <map>
#include <string>

namespace glomers::harness::kafka {

struct client_offsets {
  std::map<std::string, std::int64_t> next;  // assigned key -> offset to poll from

  json::object as_json() const {
    json::object o;
    for (auto const& [k, v] : next) o[k] = v;
    return o;
  }
};

namespace detail {

inline bool is_int(json::value const& v) { return v.is_int64() || v.is_uint64(); }
inline std::int64_t int_of(json::value const& v) {
  return v.is_uint64() ? static_cast<std::int64_t>(v.get_uint64()) : v.get_int64();
}
[[noreturn]] inline void malformed(std::string const& why, json::object const& reply) {
  throw schema_error("Malformed RPC response: " + why + " in " + boost::json::serialize(reply));
}

}  // namespace detail

// send_ok {offset: int}
inline std::int64_t send_ok_offset(json::object const& reply) {
  check_reply_schema(reply, "send_ok", {{"offset", field_kind::integer}});
  return detail::int_of(reply.at("offset"));
}

// poll_ok {msgs: {key: [[offset:int, msg], ...]}}
inline json::object const& poll_ok_msgs(json::object const& reply) {
  check_reply_schema(reply, "poll_ok", {{"msgs", field_kind::object}});
  auto const& msgs = reply.at("msgs").get_object();
  for (auto const& [k, pairs] : msgs) {
    if (!pairs.is_array()) detail::malformed("msgs of key " + std::string(k) + " must be a sequence", reply);
    for (auto const& p : pairs.get_array()) {
      if (!p.is_array() || p.get_array().size() != 2 || !detail::is_int(p.get_array()[0])) {
        detail::malformed("msgs of key " + std::string(k) + " must hold [offset, msg] pairs", reply);
      }
    }
  }
  return msgs;
}

// list_committed_offsets_ok {offsets: {key: int}}
inline json::object const& committed_offsets(json::object const& reply) {
  check_reply_schema(reply, "list_committed_offsets_ok", {{"offsets", field_kind::object}});
  auto const& offsets = reply.at("offsets").get_object();
  for (auto const& [k, o] : offsets) {
    if (!detail::is_int(o)) detail::malformed("offset of key " + std::string(k) + " must be an integer", reply);
  }
  return offsets;
}

// commit_offsets_ok {}
inline void check_commit_ok(json::object const& reply) { check_reply_schema(reply, "commit_offsets_ok", {}); }

// An assign keeps the offsets of keys still assigned, takes the committed offset (or 0) for the
// others, and drops the rest; seek-to-beginning (committed == nullptr) rewinds every key to 0.
inline void assign(client_offsets& c, json::value const& keys, json::object const* committed) {
  std::map<std::string, std::int64_t> next;
  if (keys.is_array()) {
    for (auto const& kv : keys.get_array()) {
      if (!kv.is_string()) continue;
      std::string k(kv.get_string());
      auto it = c.next.find(k);
      if (committed && it != c.next.end()) {
        next[k] = it->second;
      } else if (auto const* o = committed ? committed->if_contains(k) : nullptr) {
        next[k] = detail::int_of(*o);
      } else {
        next[k] = 0;
      }
    }
  }
  c.next = std::move(next);
}

// After a poll: every returned key moves past its highest returned offset (an empty list: to 0
// at least). Returns the commit_offsets map: the highest offset returned per non-empty key.
inline json::object advance(client_offsets& c, json::object const& msgs) {
  json::object commit;
  for (auto const& [k, pairs] : msgs) {
    std::int64_t hi = -1;
    for (auto const& p : pairs.get_array()) hi = std::max(hi, detail::int_of(p.get_array()[0]));
    auto [it, fresh] = c.next.try_emplace(std::string(k), hi + 1);
    if (!fresh) it->second = std::max(it->second, hi + 1);
    if (!pairs.get_array().empty()) commit[k] = std::max<std::int64_t>(0, hi);
  }
  return commit;
}

}  // namespace glomers::harness::kafka
