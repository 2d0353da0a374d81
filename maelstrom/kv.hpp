// Clients for Maelstrom's built-in services: seq-kv, lin-kv and lww-kv (key-value stores) and
// lin-tso (a timestamp oracle). Every call completes once, from the run loop, with a result:
// the service's errors arrive typed (r.failed_with(error_code::key_does_not_exist), 20;
// error_code::precondition_failed, 22), and a lost request as error_code::timeout (0).
#pragma once

#include "maelstrom/node.hpp"

#include <boost/describe/class.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace glomers {

namespace kv_msgs {
struct read {
  static constexpr std::string_view type = "read";
  json::value key;
};
BOOST_DESCRIBE_STRUCT(read, (), (key))
struct read_ok {
  static constexpr std::string_view type = "read_ok";
  json::value value;
};
BOOST_DESCRIBE_STRUCT(read_ok, (), (value))
struct write {
  static constexpr std::string_view type = "write";
  json::value key;
  json::value value;
};
BOOST_DESCRIBE_STRUCT(write, (), (key, value))
struct cas {
  static constexpr std::string_view type = "cas";
  json::value key;
  json::value from;
  json::value to;
  std::optional<bool> create_if_not_exists;
};
BOOST_DESCRIBE_STRUCT(cas, (), (key, from, to, create_if_not_exists))
struct ts {
  static constexpr std::string_view type = "ts";
};
BOOST_DESCRIBE_STRUCT(ts, (), ())
struct ts_ok {
  static constexpr std::string_view type = "ts_ok";
  std::int64_t ts;
};
BOOST_DESCRIBE_STRUCT(ts_ok, (), (ts))
}  // namespace kv_msgs

namespace detail {

// Decodes a reply of the expected type, or turns a wrong one into a typed error.
template <class Reply>
result<Reply> expect(result<message> r) {
  if (!r) return r.err();
  if (r->type() != Reply::type) {
    return error(error_code::malformed_request,
                 "expected " + std::string(Reply::type) + ", got " + serialize(*r));
  }
  try {
    return r->template as<Reply>();
  } catch (json::decode_error const& e) {
    return error(error_code::malformed_request, e.what());
  }
}

template <class Reply>
status expect_status(result<message> r) {
  auto reply = expect<Reply>(std::move(r));
  if (!reply) return reply.err();
  return ok_t{};
}

struct write_ok {
  static constexpr std::string_view type = "write_ok";
};
BOOST_DESCRIBE_STRUCT(write_ok, (), ())
struct cas_ok {
  static constexpr std::string_view type = "cas_ok";
};
BOOST_DESCRIBE_STRUCT(cas_ok, (), ())

}  // namespace detail

template <runtime_policy Runtime>
class kv_client {
 public:
  using duration = std::chrono::nanoseconds;

  kv_client(node<Runtime>& n, std::string service, duration timeout = std::chrono::seconds(1))
      : node_(n), service_(std::move(service)), timeout_(timeout) {}

  std::string const& service() const noexcept { return service_; }

  // Keys and values are anything Boost.JSON converts (numbers, strings, json::value, ...).
  template <class Key, class F>
  void read(Key const& key, F done) {
    node_.rpc(service_, kv_msgs::read{boost::json::value_from(key)}, timeout_,
              [done = std::move(done)](result<message> r) mutable {
                auto reply = detail::expect<kv_msgs::read_ok>(std::move(r));
                if (!reply) return done(result<json::value>(reply.err()));
                done(result<json::value>(std::move(reply.value().value)));
              });
  }

  template <class Key, class Value, class F>
  void write(Key const& key, Value const& value, F done) {
    node_.rpc(service_, kv_msgs::write{boost::json::value_from(key), boost::json::value_from(value)}, timeout_,
              [done = std::move(done)](result<message> r) mutable {
                done(detail::expect_status<detail::write_ok>(std::move(r)));
              });
  }

  // Compare-and-set: key from `from` to `to`. With create_if_not_exists a missing key is
  // created with `to` (lww-kv does not support it and answers 20).
  template <class Key, class From, class To, class F>
  void cas(Key const& key, From const& from, To const& to, bool create_if_not_exists, F done) {
    kv_msgs::cas req{boost::json::value_from(key), boost::json::value_from(from), boost::json::value_from(to),
                     std::nullopt};
    if (create_if_not_exists) req.create_if_not_exists = true;
    node_.rpc(service_, req, timeout_, [done = std::move(done)](result<message> r) mutable {
      done(detail::expect_status<detail::cas_ok>(std::move(r)));
    });
  }

 private:
  node<Runtime>& node_;
  std::string service_;
  duration timeout_;
};

template <runtime_policy Runtime>
class tso_client {
 public:
  explicit tso_client(node<Runtime>& n, std::chrono::nanoseconds timeout = std::chrono::seconds(1))
      : node_(n), timeout_(timeout) {}

  template <class F>
  void ts(F done) {
    node_.rpc("lin-tso", kv_msgs::ts{}, timeout_, [done = std::move(done)](result<message> r) mutable {
      auto reply = detail::expect<kv_msgs::ts_ok>(std::move(r));
      if (!reply) return done(result<std::int64_t>(reply.err()));
      done(result<std::int64_t>(reply->ts));
    });
  }

 private:
  node<Runtime>& node_;
  std::chrono::nanoseconds timeout_;
};

template <runtime_policy R>
kv_client<R> seq_kv(node<R>& n) { return kv_client<R>(n, "seq-kv"); }
template <runtime_policy R>
kv_client<R> lin_kv(node<R>& n) { return kv_client<R>(n, "lin-kv"); }
template <runtime_policy R>
kv_client<R> lww_kv(node<R>& n) { return kv_client<R>(n, "lww-kv"); }

}  // namespace glomers
