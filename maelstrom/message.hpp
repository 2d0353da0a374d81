// The Maelstrom envelope ({src, dest, body}) and typed message bodies.
//
// A typed body is a Boost.Describe'd struct with the wire type as a static member:
//   struct echo_ok { static constexpr std::string_view type = "echo_ok"; json::value echo; };
//   BOOST_DESCRIBE_STRUCT(echo_ok, (), (echo))
// body_of(t) turns it into a JSON object carrying "type"; message::as<T>() reads one back,
// ignoring the reserved keys (type, msg_id, in_reply_to) and any other extra key.
#pragma once

#include "maelstrom/errors.hpp"
#include "maelstrom/json.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace glomers {

// A body type: a struct whose wire name is T::type.
template <class T>
concept typed_body = requires {
  { T::type } -> std::convertible_to<std::string_view>;
};

// Encodes a typed body, adding its "type".
template <typed_body T>
json::object body_of(T const& t) {
  json::value v = json::encode(t);
  json::object o = v.is_object() ? std::move(v.get_object()) : json::object{};
  o["type"] = std::string_view(T::type);
  return o;
}

struct message {
  std::string src;
  std::string dest;
  json::object body;

  std::string_view type() const {
    auto const* t = body.if_contains("type");
    return t && t->is_string() ? std::string_view(t->get_string()) : std::string_view{};
  }
  std::optional<std::int64_t> msg_id() const { return int_field("msg_id"); }
  std::optional<std::int64_t> in_reply_to() const { return int_field("in_reply_to"); }

  // The body as T; throws json::decode_error naming the offending field.
  template <class T>
  T as() const {
    return json::decode<T>(body);
  }

 private:
  std::optional<std::int64_t> int_field(std::string_view key) const {
    auto const* v = body.if_contains(key);
    if (v && v->is_int64()) return v->get_int64();
    if (v && v->is_uint64()) return static_cast<std::int64_t>(v->get_uint64());
    return std::nullopt;
  }
};

// A line that is not a valid envelope. Carries what could be salvaged so the sender can still
// be answered with error 12 when the line named a source and a msg_id.
class malformed_message : public std::runtime_error {
 public:
  malformed_message(std::string reason, std::optional<std::string> src = {},
                    std::optional<std::int64_t> msg_id = {})
      : std::runtime_error(std::move(reason)), src(std::move(src)), msg_id(msg_id) {}
  std::optional<std::string> src;
  std::optional<std::int64_t> msg_id;
};

// Builds a message from a parsed JSON value; Maelstrom's extra top-level "id" is ignored.
inline message to_message(json::value const& v) {
  if (!v.is_object()) throw malformed_message("not a JSON object");
  auto const& o = v.get_object();
  std::optional<std::string> src;
  if (auto const* s = o.if_contains("src"); s && s->is_string()) src = std::string(s->get_string());
  std::optional<std::int64_t> msg_id;
  auto const* body = o.if_contains("body");
  if (body && body->is_object()) {
    if (auto const* id = body->get_object().if_contains("msg_id"); id && id->is_int64()) {
      msg_id = id->get_int64();
    }
  }
  if (!src) throw malformed_message("missing or non-string \"src\"", src, msg_id);
  auto const* dest = o.if_contains("dest");
  if (!dest || !dest->is_string()) throw malformed_message("missing or non-string \"dest\"", src, msg_id);
  if (!body || !body->is_object()) throw malformed_message("missing or non-object \"body\"", src, msg_id);
  auto const* type = body->get_object().if_contains("type");
  if (!type || !type->is_string()) throw malformed_message("missing or non-string body \"type\"", src, msg_id);
  return message{*src, std::string(dest->get_string()), body->get_object()};
}

// Parses one protocol line.
inline message parse_message(std::string_view line) {
  boost::system::error_code ec;
  auto v = boost::json::parse(line, ec);
  if (ec) throw malformed_message("not valid JSON: " + ec.message());
  return to_message(v);
}

inline json::object to_json(message const& m) {
  return json::object{{"src", m.src}, {"dest", m.dest}, {"body", m.body}};
}

// One protocol line, without the trailing newline.
inline std::string serialize(message const& m) { return boost::json::serialize(to_json(m)); }

// The body of an error reply. Error bodies are not schema-checked by Maelstrom.
inline json::object error_body(std::int64_t code, std::string_view text) {
  return json::object{{"type", "error"}, {"code", code}, {"text", text}};
}

}  // namespace glomers
