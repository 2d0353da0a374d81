// The kafka checker's view of a history (Jepsen's jepsen.tests.kafka analysis): keys and messages
// interned to small integers, each op's sends and polls parsed once, and the indexes every
// analysis shares (writer of each message, messages read by ok polls, failed sends, first reader).
#pragma once

#include "harness/history.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace glomers::harness::kafka {

// The analysis cannot go on (Jepsen throws): the checker answers "unknown" with this message.
class analysis_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr std::int64_t no_offset = std::numeric_limits<std::int64_t>::min();
inline constexpr std::int64_t no_op = -1;

struct read_pair {
  std::int64_t offset;  // no_offset when the history gave none
  int value;
};
struct key_reads {
  int key;
  std::vector<read_pair> pairs;  // in the order the poll returned them
};
struct key_send {
  int key;
  std::int64_t offset;  // no_offset for a send without a known offset (info, fail)
  int value;
};
// What one op sent and polled, as Jepsen's op-writes / op-reads see it.
struct op_io {
  std::vector<key_send> sends;
  std::vector<key_reads> reads;  // one entry per key, first-appearance order
};

// Keys and messages as small integers. Messages compare as Clojure would sort them: numbers by
// value, before anything else, which sorts by its JSON text.
class interner {
 public:
  int key(std::string const& name) {
    auto [it, fresh] = key_ids_.try_emplace(name, static_cast<int>(keys_.size()));
    if (fresh) keys_.push_back(name);
    return it->second;
  }
  int key(json::value const& k) {
    if (k.is_string()) return key(std::string(k.get_string()));
    return key(boost::json::serialize(k));
  }
  // The id of a key already seen, or -1.
  int find_key(json::value const& k) const {
    auto it = key_ids_.find(k.is_string() ? std::string(k.get_string()) : boost::json::serialize(k));
    return it == key_ids_.end() ? -1 : it->second;
  }
  std::string const& key_name(int k) const { return keys_[static_cast<std::size_t>(k)]; }
  std::size_t key_count() const noexcept { return keys_.size(); }

  int value(json::value const& v) {
    if (v.is_int64()) {
      auto [it, fresh] = ints_.try_emplace(v.get_int64(), static_cast<int>(values_.size()));
      if (fresh) values_.push_back(v);
      return it->second;
    }
    auto [it, fresh] = others_.try_emplace(boost::json::serialize(v), static_cast<int>(values_.size()));
    if (fresh) values_.push_back(v);
    return it->second;
  }
  json::value const& value_json(int v) const { return values_[static_cast<std::size_t>(v)]; }

  bool value_less(int a, int b) const {
    auto const& x = value_json(a);
    auto const& y = value_json(b);
    if (x.is_int64() && y.is_int64()) return x.get_int64() < y.get_int64();
    if (x.is_number() != y.is_number()) return x.is_number();
    if (x.is_number()) return x.to_number<double>() < y.to_number<double>();
    return boost::json::serialize(x) < boost::json::serialize(y);
  }

 private:
  std::unordered_map<std::string, int> key_ids_;
  std::vector<std::string> keys_;
  std::unordered_map<std::int64_t, int> ints_;
  std::unordered_map<std::string, int> others_;
  std::vector<json::value> values_;
};

// Per key: who sent each message, what ok polls read, what failed sends tried, first readers.
struct key_index {
  std::unordered_map<int, std::int64_t> writer;        // message -> last completion sending it
  std::unordered_set<int> ok_read;                     // messages returned by ok polls
  bool ok_polled = false;                              // some ok poll returned this key
  std::unordered_set<int> failed;                      // messages of fail sends
  std::unordered_map<int, std::int64_t> first_reader;  // message -> first completion reading it
};

struct analysis_data {
  history const* h = nullptr;
  interner names;
  std::vector<std::int64_t> client;  // indices of client ops, history order
  std::vector<op_io> io;             // by history index (empty for ops without sends/polls)
  std::vector<key_index> keys;       // by key id

