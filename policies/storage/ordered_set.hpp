// storage::ordered_set: a std::set of values.
#pragma once

#include "policies/storage.hpp"

#include <set>

namespace glomers::storage {

class ordered_set {
 public:
  using policy_role = role;
  bool insert(std::int64_t v) {
    return values_.insert(v).second;
  }
  bool contains(std::int64_t v) const { return values_.count(v) != 0; }
  std::size_t size() const { return values_.size(); }
  std::vector<std::int64_t> values() const { return {values_.begin(), values_.end()}; }

 private:
  std::set<std::int64_t> values_;
};

static_assert(storage_policy<ordered_set>);

}  // namespace glomers::storage
