// The fuzzer's own JSON reader, independent of Boost.JSON and of the node's parser: strict
// RFC 8259 (UTF-8 checked, no NaN/Infinity, no trailing data), numbers kept as their raw text.
// canonical() renders a value as Maelstrom (Jackson) would see it: an integer literal exactly
// (of any size), any other number as the double it rounds to, or "!" when no double holds it.
#pragma once

#include "maelstrom/detail/json_strict.hpp"

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace glomers::fuzz {

struct jv {
  enum kind_t { null, boolean, number, string, array, object } kind = null;
  bool b = false;
  std::string text;  // a number's raw text, or a string's decoded UTF-8
  std::vector<jv> items;
  std::vector<std::pair<std::string, jv>> members;

  // The member named key; the last of duplicates, as Boost.JSON and Jackson keep.
  jv const* get(std::string_view key) const {
    if (kind != object) return nullptr;
    jv const* found = nullptr;
    for (auto const& [k, v] : members) {
      if (k == key) found = &v;
    }
    return found;
  }
  bool is_string() const { return kind == string; }
};

// The value of an integer literal in the int64 range.
inline std::optional<std::int64_t> as_int64(jv const* v) {
  if (!v || v->kind != jv::number || v->text.find_first_of(".eE") != std::string::npos) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  long long const x = std::strtoll(v->text.c_str(), &end, 10);
  if (errno == ERANGE || *end) return std::nullopt;
  return x;
}

class reader {
 public:
  explicit reader(std::string_view s, int max_depth = 2000) : s_(s), max_depth_(max_depth) {}

  std::optional<jv> document(std::string& error) {
    jv v;
    ws();
    if (!value(v, 0)) {
      error = error_ + " at byte " + std::to_string(i_);
      return std::nullopt;
    }
    ws();
    if (i_ != s_.size()) {
      error = "trailing data at byte " + std::to_string(i_);
      return std::nullopt;
    }
    return v;
  }

 private:
  bool fail(char const* why) {
    error_ = why;
    return false;
  }
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  bool lit(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return fail("bad literal");
    i_ += w.size();
    return true;
  }
  bool value(jv& v, int depth) {
    if (depth > max_depth_) return fail("too deep");
    if (i_ >= s_.size()) return fail("unexpected end");
    char const c = s_[i_];
    if (c == 'n') return v.kind = jv::null, lit("null");
    if (c == 't') return v.kind = jv::boolean, v.b = true, lit("true");
    if (c == 'f') return v.kind = jv::boolean, lit("false");
    if (c == '"') return v.kind = jv::string, str(v.text);
    if (c == '[') {
      v.kind = jv::array;
      ++i_;
      ws();
      if (i_ < s_.size() && s_[i_] == ']') return ++i_, true;
      for (;;) {
        ws();
        v.items.emplace_back();
        if (!value(v.items.back(), depth + 1)) return false;
        ws();
        if (i_ < s_.size() && s_[i_] == ',') { ++i_; continue; }
        if (i_ < s_.size() && s_[i_] == ']') return ++i_, true;
        return fail("expected , or ]");
      }
    }
    if (c == '{') {
      v.kind = jv::object;
      ++i_;
      ws();
      if (i_ < s_.size() && s_[i_] == '}') return ++i_, true;
      for (;;) {
        ws();
        std::string key;
        if (i_ >= s_.size() || s_[i_] != '"' || !str(key)) return fail("expected a key");
        ws();
        if (i_ >= s_.size() || s_[i_] != ':') return fail("expected :");
        ++i_;
        ws();
        v.members.emplace_back(std::move(key), jv{});
        if (!value(v.members.back().second, depth + 1)) return false;
        ws();
        if (i_ < s_.size() && s_[i_] == ',') { ++i_; continue; }
        if (i_ < s_.size() && s_[i_] == '}') return ++i_, true;
        return fail("expected , or }");
      }
    }
    return num(v);
  }
  bool digits() {
    auto const start = i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    return i_ > start;
  }
  bool num(jv& v) {
    auto const start = i_;
    if (s_[i_] == '-') ++i_;
    if (i_ < s_.size() && s_[i_] == '0') ++i_;
    else if (!digits()) return fail("bad number");
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      if (!digits()) return fail("bad fraction");
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (!digits()) return fail("bad exponent");
    }
    v.kind = jv::number;
    v.text = std::string(s_.substr(start, i_ - start));
    return true;
  }
  static void utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) out += char(cp);
    else if (cp < 0x800) out += char(0xC0 | cp >> 6), out += char(0x80 | (cp & 0x3F));
    else if (cp < 0x10000) out += char(0xE0 | cp >> 12), out += char(0x80 | (cp >> 6 & 0x3F)), out += char(0x80 | (cp & 0x3F));
    else out += char(0xF0 | cp >> 18), out += char(0x80 | (cp >> 12 & 0x3F)), out += char(0x80 | (cp >> 6 & 0x3F)), out += char(0x80 | (cp & 0x3F));
  }
  bool hex4(unsigned& cp) {
    if (i_ + 4 > s_.size()) return fail("short \\u escape");
    cp = 0;
    for (int k = 0; k < 4; ++k) {
      char const h = s_[i_++];
      cp <<= 4;
      if (h >= '0' && h <= '9') cp |= unsigned(h - '0');
      else if (h >= 'a' && h <= 'f') cp |= unsigned(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') cp |= unsigned(h - 'A' + 10);
      else return fail("bad \\u escape");
    }
    return true;
  }
  bool str(std::string& out) {
    ++i_;  // the opening quote
    auto const start = i_;
    for (;;) {
      if (i_ >= s_.size()) return fail("unterminated string");
      unsigned char const c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') break;
      if (c < 0x20) return fail("control character in a string");
      if (c != '\\') {
        out += char(c);
        ++i_;
        continue;
      }
      if (++i_ >= s_.size()) return fail("unterminated escape");
      char const e = s_[i_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp;
          if (!hex4(cp)) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return fail("lone low surrogate");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned lo;
            if (s_.substr(i_, 2) != "\\u") return fail("lone high surrogate");
            i_ += 2;
            if (!hex4(lo)) return false;
            if (lo < 0xDC00 || lo > 0xDFFF) return fail("bad surrogate pair");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          utf8(out, cp);
          break;
        }
        default: return fail("bad escape");
      }
    }
    (void)start;
    ++i_;
    if (!glomers::detail::valid_utf8(out)) return fail("string is not UTF-8");
    return true;
  }

  std::string_view s_;
  int max_depth_;
  std::size_t i_ = 0;
  std::string error_;
};