  op const& at(std::int64_t i) const { return (*h)[static_cast<std::size_t>(i)]; }
  key_index& key(int k) {
    if (static_cast<std::size_t>(k) >= keys.size()) keys.resize(static_cast<std::size_t>(k) + 1);
    return keys[static_cast<std::size_t>(k)];
  }
  key_index const* key_if(int k) const {
    return static_cast<std::size_t>(k) < keys.size() ? &keys[static_cast<std::size_t>(k)] : nullptr;
  }
  std::int64_t writer_of(int k, int v) const {
    auto const* ki = key_if(k);
    if (!ki) return no_op;
    auto it = ki->writer.find(v);
    return it == ki->writer.end() ? no_op : it->second;
  }
  // Jepsen's must-have-committed?: ok, or info with one of its messages read by an ok poll.
  bool must_have_committed(std::int64_t i) const {
    auto const& o = at(i);
    if (o.type == op_type::ok) return true;
    if (o.type != op_type::info) return false;
    for (auto const& s : io[static_cast<std::size_t>(i)].sends) {
      auto const* ki = key_if(s.key);
      if (ki && ki->ok_read.count(s.value)) return true;
    }
    return false;
  }
};

namespace detail {

inline bool is_txn_f(std::string_view f) { return f == "send" || f == "poll" || f == "txn"; }

inline std::int64_t offset_of(json::value const& v) {
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64()) return static_cast<std::int64_t>(v.get_uint64());
  return no_offset;
}

// Parses the mops of a send/poll/txn op into io; malformed mops are skipped.
inline void parse_mops(json::value const& value, interner& names, op_io& io) {
  if (!value.is_array()) return;
  bool merge = false;  // a second poll mop: keys already seen get its pairs appended
  for (auto const& m : value.get_array()) {
    if (!m.is_array() || m.get_array().empty() || !m.get_array()[0].is_string()) continue;
    auto const& mop = m.get_array();
    auto const f = mop[0].get_string();
    if (f == "send" && mop.size() >= 3) {
      int const k = names.key(mop[1]);
      auto const& v = mop[2];
      // [offset msg] when completed; a bare message otherwise (Jepsen's vector? test)
      if (v.is_array() && v.get_array().size() == 2 &&
          (v.get_array()[0].is_null() || offset_of(v.get_array()[0]) != no_offset)) {
        io.sends.push_back({k, offset_of(v.get_array()[0]), names.value(v.get_array()[1])});
      } else {
        io.sends.push_back({k, no_offset, names.value(v)});
      }
    } else if (f == "poll" && mop.size() >= 2 && mop[1].is_object()) {
      for (auto const& [kname, pairs] : mop[1].get_object()) {
        int const k = names.key(std::string(kname));
        auto it = merge ? std::find_if(io.reads.begin(), io.reads.end(), [&](auto const& r) { return r.key == k; })
                        : io.reads.end();
        if (it == io.reads.end()) it = io.reads.insert(io.reads.end(), key_reads{k, {}});
        if (!pairs.is_array()) continue;
        for (auto const& p : pairs.get_array()) {
          if (!p.is_array() || p.get_array().size() < 2) continue;
          it->pairs.push_back({offset_of(p.get_array()[0]), names.value(p.get_array()[1])});
        }
      }
      merge = true;
    }
  }
}

}  // namespace detail

// Parses the client ops of h and builds the shared indexes.
inline analysis_data build_analysis_data(history const& h) {
  analysis_data d;
  d.h = &h;
  d.io.resize(h.size());
  for (auto const& o : h) {
    if (!o.is_client_op()) continue;
    d.client.push_back(o.index);
    if ((o.f == "assign" || o.f == "subscribe") && o.value.is_array()) {
      for (auto const& k : o.value.get_array()) d.names.key(k);
    }
    if (o.type == op_type::invoke || !detail::is_txn_f(o.f)) continue;
    auto& io = d.io[static_cast<std::size_t>(o.index)];
    detail::parse_mops(o.value, d.names, io);
    for (auto const& s : io.sends) {
      auto& ki = d.key(s.key);
      ki.writer[s.value] = o.index;
      if (o.type == op_type::fail) ki.failed.insert(s.value);
    }
    for (auto const& r : io.reads) {
      auto& ki = d.key(r.key);
      for (auto const& p : r.pairs) ki.first_reader.try_emplace(p.value, o.index);
      if (o.type != op_type::ok) continue;
      ki.ok_polled = true;
      for (auto const& p : r.pairs) ki.ok_read.insert(p.value);
    }
  }
  d.keys.resize(d.names.key_count());  // one index per interned key
  return d;
}

}  // namespace glomers::harness::kafka
