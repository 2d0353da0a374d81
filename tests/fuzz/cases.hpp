// What the fuzzer sends: per workload, valid client requests, forged peer messages and the probe
// that must keep being answered; and the ways a line is spoiled (malformed, truncated,
// oversized, deeply nested, non-UTF-8, randomly mutated).
#pragma once

#include "tests/fuzz/json_text.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace glomers::fuzz {

class rng {
 public:
  explicit rng(std::uint64_t seed) : g_(seed) {}
  std::uint64_t next() { return g_(); }
  std::size_t below(std::size_t n) { return n ? static_cast<std::size_t>(g_() % n) : 0; }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(g_) < p; }
  template <class T>
  T const& pick(std::vector<T> const& v) { return v[below(v.size())]; }

 private:
  std::mt19937_64 g_;
};

// Tokens spliced in where a value goes: numbers at and past every limit, JSON that Boost or
// Maelstrom must reject, odd shapes, and nesting past the node's depth limit.
inline std::vector<std::string> const& tokens() {
  static std::vector<std::string> const t = [] {
    std::vector<std::string> v{
        "0", "-0", "1", "-1", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "-9223372036854775809", "18446744073709551615", "18446744073709551616", "99999999999999999999999999999",
        "1e400", "-1e400", "1e-400", "1.5", "0.1", "1E2", "-0.0", "5e-324", "2.4703282292062327e-324",
        "1.7976931348623157e308", "1.7976931348623159e308", "123456789012345678901234567890.5",
        "NaN", "Infinity", "-Infinity", "01", "1.", "+1", ".5", "0x10", "1e", "--1", "tru", "nul", "'x'",
        "\"\\ud800\"", "\"\\udc00\"", "\"\\u12\"", "\"\xff\xfe\"", "\"\xc3\x28\"", "\"\xed\xa0\x80\"",
        "\"\xf4\x90\x80\x80\"", "\"\xc0\xaf\"", "\"a\tb\"", "\"\x01\"", "[1,]", "{\"a\":1,}", "[", "{", "]", "}",
        "\"unterminated", "null", "true", "false", "[]", "{}", "\"\"", "[null]", "{\"\":null}", "\"\\u0000\"",
        "\"\xf0\x9f\x98\x80 \\ud83d\\ude00 \\\" \\\\ \\/ \\b\\f\\n\\r\\t\"", "[[[1]]]", "{\"msg_id\":1}"};
    v.push_back(std::string(100, '[') + std::string(100, ']'));    // deeper than the node's 64
    v.push_back(std::string(60, '[') + std::string(60, ']'));      // deep, but accepted
    v.push_back(std::string(5000, '[') + std::string(5000, ']'));
    v.push_back("\"" + std::string(100000, 'x') + "\"");
    return v;
  }();
  return t;
}

inline std::string random_number(rng& r) {
  switch (r.below(5)) {
    case 0: return std::to_string(static_cast<std::int64_t>(r.below(1000)));
    case 1: return std::to_string(static_cast<std::int64_t>(r.next()));
    case 2: return std::to_string(r.next());
    case 3: {
      char b[40];
      std::snprintf(b, sizeof b, "%.*g", static_cast<int>(1 + r.below(17)), std::ldexp(double(r.next() % 1000000) - 5e5, static_cast<int>(r.below(200)) - 100));
      return b;
    }
    default: return r.pick(tokens());
  }
}

inline std::string random_string(rng& r) {
  static std::vector<std::string> const parts{"a", "Z", " ", "\\\"", "\\\\", "\\n", "\\u00e9", "\xc3\xa9", "\xe2\x82\xac",
                                              "\xf0\x9f\x98\x80", "\\ud83d\\ude00", "\\u0000", "please echo", "0", "msg_id"};
  std::string s = "\"";
  for (std::size_t i = r.below(12); i > 0; --i) s += r.pick(parts);
  return s + "\"";
}