inline std::optional<jv> parse(std::string_view s, std::string& error) { return reader(s).document(error); }

inline void dump_string(std::string& out, std::string_view s) {
  out += '"';
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') out += '\\', out += char(c);
    else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else out += char(c);
  }
  out += '"';
}

// Compact JSON text; numbers as their raw text, so nothing is rounded on the way.
inline void dump(std::string& out, jv const& v, bool canonical = false) {
  switch (v.kind) {
    case jv::null: out += "null"; break;
    case jv::boolean: out += v.b ? "true" : "false"; break;
    case jv::string: dump_string(out, v.text); break;
    case jv::number:
      if (!canonical) {
        out += v.text;
      } else if (v.text.find_first_of(".eE") == std::string::npos) {
        out += v.text == "-0" ? "0" : v.text;  // Jackson: a Long or BigInteger, exact
      } else {
        double const d = std::strtod(v.text.c_str(), nullptr);
        auto const mantissa = v.text.substr(0, v.text.find_first_of("eE"));
        bool const nonzero = mantissa.find_first_of("123456789") != std::string::npos;
        if (!std::isfinite(d) || (d == 0 && nonzero)) {
          out += "!";
        } else {
          char buf[40];
          std::snprintf(buf, sizeof buf, "%.17gd", d == 0 ? 0.0 : d);
          out += buf;
        }
      }
      break;
    case jv::array:
      out += '[';
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        if (i) out += ',';
        dump(out, v.items[i], canonical);
      }
      out += ']';
      break;
    case jv::object:
      if (canonical) {  // a Clojure map: unordered, the last of duplicate keys wins
        std::map<std::string, std::string> m;
        for (auto const& [k, e] : v.members) {
          std::string x;
          dump(x, e, true);
          m[k] = std::move(x);
        }
        out += '{';
        for (auto const& [k, x] : m) {
          if (out.back() != '{') out += ',';
          dump_string(out, k);
          out += ':' + x;
        }
        out += '}';
        break;
      }
      out += '{';
      for (std::size_t i = 0; i < v.members.size(); ++i) {
        if (i) out += ',';
        dump_string(out, v.members[i].first);
        out += ':';
        dump(out, v.members[i].second, canonical);
      }
      out += '}';
      break;
  }
}
inline std::string dump(jv const& v) {
  std::string out;
  dump(out, v);
  return out;
}
inline std::string canonical(jv const& v) {
  std::string out;
  dump(out, v, true);
  return out;
}

}  // namespace glomers::fuzz
