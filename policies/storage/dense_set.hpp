// storage::dense_set: a bitmap for values in [0, DenseMax) (Maelstrom broadcasts 0, 1, 2, ...),
// a std::set for the rest.
#pragma once

#include "policies/storage.hpp"

#include <set>

namespace glomers::storage {

class dense_set {
 public:
  using policy_role = role;
  static constexpr std::int64_t dense_max = std::int64_t{1} << 24;

  bool insert(std::int64_t v) {
    bool fresh;
    if (v >= 0 && v < dense_max) {
      auto const i = static_cast<std::size_t>(v);
      if (i >= bits_.size()) bits_.resize(std::max(i + 1, bits_.size() * 2), false);
      fresh = !bits_[i];
      bits_[i] = true;
    } else {
      fresh = sparse_.insert(v).second;
    }
    if (fresh) ++size_;
    return fresh;
  }
  bool contains(std::int64_t v) const {
    if (v >= 0 && v < dense_max) return static_cast<std::size_t>(v) < bits_.size() && bits_[static_cast<std::size_t>(v)];
    return sparse_.count(v) != 0;
  }
  std::size_t size() const { return size_; }
  std::vector<std::int64_t> values() const {
    std::vector<std::int64_t> out;
    out.reserve(size_);
    for (auto it = sparse_.begin(); it != sparse_.end() && *it < 0; ++it) out.push_back(*it);
    for (std::size_t i = 0; i < bits_.size(); ++i) {
      if (bits_[i]) out.push_back(static_cast<std::int64_t>(i));
    }
    for (auto it = sparse_.lower_bound(dense_max); it != sparse_.end(); ++it) out.push_back(*it);
    return out;
  }

 private:
  std::vector<bool> bits_;
  std::set<std::int64_t> sparse_;
  std::size_t size_ = 0;
};

static_assert(storage_policy<dense_set>);

}  // namespace glomers::storage
