// Strict reading and writing of protocol JSON.
//
// Reading (parse_strict): standard JSON (UTF-8 checked, bounded depth), plus the number rules
// Maelstrom's side (Jackson) needs for a value to come back unchanged: an integer must fit in
// 64 bits (Jackson keeps larger ones exact as BigIntegers, we could only round them), and a
// fraction or exponent must give a finite double that is not a non-zero value flushed to 0.
// Doubles are converted with std::from_chars (correctly rounded, as Jackson does), not Boost
// 1.81's faster approximate path. A bad number does not stop the parse: it becomes null and
// the first one is reported, so the whole envelope (src, msg_id) is still known for the reply.
// A line that fails to parse still yields the top-level "src" and the body's "msg_id" when they
// came before the error.
//
// Writing (unwritable): names the first part of a value that would not serialise as valid JSON
// (a non-finite double, a string or key that is not UTF-8), so no such line is ever sent.
#pragma once

#include <boost/json.hpp>
#include <boost/json/basic_parser_impl.hpp>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace glomers::detail {

struct strict_parse {
  std::optional<boost::json::value> value;  // set when the text is valid JSON
  std::string error;                        // why not, or the first bad number (value unset)
  std::optional<std::string> src;           // top-level "src", when a string
  std::optional<boost::json::value> msg_id; // body.msg_id as parsed (any JSON scalar)
};

class strict_handler {
 public:
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);

  boost::json::value_stack st;
  std::string bad_number;  // the first, with why
  std::optional<std::string> src;
  std::optional<boost::json::value> msg_id;

  strict_handler() { st.reset(); }

  bool on_document_begin(boost::json::error_code&) { return true; }
  bool on_document_end(boost::json::error_code&) { return true; }
  bool on_object_begin(boost::json::error_code&) {
    ++events_;
    path_.emplace_back();
    in_object_.push_back(true);
    return true;
  }
  bool on_object_end(std::size_t n, boost::json::error_code&) {
    ++events_;
    pop();
    st.push_object(n);
    return true;
  }
  bool on_array_begin(boost::json::error_code&) {
    ++events_;
    path_.emplace_back();
    in_object_.push_back(false);
    return true;
  }
  bool on_array_end(std::size_t n, boost::json::error_code&) {
    ++events_;
    pop();
    st.push_array(n);
    return true;
  }
  bool on_key_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    ++events_;
    if (tracked_depth()) path_.back().append(s.data(), s.size());
    st.push_chars(s);
    return true;
  }
  bool on_key(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    ++events_;
    if (tracked_depth()) path_.back().append(s.data(), s.size());
    st.push_key(s);
    return true;
  }
  bool on_string_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    ++events_;
    if (at_src()) text_.append(s.data(), s.size());
    st.push_chars(s);
    return true;
  }
  bool on_string(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    ++events_;
    if (at_src()) {
      text_.append(s.data(), s.size());
      src = std::move(text_);
    } else if (at_msg_id()) {
      msg_id_at_ = events_, msg_id = boost::json::value(s);
    }
    text_.clear();
    st.push_string(s);
    return scalar_done();
  }
  bool on_number_part(boost::json::string_view s, boost::json::error_code&) {
    ++events_;
    number_.append(s.data(), s.size());
    return true;
  }
  bool on_int64(std::int64_t i, boost::json::string_view, boost::json::error_code&) {
    ++events_;
    number_.clear();
    if (at_msg_id()) msg_id_at_ = events_, msg_id = i;
    st.push_int64(i);
    return scalar_done();
  }
  bool on_uint64(std::uint64_t u, boost::json::string_view, boost::json::error_code&) {
    ++events_;
    number_.clear();
    if (at_msg_id()) msg_id_at_ = events_, msg_id = u;
    st.push_uint64(u);
    return scalar_done();
  }
  bool on_double(double, boost::json::string_view s, boost::json::error_code&) {
    ++events_;
    number_.append(s.data(), s.size());
    auto const checked = exact_double(number_);
    if (checked) {
      if (at_msg_id()) msg_id_at_ = events_, msg_id = *checked;
      st.push_double(*checked);
    } else {
      st.push_null();
    }
    number_.clear();
    return scalar_done();
  }
  bool on_bool(bool b, boost::json::error_code&) {
    ++events_;
    if (at_msg_id()) msg_id_at_ = events_, msg_id = b;
    st.push_bool(b);
    return scalar_done();
  }
  bool on_null(boost::json::error_code&) {
    ++events_;
    if (at_msg_id()) msg_id_at_ = events_, msg_id = nullptr;
    st.push_null();
    return scalar_done();
  }
  bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }

 private:
  // Only the keys of the envelope and of the body matter for salvaging src and msg_id.
  bool tracked_depth() const { return path_.size() <= 2 && !in_object_.empty() && in_object_.back(); }
  bool at_src() const { return path_.size() == 1 && in_object_[0] && path_[0] == "src"; }
  bool at_msg_id() const {
    return path_.size() == 2 && in_object_[0] && in_object_[1] && path_[0] == "body" && path_[1] == "msg_id";
  }
  // After a member's value, the next key starts afresh.
  bool scalar_done() {
    if (!path_.empty() && in_object_.back()) path_.back().clear();
    return true;
  }
  void pop() {
    path_.pop_back();
    in_object_.pop_back();
    scalar_done();
  }

  // The double Jackson would read from text, unless it cannot be sent back unchanged.
  std::optional<double> exact_double(std::string_view text) {
    bool const integer_syntax = text.find_first_of(".eE") == std::string_view::npos;
    auto const keep = [&](char const* why) {
      if (bad_number.empty()) bad_number = "number " + std::string(text.substr(0, 64)) + " " + why;
      return std::nullopt;
    };
    if (integer_syntax) return keep("does not fit in a 64-bit integer");
    double d = 0;
    auto const [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
    // from_chars reports overflow and underflow (to 0) alike, leaving d unset.
    if (ec == std::errc::result_out_of_range) return keep("is outside the range of a double");
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(d)) return keep("is not a number");
    return d;
  }

 public:
  // A salvaged msg_id is trusted only when the parse went on after it: in "msg_id":01 the
  // parser completes 0 and then fails on the 1.
  bool msg_id_complete() const { return events_ > msg_id_at_; }

 private:
  std::size_t events_ = 0, msg_id_at_ = 0;
  std::vector<std::string> path_;  // current key per level (arrays: unused)
  std::vector<bool> in_object_;
  std::string text_;    // src, assembled
  std::string number_;  // the current number's text, assembled
};

