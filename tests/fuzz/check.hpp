// What every line a node writes must be: strict JSON, exactly {src, dest, body}, a string type,
// integer msg_id / in_reply_to / error code.
#pragma once

#include "tests/fuzz/json_text.hpp"

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace glomers::fuzz {

// s, printable and at most 300 bytes long, for reports.
inline std::string shown(std::string_view s) {
  std::string out;
  for (unsigned char c : s.substr(0, 300)) {
    if (c >= 0x20 && c < 0x7f) out += char(c);
    else {
      char b[8];
      std::snprintf(b, sizeof b, "\\x%02x", c);
      out += b;
    }
  }
  return s.size() > 300 ? out + "... (" + std::to_string(s.size()) + " bytes)" : out;
}

// Why line is not a valid Maelstrom envelope from node `self`, or nullopt; v gets the parse.
inline std::optional<std::string> envelope_problem(std::string const& line, std::string const& self, std::optional<jv>& v) {
  std::string error;
  v = parse(line, error);
  if (!v) return "wrote a line that is not JSON (" + error + ")";
  if (v->kind != jv::object || v->members.size() != 3 || !v->get("src") || !v->get("dest") || !v->get("body")) {
    return "wrote a line that is not {src, dest, body}";
  }
  auto const* body = v->get("body");
  auto const* type = body->get("type");
  if (!v->get("src")->is_string() || v->get("src")->text != self) return "wrote as someone other than " + self;
  if (!v->get("dest")->is_string() || body->kind != jv::object || !type || !type->is_string()) return "malformed envelope";
  for (char const* k : {"msg_id", "in_reply_to"}) {
    if (body->get(k) && !as_int64(body->get(k))) return std::string("a non-int64 ") + k;
  }
  if (type->text == "error" && !as_int64(body->get("code"))) return "an error without an integer code";
  return std::nullopt;
}

}  // namespace glomers::fuzz
