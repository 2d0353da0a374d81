// detail::line_splitter: bytes in, newline-terminated lines out. The one line splitter of the
// project: the node runtime splits its stdin with it, the harness each node's stdout and stderr.
//
// With a bound, a line longer than max_line_bytes comes out cut to max_line_bytes + 1 bytes (so
// the reader can tell it was too long and still answer from its head); the rest of a long line
// still arriving is skipped as it comes, never buffered. A line handed out stays valid until the next
// append().
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace glomers::detail {

class line_splitter {
 public:
  static constexpr std::size_t unbounded = static_cast<std::size_t>(-1);

  explicit line_splitter(std::size_t max_line_bytes = unbounded) : max_(max_line_bytes) {}

  void set_max_line_bytes(std::size_t max_line_bytes) { max_ = max_line_bytes; }

  void append(std::string_view bytes) {
    data_.erase(0, pos_);  // what was handed out is no longer needed
    pos_ = 0;
    data_.append(bytes);
  }

  // The next complete line, without its newline; nullopt until more bytes come.
  std::optional<std::string_view> next() {
    for (;;) {
      auto const nl = data_.find('\n', pos_);
      if (nl == std::string::npos) break;
      std::string_view const line(data_.data() + pos_, nl - pos_);
      pos_ = nl + 1;
      if (skipping_) {
        skipping_ = false;  // the end of an over-long line
        continue;
      }
      return line.substr(0, max_ == unbounded ? line.size() : max_ + 1);
    }
    if (skipping_) {
      pos_ = data_.size();
    } else if (max_ != unbounded && data_.size() - pos_ > max_) {
      std::string_view const head(data_.data() + pos_, max_ + 1);
      pos_ = data_.size();
      skipping_ = true;
      return head;
    }
    return std::nullopt;
  }

  // What follows the last complete line (a last line without its newline), taken away; empty
  // while inside an over-long line.
  std::string take_rest() {
    std::string rest = skipping_ ? std::string() : data_.substr(pos_);
    data_.clear();
    pos_ = 0;
    skipping_ = false;
    return rest;
  }

 private:
  std::string data_;
  std::size_t pos_ = 0;
  std::size_t max_;
  bool skipping_ = false;
};

}  // namespace glomers::detail
