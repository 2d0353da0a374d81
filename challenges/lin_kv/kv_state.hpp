// The replicated state machine of lin-kv: a map from JSON keys to JSON values, changed only by
// committed log commands, with Maelstrom's errors (20 for a read or cas of a missing key, 22 for
// a cas whose from-value differs).
//
// A command is the client's request reduced to {"f": "read"|"write"|"cas", "key", ...} (with the
// forwarding node's "origin" and "tag" when it answers the client itself); a null command is a
// leader's no-op. apply() answers with the reply body the client gets.
//
// The state is bounded: a write or cas that would take it past max_state_bytes (keys and values
// as JSON text) is refused with 14 (abort, definite) on every replica alike, so a snapshot, sent
// whole to a lagging follower, always fits in a message the follower reads (under 1 MiB).
#pragma once

#include "maelstrom/errors.hpp"
#include "maelstrom/json.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace glomers::raft_kv {

struct kv_reply {
  std::optional<error> err;  // set: answer with this error
  json::object body;         // else: this reply body
};

class kv_state {
 public:
  // A request missing a field its kind needs: error 12 (malformed), before it reaches the log,
  // where a command every node failed to apply would stall the state machine.
  static void check(json::object const& request) {
    auto const* t = request.if_contains("type");
    auto const kind = t && t->is_string() ? std::string_view(t->get_string()) : std::string_view();
    auto need = [&](char const* k) {
      if (!request.contains(k)) throw error(error_code::malformed_request, std::string(kind) + " needs \"" + k + "\"");
    };
    if (kind != "read" && kind != "write" && kind != "cas") throw error(error_code::not_supported, "unknown request");
    need("key");
    if (kind == "write") need("value");
    if (kind == "cas") need("from"), need("to");
    // Appends carry up to max_batch (64) commands: at most 8 KiB each keeps one well under the
    // 1 MiB a follower reads (a larger one could never be replicated, and would stall the log).
    std::size_t size = 0;
    for (auto const* k : {"key", "value", "from", "to"}) {
      if (auto const* v = request.if_contains(k)) size += boost::json::serialize(*v).size();
    }
    if (size > max_command_bytes) throw error(error_code::malformed_request, "lin-kv: key and values over 8 KiB");
  }

  // The command a checked client request becomes.
  static json::value command_of(json::object const& request) {
    check(request);
    json::object c{{"f", request.at("type")}, {"key", request.at("key")}};
    for (auto const* k : {"value", "from", "to", "origin", "tag"})
      if (auto const* v = request.if_contains(k)) c[k] = *v;
    return c;
  }

  // Total: a command no leader of ours would write (a peer's forged entry) is answered 12 and
  // changes nothing; it must never stop the entries after it from applying.
  kv_reply apply(json::value const& command) {
    if (!command.is_object()) return {};  // no-op
    auto const& c = command.get_object();
    auto const* f = c.if_contains("f");
    auto const* k = c.if_contains("key");
    if (!f || !f->is_string() || !k) return malformed("a command needs f and key");
    auto const key = boost::json::serialize(*k);
    if (*f == "write") {
      auto const* v = c.if_contains("value");
      if (!v) return malformed("write needs a value");
      if (auto full = refuse_growth(key, *v)) return *full;
      data_[key] = {*k, *v};
      return {std::nullopt, {{"type", "write_ok"}}};
    }
    if (*f == "read") return read(*k);
    if (*f != "cas") return {error(error_code::not_supported, "unknown command"), {}};
    auto const* from = c.if_contains("from");
    auto const* to = c.if_contains("to");
    if (!from || !to) return malformed("cas needs from and to");
    auto it = data_.find(key);
    if (it == data_.end()) return {error(error_code::key_does_not_exist, "no such key"), {}};
    if (boost::json::serialize(it->second.value) != boost::json::serialize(*from)) {
      return {error(error_code::precondition_failed,
                    "expected " + boost::json::serialize(*from) + ", have " + boost::json::serialize(it->second.value)),
              {}};
    }
    if (auto full = refuse_growth(key, *to)) return *full;
    it->second.value = *to;
    return {std::nullopt, {{"type", "cas_ok"}}};
  }

  static constexpr std::size_t max_command_bytes = 8192;

  static kv_reply malformed(std::string const& what) { return {error(error_code::malformed_request, what), {}}; }

  kv_reply read(json::value const& k) const {
    auto it = data_.find(boost::json::serialize(k));
    if (it == data_.end()) return {error(error_code::key_does_not_exist, "no such key"), {}};
    return {std::nullopt, {{"type", "read_ok"}, {"value", it->second.value}}};
  }

  json::value snapshot() const {
    json::array a;
    for (auto const& [_, kv] : data_) a.push_back(json::array{kv.key, kv.value});
    return a;
  }
  void restore(json::value const& s) {
    data_.clear();
    bytes_ = 0;
    if (!s.is_array()) return;
    for (auto const& kv : s.as_array()) {  // pairs; anything else (a forged snapshot) is skipped
      if (!kv.is_array() || kv.get_array().size() != 2) continue;
      auto const& p = kv.get_array();
      auto key = boost::json::serialize(p[0]);
      if (auto it = data_.find(key); it != data_.end()) bytes_ -= slot_bytes(key, it->second.value);
      bytes_ += slot_bytes(key, p[1]);
      data_[std::move(key)] = {p[0], p[1]};
    }
  }
  std::size_t size() const noexcept { return data_.size(); }
  std::size_t bytes() const noexcept { return bytes_; }

  static constexpr std::size_t max_state_bytes = std::size_t{512} << 10;

 private:
  static std::size_t slot_bytes(std::string const& key, json::value const& value) {
    return key.size() + boost::json::serialize(value).size() + 4;  // [k,v] and a comma
  }

  // Accounts for key -> value, or answers 14 when that would pass max_state_bytes.
  std::optional<kv_reply> refuse_growth(std::string const& key, json::value const& value) {
    auto const it = data_.find(key);
    auto const after = bytes_ - (it == data_.end() ? 0 : slot_bytes(key, it->second.value)) + slot_bytes(key, value);
    if (after > max_state_bytes) {
      return kv_reply{error(error_code::abort, "the store is full (" + std::to_string(max_state_bytes) + " bytes)"), {}};
    }
    bytes_ = after;
    return std::nullopt;
  }

  struct slot {
    json::value key;
    json::value value;
  };
  std::map<std::string, slot> data_;  // by the key's JSON text: keys compare by value
  std::size_t bytes_ = 0;             // what snapshot() holds, near enough: see slot_bytes
};

}  // namespace glomers::raft_kv
