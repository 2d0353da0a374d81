// Hand-made lin-kv histories: ops of one key, invoked and completed in the order written.
#pragma once

#include "harness/history.hpp"

#include <string>
#include <utility>

namespace glomers::harness::linearizable_test {

struct builder {
  history h;
  json::value key = 0;

  std::int64_t invoke(std::int64_t process, std::string f, json::value arg) {
    op o;
    o.index = static_cast<std::int64_t>(h.size());
    o.type = op_type::invoke;
    o.f = std::move(f);
    o.value = json::array{key, std::move(arg)};
    o.process = process;
    o.time = std::chrono::milliseconds(o.index);
    h.push_back(o);
    return o.index;
  }
  // Completes an invocation; a read's ok carries the value read.
  void complete(std::int64_t inv, op_type type, json::value read = nullptr) {
    op o = h[static_cast<std::size_t>(inv)];
    o.index = static_cast<std::int64_t>(h.size());
    o.type = type;
    if (o.f == "read") o.value = json::array{o.value.get_array()[0], std::move(read)};
    o.time = std::chrono::milliseconds(o.index);
    o.invocation = inv;
    h.push_back(o);
  }
  std::int64_t read(std::int64_t p) { return invoke(p, "read", nullptr); }
  std::int64_t write(std::int64_t p, std::int64_t v) { return invoke(p, "write", v); }
  std::int64_t cas(std::int64_t p, std::int64_t from, std::int64_t to) { return invoke(p, "cas", json::array{from, to}); }

  // Sequential ops: invoked and completed at once.
  void ok_read(std::int64_t p, json::value v) { complete(read(p), op_type::ok, std::move(v)); }
  void ok_write(std::int64_t p, std::int64_t v) { complete(write(p, v), op_type::ok); }
  void ok_cas(std::int64_t p, std::int64_t from, std::int64_t to) { complete(cas(p, from, to), op_type::ok); }
};

}  // namespace glomers::harness::linearizable_test