// A random JSON value (as text), up to depth levels deep.
inline std::string random_value(rng& r, int depth = 3) {
  switch (r.below(depth > 0 ? 7 : 4)) {
    case 0: return random_number(r);
    case 1: return random_string(r);
    case 2: return r.chance(0.5) ? "true" : "null";
    case 3: return r.chance(0.3) ? r.pick(tokens()) : random_number(r);
    case 4:
    case 5: {
      std::string s = "[";
      for (std::size_t i = r.below(5); i > 0; --i) s += random_value(r, depth - 1) + (i > 1 ? "," : "");
      return s + "]";
    }
    default: {
      std::string s = "{";
      for (std::size_t i = r.below(4); i > 0; --i) s += random_string(r) + ":" + random_value(r, depth - 1) + (i > 1 ? "," : "");
      return s + "}";
    }
  }
}

// A random JSON value that is valid and exactly representable (for valid requests).
inline std::string clean_value(rng& r, int depth = 3) {
  switch (r.below(depth > 0 ? 6 : 4)) {
    case 0: return std::to_string(static_cast<std::int64_t>(r.next() >> r.below(64)));
    case 1: return "\"please echo " + std::to_string(r.below(100000)) + " \xc3\xa9\\u00e9\\ud83d\\ude00\"";
    case 2: return r.chance(0.5) ? "0.5" : "-1.25e-7";
    case 3: return r.chance(0.5) ? "false" : "null";
    case 4: {
      std::string s = "[";
      for (std::size_t i = r.below(4); i > 0; --i) s += clean_value(r, depth - 1) + (i > 1 ? "," : "");
      return s + "]";
    }
    default: return "{\"k\":" + clean_value(r, depth - 1) + ",\"\\u00e9\":[]}";
  }
}

// A workload as the fuzzer knows it.
struct profile {
  std::vector<std::string> peer_types;                 // node-to-node: no answer required
  std::function<std::string(rng&)> request;            // a valid client body, without msg_id
  std::function<std::string(rng&)> peer_body;          // a plausible or forged peer body
  std::string probe_type;                              // asked after every case ...
  std::string probe_ok;                                // ... and answered with this
  std::string probe_fields = "";                       // more members of the probe's body
  // Optional: a large body within the line limit (the issue's sparse gossip), and a check of
  // what the node sends to peers (nullopt when fine).
  std::function<std::string(rng&)> big_body = nullptr;
  std::function<std::optional<std::string>(jv const& body)> check_to_peer = nullptr;
  bool probe_may_fail = false;  // an error reply to the probe also counts as its answer
  // Services and live peers never lose an answer (a forged reply comes beside the real one):
  // for designs that, like the Go original, wait for them without a deadline.
  bool reliable_replies = false;
  // A live peer's answer body to a node's message to it ("" for none; in_reply_to is added).
  std::function<std::string(jv const& body)> peer_answer = nullptr;
};

inline std::string delta(rng& r) {
  return r.chance(0.8) ? std::to_string(static_cast<std::int64_t>(r.below(20))) : r.pick(tokens());
}

