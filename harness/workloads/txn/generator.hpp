// Elle 0.2.2's wr-txns (spec §6.8), the generator of both txn workloads: txns of 1..max-length
// micro-ops, each a read or a write (append) with equal odds, on a pool of key-count keys drawn
// with the exponential distribution (the last slot about half the time). A key's writes are
// 1, 2, ... max-writes-per-key; the write after that retires the key: its slot gets a fresh key
// (one above the largest in the pool) and the micro-op is drawn again.
#pragma once

#include "harness/world.hpp"
#include "maelstrom/json.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <vector>

namespace glomers::harness::txn {

class wr_txns {
 public:
  struct options {
    std::int64_t key_count = 10;
    std::int64_t min_length = 1;
    std::int64_t max_length = 4;
    std::int64_t max_writes_per_key = 16;
    bool append = false;  // list-append: "append" instead of "w"
  };

  explicit wr_txns(options o) : o_(o) {
    for (std::int64_t k = 0; k < o_.key_count; ++k) active_.push_back(k);
    scale_ = (std::pow(2.0, static_cast<double>(o_.key_count)) - 1) * 2;
  }

  // The next txn: [["r", k, null], ["w", k, v], ...].
  json::array next(world& w) {
    auto length = o_.min_length + w.uniform_int(0, o_.max_length - o_.min_length);
    json::array txn;
    while (length > 0) {
      bool const write = w.uniform_int(0, 1) == 1;
      auto const i = static_cast<std::size_t>(std::floor(std::log2(w.uniform() * scale_ + 2) - 1));
      auto const k = active_[std::min(i, active_.size() - 1)];
      if (!write) {
        txn.push_back(json::array{"r", k, nullptr});
        --length;
        continue;
      }
      auto& next = next_value_.try_emplace(k, 1).first->second;
      if (next > o_.max_writes_per_key) {
        auto const fresh = *std::max_element(active_.begin(), active_.end()) + 1;
        *std::find(active_.begin(), active_.end(), k) = fresh;
        continue;
      }
      txn.push_back(json::array{o_.append ? "append" : "w", k, next++});
      --length;
    }
    return txn;
  }

  // Every key the generator has handed out so far (for our final reads).
  std::vector<std::int64_t> keys() const {
    std::int64_t const top = *std::max_element(active_.begin(), active_.end());
    std::vector<std::int64_t> out;
    for (std::int64_t k = 0; k <= top; ++k) out.push_back(k);
    return out;
  }

 private:
  options o_;
  std::vector<std::int64_t> active_;
  std::map<std::int64_t, std::int64_t> next_value_;
  double scale_ = 0;
};

}  // namespace glomers::harness::txn