inline strict_parse parse_strict(std::string_view text, std::size_t max_depth = 64) {
  boost::json::parse_options opt;
  opt.max_depth = max_depth;
  boost::json::basic_parser<strict_handler> p(opt);
  boost::json::error_code ec;
  auto const used = p.write_some(false, text.data(), text.size(), ec);
  strict_parse out;
  auto& h = p.handler();
  out.src = std::move(h.src);
  out.msg_id = std::move(h.msg_id);
  if (ec) {
    if (!h.msg_id_complete()) out.msg_id.reset();
    out.error = "not valid JSON: " + ec.message() + " at byte " + std::to_string(used);
    return out;
  }
  if (used != text.size()) {
    out.error = "not valid JSON: extra data at byte " + std::to_string(used);
    return out;
  }
  if (!h.bad_number.empty()) {
    out.error = std::move(h.bad_number);
    return out;
  }
  out.value = h.st.release();
  return out;
}

// True when s is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
inline bool valid_utf8(std::string_view s) {
  auto const* p = reinterpret_cast<unsigned char const*>(s.data());
  auto const* end = p + s.size();
  while (p < end) {
    unsigned const c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) n = 1;
    else if (c == 0xE0) n = 2, lo = 0xA0;
    else if (c == 0xED) n = 2, hi = 0x9F;
    else if (c >= 0xE1 && c <= 0xEF) n = 2;
    else if (c == 0xF0) n = 3, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) n = 3;
    else if (c == 0xF4) n = 3, hi = 0x8F;
    else return false;
    if (end - p <= n) return false;
    if (p[1] < lo || p[1] > hi) return false;
    for (int i = 2; i <= n; ++i) {
      if (p[i] < 0x80 || p[i] > 0xBF) return false;
    }
    p += n + 1;
  }
  return true;
}

// s with every byte that is not part of valid UTF-8 replaced by '?': for texts that quote input.
inline std::string sanitize_utf8(std::string_view s) {
  if (valid_utf8(s)) return std::string(s);
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = 1;
    while (n <= 4 && i + n <= s.size() && !valid_utf8(s.substr(i, n))) ++n;
    if (n <= 4 && i + n <= s.size()) {
      out.append(s.substr(i, n));
      i += n;
    } else {
      out += '?';
      ++i;
    }
  }
  return out;
}

// What in v would not serialise as valid JSON, or nullopt. Iterative: depth is not bounded here.
inline std::optional<std::string> unwritable(boost::json::value const& v) {
  std::vector<boost::json::value const*> todo{&v};
  while (!todo.empty()) {
    auto const* x = todo.back();
    todo.pop_back();
    switch (x->kind()) {
      case boost::json::kind::double_:
        if (!std::isfinite(x->get_double())) return std::string("a non-finite number");
        break;
      case boost::json::kind::string:
        if (!valid_utf8(x->get_string())) return std::string("a string that is not UTF-8");
        break;
      case boost::json::kind::array:
        for (auto const& e : x->get_array()) todo.push_back(&e);
        break;
      case boost::json::kind::object:
        for (auto const& [k, e] : x->get_object()) {
          if (!valid_utf8(k)) return std::string("a key that is not UTF-8");
          todo.push_back(&e);
        }
        break;
      default:
        break;
    }
  }
  return std::nullopt;
}

}  // namespace glomers::detail
