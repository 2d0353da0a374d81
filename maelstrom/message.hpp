// The Maelstrom envelope ({src, dest, body}) and typed message bodies.
//
// A typed body is a Boost.Describe'd struct with the wire type as a static member:
//   struct echo_ok { static constexpr std::string_view type = "echo_ok"; json::value echo; };
//   BOOST_DESCRIBE_STRUCT(echo_ok, (), (echo))
// body_of(t) turns it into a JSON object carrying "type"; message::as<T>() reads one back,
// ignoring the reserved keys (type, msg_id, in_reply_to) and any other extra key.
#pragma once

#include "maelstrom/detail/json_strict.hpp"
#include "maelstrom/errors.hpp"
#include "maelstrom/json.hpp"

#include <cstdint>
#include <optional>
#include <stdexcept>
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
  std::optional<std::int64_t> int_field(std::string_view key) const;
};

namespace detail {
// A message id: an integer in the int64 range (never a wrapped unsigned one).
inline std::optional<std::int64_t> as_message_id(json::value const& v) {
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(v.get_uint64());
  }
  return std::nullopt;
}
}  // namespace detail

inline std::optional<std::int64_t> message::int_field(std::string_view key) const {
  auto const* v = body.if_contains(key);
  return v ? detail::as_message_id(*v) : std::nullopt;
}

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

// Builds a message from a parsed JSON value; Maelstrom's extra top-level "id" is ignored. A
// msg_id or in_reply_to that is not an int64 makes the message malformed and unanswerable: a
// reply could not name it (Maelstrom's schema wants an integer there).
inline message to_message(json::value const& v) {
  if (!v.is_object()) throw malformed_message("not a JSON object");
  auto const& o = v.get_object();
  std::optional<std::string> src;
  if (auto const* s = o.if_contains("src"); s && s->is_string()) src = std::string(s->get_string());
  std::optional<std::int64_t> msg_id;
  auto const* body = o.if_contains("body");
  if (body && body->is_object()) {
    auto const& b = body->get_object();
    for (char const* key : {"msg_id", "in_reply_to"}) {
      auto const* id = b.if_contains(key);
      if (id && !detail::as_message_id(*id)) {
        throw malformed_message(std::string("\"") + key + "\" is not an integer in the int64 range", src);
      }
    }
    if (auto const* id = b.if_contains("msg_id")) msg_id = detail::as_message_id(*id);
  }
  if (!src) throw malformed_message("missing or non-string \"src\"", src, msg_id);
  auto const* dest = o.if_contains("dest");
  if (!dest || !dest->is_string()) throw malformed_message("missing or non-string \"dest\"", src, msg_id);
  if (!body || !body->is_object()) throw malformed_message("missing or non-object \"body\"", src, msg_id);
  auto const* type = body->get_object().if_contains("type");
  if (!type || !type->is_string()) throw malformed_message("missing or non-string body \"type\"", src, msg_id);
  return message{*src, std::string(dest->get_string()), body->get_object()};
}

// Parses one protocol line strictly (maelstrom/detail/json_strict.hpp): a number that cannot be
// sent back unchanged makes the line malformed, answered with 12 like any other.
inline message parse_message(std::string_view line, std::size_t max_depth = 64) {
  auto parsed = detail::parse_strict(line, max_depth);
  if (!parsed.value) {
    std::optional<std::int64_t> msg_id;
    if (parsed.msg_id) msg_id = detail::as_message_id(*parsed.msg_id);
    throw malformed_message(std::move(parsed.error), std::move(parsed.src), msg_id);
  }
  return to_message(*parsed.value);
}

// Parses one protocol line of at most max_line_bytes; a longer one is malformed, with src and
// msg_id taken from its head when they come early enough.
inline message parse_message(std::string_view line, std::size_t max_line_bytes, std::size_t max_depth) {
  if (line.size() > max_line_bytes) {
    auto head = detail::parse_strict(line.substr(0, 64 << 10), max_depth);
    std::optional<std::int64_t> msg_id;
    if (head.msg_id) msg_id = detail::as_message_id(*head.msg_id);
    throw malformed_message("longer than " + std::to_string(max_line_bytes) + " bytes", std::move(head.src), msg_id);
  }
  return parse_message(line, max_depth);
}


inline json::object to_json(message const& m) {
  return json::object{{"src", m.src}, {"dest", m.dest}, {"body", m.body}};
}

// Why m would not serialise as a valid protocol line, or nullopt.
inline std::optional<std::string> unwritable(message const& m) {
  if (!detail::valid_utf8(m.src) || !detail::valid_utf8(m.dest)) return std::string("an address that is not UTF-8");
  return detail::unwritable(m.body);
}

// One protocol line, without the trailing newline. Refuses (std::domain_error) what would not
// be valid JSON: Boost.JSON writes a non-finite double as Infinity/NaN and copies bytes as given.
inline std::string serialize(message const& m) {
  if (auto why = unwritable(m)) throw std::domain_error("refusing to write " + *why);
  return boost::json::serialize(to_json(m));
}

// The body of an error reply (texts often quote input: made UTF-8). Error bodies are not
// schema-checked by Maelstrom.
inline json::object error_body(std::int64_t code, std::string_view text) {
  return json::object{{"type", "error"}, {"code", code}, {"text", detail::sanitize_utf8(text)}};
}

// The error an error body carries (13 when its code is not an int64).
inline error error_of(message const& m) {
  auto const* code = m.body.if_contains("code");
  auto const* text = m.body.if_contains("text");
  return error(code && code->is_int64() ? code->get_int64() : static_cast<std::int64_t>(error_code::crash),
               text && text->is_string() ? std::string(text->get_string()) : std::string());
}

}  // namespace glomers
