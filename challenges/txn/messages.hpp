// Wire messages of the txn workloads (txn-rw-register, txn-list-append).
//
// Client:   txn {txn: [["r", k, null], ["w", k, v], ...]}  ->  txn_ok {txn: [["r", k, v|null], ...]}
// txn-list-append: ["append", k, v] for writes, reads return the list (or null).
// Replicas: replicate {writes: [[k, v, wall_ms, logical, node, seq], ...]}: versioned writes,
//           applied at once on receipt (whole write sets: a transaction is never split);
//           digest {versions: [[k, wall_ms, logical, node, seq], ...], reply?}: the version of every key
//           the sender holds, for anti-entropy (the receiver pushes what it has newer, and asks
//           back with its own digest, reply: true, when the sender has something newer);
//           appends, append_digest: txn-list-append's replication and repair (below).
#pragma once

#include "maelstrom/errors.hpp"
#include "maelstrom/json.hpp"
#include "policies/isolation.hpp"
#include "policies/replication.hpp"

#include <boost/describe/class.hpp>

#include <optional>
#include <string_view>
#include <vector>

namespace glomers::txn_msgs {

struct replicate {
  static constexpr std::string_view type = "replicate";
  std::vector<std::vector<std::int64_t>> writes;
};
BOOST_DESCRIBE_STRUCT(replicate, (), (writes))

struct digest {
  static constexpr std::string_view type = "digest";
  std::vector<std::vector<std::int64_t>> versions;
  std::optional<bool> reply;
  std::optional<std::int64_t> lo;  // the keys it covers: [lo, hi] (absent: every key)
  std::optional<std::int64_t> hi;
};
BOOST_DESCRIBE_STRUCT(digest, (), (versions, reply, lo, hi))

// txn-list-append. appends: versioned appends (version seq = the origin's append index), the
// origin's append count and a fresh clock stamp [wall_ms, logical, node] (it will never stamp
// an append at or below it again). append_digest: per origin, how many of its appends the sender
// holds without a gap ([origin, count]), and the sender's own count and clock.
struct appends {
  static constexpr std::string_view type = "appends";
  std::vector<std::vector<std::int64_t>> writes;
  std::int64_t count;
  std::vector<std::int64_t> clock;
};
BOOST_DESCRIBE_STRUCT(appends, (), (writes, count, clock))

struct append_digest {
  static constexpr std::string_view type = "append_digest";
  std::vector<std::vector<std::int64_t>> have;
  std::int64_t count;
  std::vector<std::int64_t> clock;
};
BOOST_DESCRIBE_STRUCT(append_digest, (), (have, count, clock))

[[noreturn]] inline void malformed(std::string const& what) { throw error(error_code::malformed_request, what); }

// The micro-operations of a txn request; error 12 for anything but reads and writes (named
// write_f: "w" for registers, "append" for lists) on integer keys.
inline std::vector<mop> parse_txn(json::object const& body, std::string_view write_f = "w") {
  auto const* t = body.if_contains("txn");
  if (!t || !t->is_array()) malformed("txn: expected an array of micro-operations");
  std::vector<mop> out;
  out.reserve(t->get_array().size());
  for (auto const& e : t->get_array()) {
    auto const* a = e.if_array();
    if (!a || a->size() != 3 || !(*a)[0].is_string() || !(*a)[1].is_int64()) malformed("txn: expected [f, key, value]");
    auto const f = std::string_view((*a)[0].get_string());
    mop m{mop::kind::read, (*a)[1].get_int64(), std::nullopt};
    if (f == write_f) {
      if (!(*a)[2].is_int64()) malformed("txn: a write needs an integer value");
      m.f = mop::kind::write;
      m.value = (*a)[2].get_int64();
    } else if (f != "r") {
      malformed("txn: unsupported micro-operation " + std::string(f));
    }
    out.push_back(m);
  }
  return out;
}

inline json::object txn_ok(std::vector<mop> const& results) {
  json::array txn;
  for (auto const& m : results) {
    json::value v = m.value ? json::value(*m.value) : json::value(nullptr);
    txn.push_back(json::array{m.f == mop::kind::write ? "w" : "r", m.key, v});
  }
  return json::object{{"type", "txn_ok"}, {"txn", std::move(txn)}};
}

inline std::vector<std::int64_t> encode(stamped_write const& w) {
  auto const& v = w.version;
  return {w.key, w.value, v.at.wall_ms, v.at.logical, v.at.node, v.seq};
}

inline stamped_write decode_write(std::vector<std::int64_t> const& e) {
  if (e.size() != 6) malformed("replicate: a write is [key, value, wall_ms, logical, node, seq]");
  return {e[0], e[1], {{e[2], e[3], e[4]}, e[5]}};
}

// Every write of a replicate or appends message, or error 12 before any is applied.
inline std::vector<stamped_write> decode_writes(std::vector<std::vector<std::int64_t>> const& es) {
  std::vector<stamped_write> out;
  out.reserve(es.size());
  for (auto const& e : es) out.push_back(decode_write(e));
  return out;
}

// A digest entry: [key, wall_ms, logical, node, seq].
inline std::vector<std::int64_t> digest_entry(std::int64_t key, detail::version_stamp const& v) {
  return {key, v.at.wall_ms, v.at.logical, v.at.node, v.seq};
}

inline std::pair<std::int64_t, detail::version_stamp> decode_digest_entry(std::vector<std::int64_t> const& e) {
  if (e.size() != 5) malformed("digest: a version is [key, wall_ms, logical, node, seq]");
  return {e[0], {{e[1], e[2], e[3]}, e[4]}};
}

inline replicate replicate_of(std::vector<stamped_write> const& writes) {
  replicate out;
  out.writes.reserve(writes.size());
  for (auto const& w : writes) out.writes.push_back(encode(w));
  return out;
}

}  // namespace glomers::txn_msgs