// big_values: how many sparse values the large peer message carries (100000 is just under the
// node's 1 MiB line limit).
inline profile profile_for(std::string const& workload, int big_values = 5000) {
  if (workload == "echo") {
    return {{}, [](rng& r) { return "{\"type\":\"echo\",\"echo\":" + clean_value(r) + "}"; },
            [](rng& r) { return "{\"type\":\"echo\",\"echo\":" + random_value(r) + "}"; }, "echo", "echo_ok"};
  }
  if (workload == "unique-ids") {
    return {{}, [](rng&) { return std::string("{\"type\":\"generate\"}"); },
            [](rng& r) { return "{\"type\":\"generate\",\"id\":" + random_value(r) + "}"; }, "generate", "generate_ok"};
  }
  if (workload == "broadcast") {
    return {{"gossip", "gossip_ok", "have"},
            [](rng& r) -> std::string {
              switch (r.below(3)) {
                case 0: return "{\"type\":\"broadcast\",\"message\":" + std::to_string(r.below(5000)) + "}";
                case 1: return "{\"type\":\"read\"}";
                default: return R"({"type":"topology","topology":{"n0":["n1","n2"],"n1":["n0"],"n2":["n0"]}})";
              }
            },
            [](rng& r) -> std::string {
              std::string const a = random_number(r), b = random_number(r);
              switch (r.below(4)) {
                case 0: return "{\"type\":\"gossip\",\"values\":[" + a + "," + b + "]}";
                case 1: return "{\"type\":\"gossip\",\"values\":[1,2],\"ack\":" + a + "}";
                case 2: return "{\"type\":\"gossip_ok\",\"ack\":" + a + "}";
                default: return "{\"type\":\"have\",\"all\":[[" + a + "," + b + "]],\"settled\":[[0," + b + "]]}";
              }
            },
            "topology", "topology_ok", R"(,"topology":{"n0":["n1","n2"],"n1":["n0"],"n2":["n0"]})",
            [big_values](rng& r) {  // sparse values: the work and state one line may cause
              std::string s = "{\"type\":\"gossip\",\"values\":[0";
              for (int i = 0; i < big_values; ++i) s += "," + std::to_string((r.next() >> 44) * 3);
              return s + "]}";
            }};
  }
  // g-counter, pn-counter
  return {{"counter_state"},
          [](rng& r) -> std::string {
            if (r.chance(0.3)) return "{\"type\":\"read\"}";
            return "{\"type\":\"add\",\"delta\":" + std::to_string(r.below(20)) + "}";
          },
          [](rng& r) -> std::string {
            if (r.chance(0.5)) return "{\"type\":\"add\",\"delta\":" + delta(r) + "}";
            return "{\"type\":\"counter_state\",\"state\":{\"p\":{\"n1\":" + delta(r) + ",\"n0\":" + delta(r) +
                   "},\"n\":{\"n2\":" + delta(r) + "}}}";
          },
          "read", "read_ok", "", nullptr,
          [](jv const& body) -> std::optional<std::string> {  // peers reject negative or non-int64 totals
            auto const* type = body.get("type");
            if (!type || type->text != "counter_state") return std::nullopt;
            auto const* state = body.get("state");
            for (char const* side : {"p", "n"}) {
              auto const* m = state ? state->get(side) : nullptr;
              if (!m || m->kind != jv::object) return "a counter_state without its " + std::string(side) + " map";
              for (auto const& [node, total] : m->members) {
                auto const t = as_int64(&total);
                if (!t || *t < 0) return "a counter_state total peers must reject: " + node + "=" + total.text;
              }
            }
            return std::nullopt;
          }};
}

// An envelope around body text; msg_id first or last in the body (both orders happen).
inline std::string envelope(std::string const& src, std::string const& body, std::string const& msg_id, bool id_first) {
  std::string b = body;
  if (!msg_id.empty()) {
    if (id_first) b.insert(1, "\"msg_id\":" + msg_id + ",");
    else b.insert(b.size() - 1, ",\"msg_id\":" + msg_id);
  }
  return "{\"src\":\"" + src + "\",\"dest\":\"n0\",\"body\":" + b + "}";
}

// Byte-level damage to a line; the result never contains a newline.
inline std::string mutate_bytes(rng& r, std::string s) {
  for (std::size_t rounds = 1 + r.below(4); rounds > 0; --rounds) {
    std::size_t const at = r.below(s.size() + 1);
    switch (r.below(8)) {
      case 0: if (at < s.size()) s[at] = static_cast<char>(s[at] ^ (1 << r.below(8))); break;
      case 1: if (at < s.size()) s[at] = static_cast<char>(r.below(256)); break;
      case 2: s.erase(at, r.below(8)); break;
      case 3: s.insert(at, std::string(1 + r.below(3), static_cast<char>(r.below(256)))); break;
      case 4: { auto const from = r.below(s.size()); s.insert(at, s.substr(from, r.below(16))); break; }
      case 5: s.resize(at); break;
      case 6: s.insert(at, r.pick(tokens())); break;
      default: {  // a digit run becomes another number
        auto const d = s.find_first_of("0123456789", at);
        if (d == std::string::npos) break;
        auto const e = s.find_first_not_of("0123456789.eE+-", d);
        s.replace(d, (e == std::string::npos ? s.size() : e) - d, random_number(r));
      }
    }
  }
  std::replace(s.begin(), s.end(), '\n', ' ');
  return s;
}

// Depth of the deepest array or object in text (strings skipped), for deciding whether the node
// can read far enough to answer.
inline int nesting(std::string_view s) {
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char const c = s[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') in_string = true;
    else if (c == '[' || c == '{') deepest = std::max(deepest, ++depth);
    else if (c == ']' || c == '}') --depth;
  }
  return deepest;
}

}  // namespace glomers::fuzz
