// Maelstrom's built-in services (spec §5): lin-kv, seq-kv, lww-kv and lin-tso.
//
// A service is a pure function of its state and one request: handle() returns the reply body,
// or nothing for a request type it does not know (Maelstrom logs and never answers those, so the
// caller times out). The network serialises requests per service, one at a time, in deadline
// order. Keys and values are arbitrary JSON compared by Clojure's = (harness/values.hpp): 1 and
// 1.0, or "1" and 1, differ; maps equal whatever their key order; -0.0 equals 0.0.
#pragma once

#include "harness/values.hpp"
#include "harness/world.hpp"
#include "maelstrom/errors.hpp"
#include "maelstrom/message.hpp"

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

namespace glomers::harness {

class service {
 public:
  virtual ~service() = default;
  // The reply body for req (without in_reply_to), or nullopt: no reply at all.
  virtual std::optional<json::object> handle(message const& req) = 0;
};

namespace detail {

inline std::string key_of(json::value const& v) { return value_key(v); }
inline bool same(json::value const& a, json::value const& b) { return clojure_equal(a, b); }

inline json::object ok(std::string_view type) { return json::object{{"type", type}}; }
inline json::object err(error_code c, std::string text) {
  return error_body(static_cast<std::int64_t>(c), text);
}

// The state of a persistent KV store: key (value_key) -> value.
using kv_map = std::map<std::string, json::value>;

struct kv_eval {
  json::object reply;
  std::optional<kv_map> next;  // set when the request changed the state
};

// Applies one read, write or cas (spec §5.1) to a state.
inline std::optional<kv_eval> eval_kv(kv_map const& state, json::object const& body) {
  auto const type = body.if_contains("type");
  if (!type || !type->is_string()) return std::nullopt;
  std::string_view const t = type->get_string();
  json::value const key = body.contains("key") ? body.at("key") : json::value();
  auto const k = key_of(key);
  auto const it = state.find(k);
  if (t == "read") {
    if (it == state.end()) return kv_eval{err(error_code::key_does_not_exist, "key does not exist"), {}};
    auto reply = ok("read_ok");
    reply["value"] = it->second;
    return kv_eval{std::move(reply), {}};
  }
  if (t == "write") {
    json::value const v = body.contains("value") ? body.at("value") : json::value();
    if (it != state.end() && same(it->second, v)) return kv_eval{ok("write_ok"), {}};
    kv_map next = state;
    next[k] = v;
    return kv_eval{ok("write_ok"), std::move(next)};
  }
  if (t == "cas") {
    json::value const from = body.contains("from") ? body.at("from") : json::value();
    json::value const to = body.contains("to") ? body.at("to") : json::value();
    auto const* create = body.if_contains("create_if_not_exists");
    bool const creating = create && !create->is_null() && !(create->is_bool() && !create->get_bool());
    if (it == state.end()) {
      if (!creating) return kv_eval{err(error_code::key_does_not_exist, "key does not exist"), {}};
      kv_map next = state;
      next[k] = to;
      return kv_eval{ok("cas_ok"), std::move(next)};
    }
    if (!same(it->second, from)) {
      return kv_eval{err(error_code::precondition_failed,
                         "current value " + boost::json::serialize(it->second) + " is not " +
                             boost::json::serialize(from)),
                     {}};
    }
    if (same(it->second, to)) return kv_eval{ok("cas_ok"), {}};
    kv_map next = state;
    next[k] = to;
    return kv_eval{ok("cas_ok"), std::move(next)};
  }
  return std::nullopt;
}

}  // namespace detail

// lin-kv: one state; every request applies to it atomically.
class lin_kv_service final : public service {
 public:
  std::optional<json::object> handle(message const& req) override {
    auto r = detail::eval_kv(state_, req.body);
    if (!r) return std::nullopt;
    if (r->next) state_ = std::move(*r->next);
    return std::move(r->reply);
  }

 private:
  detail::kv_map state_;
};

// seq-kv: the 32 latest states and, per caller, the oldest state it may still be shown. A request
// is evaluated against a random state no older than the caller's watermark; if that changes
// nothing the answer stands, else it is re-evaluated against the newest state and appended
// (spec §5.3). Reads can be stale but never go backwards for a caller; mutations apply to the
// newest state; a caller always sees its own mutations.
class seq_kv_service final : public service {
 public:
  static constexpr std::size_t window = 32;

  explicit seq_kv_service(world& w) : world_(w) { states_[0] = std::make_shared<detail::kv_map const>(); }

  std::optional<json::object> handle(message const& req) override {
    auto& lo = watermark_[req.src];
    auto const i = static_cast<std::uint64_t>(world_.uniform_int(static_cast<std::int64_t>(lo),
                                                                  static_cast<std::int64_t>(last_)));
    auto r = detail::eval_kv(*states_[i % window], req.body);
    if (!r) return std::nullopt;
    if (!r->next) {
      lo = i;
      return std::move(r->reply);
    }
    auto latest = detail::eval_kv(*states_[last_ % window], req.body);
    ++last_;
    states_[last_ % window] = latest->next
                                  ? std::make_shared<detail::kv_map const>(std::move(*latest->next))
                                  : states_[(last_ - 1) % window];
    lo = last_;
    return std::move(latest->reply);
  }

 private:
  world& world_;
  std::array<std::shared_ptr<detail::kv_map const>, window> states_;
  std::uint64_t last_ = 0;
  std::unordered_map<std::string, std::uint64_t> watermark_;
};

// lww-kv as Maelstrom ships it: two replicas that never reconcile (its merge is computed and
// discarded, spec §5.4); each request goes to one at random. cas cannot create keys.
class lww_kv_service final : public service {
 public:
  explicit lww_kv_service(world& w) : world_(w) {}

  std::optional<json::object> handle(message const& req) override {
    auto& replica = replicas_[static_cast<std::size_t>(world_.uniform_int(0, 1))];
    json::object body = req.body;
    body.erase("create_if_not_exists");
    auto r = detail::eval_kv(replica, body);
    if (!r) return std::nullopt;
    if (r->next) replica = std::move(*r->next);
    return std::move(r->reply);
  }

 private:
  world& world_;
  std::array<detail::kv_map, 2> replicas_;
};

// lin-tso: timestamps 0, 1, 2, ...
class lin_tso_service final : public service {
 public:
  std::optional<json::object> handle(message const& req) override {
    if (req.type() != "ts") return std::nullopt;
    auto reply = detail::ok("ts_ok");
    reply["ts"] = next_++;
    return reply;
  }

 private:
  std::int64_t next_ = 0;
};

}  // namespace glomers::harness
