// Maelstrom's error codes (resources/errors.edn): names, and whether each is definite.
//
// A definite error means the operation certainly did not happen; an indefinite one (timeout,
// crash, any unknown or user code >= 1000) means it may have happened, or may yet.
#pragma once

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace glomers {

enum class error_code : std::int64_t {
  timeout = 0,
  node_not_found = 1,
  not_supported = 10,
  temporarily_unavailable = 11,
  malformed_request = 12,
  crash = 13,
  abort = 14,
  key_does_not_exist = 20,
  key_already_exists = 21,
  precondition_failed = 22,
  txn_conflict = 30,
};

struct error_info {
  error_code code;
  std::string_view name;
  bool definite;
};

inline constexpr std::array<error_info, 11> error_table{{
    {error_code::timeout, "timeout", false},
    {error_code::node_not_found, "node-not-found", true},
    {error_code::not_supported, "not-supported", true},
    {error_code::temporarily_unavailable, "temporarily-unavailable", true},
    {error_code::malformed_request, "malformed-request", true},
    {error_code::crash, "crash", false},
    {error_code::abort, "abort", true},
    {error_code::key_does_not_exist, "key-does-not-exist", true},
    {error_code::key_already_exists, "key-already-exists", true},
    {error_code::precondition_failed, "precondition-failed", true},
    {error_code::txn_conflict, "txn-conflict", true},
}};

// The table row for a code; nullptr for unknown and user codes.
constexpr error_info const* find_error(std::int64_t code) {
  for (auto const& e : error_table) {
    if (static_cast<std::int64_t>(e.code) == code) return &e;
  }
  return nullptr;
}

// Maelstrom's name for a code: "unknown" when the table has none.
constexpr std::string_view error_name(std::int64_t code) {
  auto const* e = find_error(code);
  return e ? e->name : "unknown";
}

// Unknown codes, and all user codes (>= 1000), are indefinite.
constexpr bool is_definite(std::int64_t code) {
  auto const* e = find_error(code);
  return e && e->definite;
}

// An error a handler throws to answer with a specific code, and what an RPC's caller receives
// when the peer answered with an error body or did not answer in time (code 0).
class error : public std::runtime_error {
 public:
  error(error_code code, std::string text)
      : error(static_cast<std::int64_t>(code), std::move(text)) {}
  error(std::int64_t code, std::string text) : std::runtime_error(text), code_(code) {}

  std::int64_t code() const noexcept { return code_; }
  bool is(error_code c) const noexcept { return code_ == static_cast<std::int64_t>(c); }
  bool definite() const noexcept { return is_definite(code_); }
  std::string_view name() const noexcept { return error_name(code_); }
  std::string text() const { return what(); }

 private:
  std::int64_t code_;
};

}  // namespace glomers
