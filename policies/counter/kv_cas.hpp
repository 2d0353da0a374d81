// counter::kv_cas<FlushMs, RefreshMs>: the whole count in one seq-kv key, "counter".
//
// Adds are acknowledged at once and summed locally; every FlushMs the pending sum is applied with
// compare-and-set from the last value this node knows. seq-kv applies a successful cas to its
// newest state, so a cas from a stale value fails (22) instead of losing an update; the node then
// reads (possibly stale again) and retries until one succeeds. Reads answer from a cached value
// refreshed every RefreshMs: a unique write to "sync-<node>" first moves this node's seq-kv
// watermark to the newest state, so the read that follows cannot be stale.
// Cost: a cas per FlushMs per node while adds arrive (plus a read and a cas per conflict), and a
// write and a read per RefreshMs per node.
// Input checks: an add that would take the count out of the int64 range gets 12; a seq-kv value
// that is not an int64 is treated as a failed read.
// Limits: a cas that times out may or may not have applied; it is retried as not applied, which
// would count it twice if it had. seq-kv is never partitioned and answers within two link
// latencies, so this needs a lost reply; counter::crdt has no such case.
#pragma once

#include "maelstrom/kv.hpp"
#include "maelstrom/runtime/manual.hpp"
#include "policies/counter.hpp"

#include <chrono>
#include <cstdint>
#include <optional>

namespace glomers::counter {

template <std::int64_t FlushMs, std::int64_t RefreshMs>
struct kv_cas {
  template <runtime_policy Runtime>
  class model {
   public:
    using policy_role = role;
    static constexpr char const* key = "counter";

    explicit model(node<Runtime>& n) : n_(n), kv_(n, "seq-kv") {
      n.on_init([this] {
        n_.every(std::chrono::milliseconds(FlushMs), [this] { flush(); });
        n_.every(std::chrono::milliseconds(RefreshMs), [this] { refresh(); });
      });
    }

    template <class F>
    void add(std::int64_t delta, F done) {
      if (!fits(__int128{pending_} + delta) || !fits(total() + delta)) {
        return done(status(error(error_code::malformed_request, "add: the counter would overflow int64")));
      }
      pending_ += delta;
      done(status(ok_t{}));
    }

    template <class F>
    void read(F done) {
      if (!fits(total())) return done(result<std::int64_t>(error(error_code::crash, "the counter is outside the int64 range")));
      done(result<std::int64_t>(static_cast<std::int64_t>(total())));
    }

    std::int64_t known() const noexcept { return known_; }
    std::int64_t pending() const noexcept { return pending_ + in_flight_; }

   private:
    static bool fits(__int128 v) { return v >= INT64_MIN && v <= INT64_MAX; }
    __int128 total() const { return __int128{known_} + in_flight_ + pending_; }

    // seq-kv's value as an int64, or nullopt (never a rounded or wrapped one).
    static std::optional<std::int64_t> as_count(result<json::value> const& r) {
      if (!r) return std::nullopt;
      try {
        return json::decode<std::int64_t>(*r);
      } catch (json::decode_error const&) {
        return std::nullopt;
      }
    }

    void flush() {
      if (casing_) return;
      if (in_flight_ == 0) {
        if (pending_ == 0) return;
        in_flight_ = std::exchange(pending_, 0);
      }
      casing_ = true;
      try_cas();
    }

    void try_cas() {
      auto const from = known_;
      if (!fits(__int128{from} + in_flight_)) {
        // Not applicable on what we know: wait for a refresh, try again at the next flush.
        n_.log("glomers: counter cas would overflow int64; retrying later");
        casing_ = false;
        return;
      }
      kv_.cas(key, from, from + in_flight_, true, [this, from](status s) {
        if (s) {
          known_ = from + std::exchange(in_flight_, 0);
          casing_ = false;
          return;
        }
        if (s.failed_with(error_code::precondition_failed)) {
          // Someone else moved the counter (or our value was stale): learn it, try again.
          kv_.read(key, [this](result<json::value> r) {
            if (auto v = as_count(r)) known_ = *v;
            try_cas();
          });
          return;
        }
        // Anything else (a timeout): try again from what we know.
        try_cas();
      });
    }

    void refresh() {
      if (refreshing_) return;
      refreshing_ = true;
      kv_.write("sync-" + n_.id(), ++sync_, [this](status s) {
        if (!s) {
          refreshing_ = false;
          return;
        }
        kv_.read(key, [this](result<json::value> r) {
          refreshing_ = false;
          if (auto v = as_count(r); v && !casing_) known_ = *v;
        });
      });
    }

    node<Runtime>& n_;
    kv_client<Runtime> kv_;
    std::int64_t known_ = 0;      // the counter's value as last seen in seq-kv
    std::int64_t pending_ = 0;    // acknowledged here, not yet sent
    std::int64_t in_flight_ = 0;  // being applied by a cas
    std::int64_t sync_ = 0;
    bool refreshing_ = false;
    bool casing_ = false;  // a cas (or its read and retries) is under way
  };
};

// Active models are checked on the hand-driven runtime.
static_assert(counter_policy<kv_cas<500, 500>::model<runtime::manual>>);

}  // namespace glomers::counter
