// The stored form of a Raft node's hard state (term, vote, snapshot, log), and its strict reader.
//
//   glomers-raft-state 1 <body bytes> <crc32 of the body, 8 hex digits>\n
//   {"term":T,"voted_for":"n2","snapshot":{"index":I,"term":S,"state":...},"entries":[[t,cmd],...]}
//
// The header's length and checksum catch a truncated or damaged record; the body is then read
// strictly: exactly these keys and types, terms and indexes that a real Raft log can have (the
// snapshot's term at most the first entry's, entry terms never decreasing nor above the node's
// term). Anything else is a persistence_error naming what is wrong.
#pragma once

#include "maelstrom/json.hpp"
#include "policies/consensus/persistence.hpp"

#include <boost/crc.hpp>

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <string>
#include <string_view>

namespace glomers::persistence::record {

inline constexpr std::string_view magic = "glomers-raft-state 1 ";

inline std::uint32_t crc32(std::string_view bytes) {
  boost::crc_32_type crc;
  crc.process_bytes(bytes.data(), bytes.size());
  return crc.checksum();
}

inline std::string encode(raft_hard_state const& hs) {
  auto const& log = hs.log;
  json::array entries;
  for (raft_index i = log.first_index(); i <= log.last_index(); ++i) {
    auto const& e = log.at(i);
    entries.push_back(json::array{e.term, e.command});
  }
  auto const& snap = log.last_snapshot();
  auto const body = boost::json::serialize(json::object{
      {"term", hs.term},
      {"voted_for", hs.voted_for},
      {"snapshot", json::object{{"index", snap.index}, {"term", snap.term}, {"state", snap.state}}},
      {"entries", std::move(entries)}});
  char crc[9];
  std::snprintf(crc, sizeof crc, "%08x", static_cast<unsigned>(crc32(body)));
  return std::string(magic) + std::to_string(body.size()) + " " + crc + "\n" + body;
}

namespace detail {

[[noreturn]] inline void bad(std::string const& why) { throw persistence_error(why); }

inline json::object const& exact_object(json::value const& v, std::string const& what,
                                        std::initializer_list<std::string_view> keys) {
  if (!v.is_object()) bad(what + " is not an object");
  auto const& o = v.get_object();
  for (auto k : keys)
    if (!o.contains(k)) bad(what + " has no \"" + std::string(k) + "\"");
  if (o.size() != keys.size()) bad(what + " has keys besides the " + std::to_string(keys.size()) + " expected");
  return o;
}

inline std::int64_t count(json::value const& v, std::string const& what) {
  if (v.is_int64() && v.get_int64() >= 0) return v.get_int64();
  if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) return static_cast<std::int64_t>(v.get_uint64());
  bad(what + " is not a non-negative integer");
}

}  // namespace detail

// The hard state in bytes written by encode(); persistence_error for anything else.
inline raft_hard_state decode(std::string_view bytes) {
  using detail::bad;
  auto const nl = bytes.find('\n');
  if (nl == std::string_view::npos || !bytes.starts_with(magic)) bad("no glomers-raft-state 1 header");
  auto const header = bytes.substr(magic.size(), nl - magic.size());
  auto const body = bytes.substr(nl + 1);
  std::size_t length = 0;
  auto const [end, ec] = std::from_chars(header.data(), header.data() + header.size(), length);
  auto const rest = header.substr(static_cast<std::size_t>(end - header.data()));
  std::uint32_t crc = 0;
  if (ec != std::errc{} || rest.size() != 9 || rest[0] != ' ' ||
      std::from_chars(rest.data() + 1, rest.data() + 9, crc, 16).ptr != rest.data() + 9) {
    bad("a malformed header");
  }
  if (body.size() != length) {
    bad("a body of " + std::to_string(body.size()) + " bytes where the header says " + std::to_string(length) + " (truncated?)");
  }
  if (crc32(body) != crc) bad("a checksum mismatch (damaged)");
  boost::system::error_code jec;
  auto const v = boost::json::parse(body, jec);
  if (jec) bad("a body that is not JSON: " + jec.message());

  auto const& o = detail::exact_object(v, "the record", {"term", "voted_for", "snapshot", "entries"});
  raft_hard_state hs;
  hs.term = detail::count(o.at("term"), "term");
  if (!o.at("voted_for").is_string()) bad("voted_for is not a string");
  hs.voted_for = std::string(o.at("voted_for").get_string());
  if (!hs.voted_for.empty() && hs.term == 0) bad("a vote in term 0");
  auto const& s = detail::exact_object(o.at("snapshot"), "the snapshot", {"index", "term", "state"});
  raft_snapshot snap{detail::count(s.at("index"), "the snapshot index"), detail::count(s.at("term"), "the snapshot term"),
                     s.at("state")};
  if (snap.term > hs.term) bad("a snapshot term above the node's term");
  if (snap.index == 0 && (snap.term != 0 || !snap.state.is_null())) bad("a snapshot at index 0 with a term or a state");
  if (snap.index > 0 && snap.term == 0) bad("a snapshot of entries without a term");
  if (snap.index > 0) hs.log.install(std::move(snap));
  if (!o.at("entries").is_array()) bad("entries is not an array");
  raft_term last = hs.log.snapshot_term();
  for (auto const& e : o.at("entries").get_array()) {
    if (!e.is_array() || e.get_array().size() != 2) bad("an entry that is not [term, command]");
    auto const t = detail::count(e.get_array()[0], "an entry's term");
    if (t == 0 || t < last || t > hs.term) bad("entry " + std::to_string(hs.log.last_index() + 1) + " has term " + std::to_string(t) +
                                             " (previous " + std::to_string(last) + ", node term " + std::to_string(hs.term) + ")");
    last = t;
    hs.log.append(raft_entry{t, e.get_array()[1]});
  }
  return hs;
}

}  // namespace glomers::persistence::record
