// detail::durable_key: a seq-kv key that only this node writes, by group commit. At most one
// write is in flight and at most one starts per interval; each write carries the latest snapshot,
// so writes are idempotent and a retried or reordered one never goes backwards. A caller waiting
// on a change is acknowledged once a write that includes it succeeded; a failed write leaves the
// waiters for the next. recover() reads the key back: seq-kv shows a caller its own writes, so a
// restarted node (same id) sees its last successful one.
#pragma once

#include "maelstrom/kv.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace glomers::detail {

template <runtime_policy Runtime>
class durable_key {
 public:
  using snapshot_fn = std::function<json::value()>;

  durable_key(node<Runtime>& n, std::chrono::nanoseconds interval, snapshot_fn snapshot)
      : n_(n), kv_(n, "seq-kv"), interval_(interval), snapshot_(std::move(snapshot)) {}

  // Reads the key (after init); done(value) or done(nullopt) when it was never written. Retries
  // until seq-kv answers. Writes wait until recovery is over.
  void recover(std::string key, std::function<void(std::optional<json::value>)> done) {
    key_ = std::move(key);
    kv_.read(key_, [this, done = std::move(done)](result<json::value> r) mutable {
      if (!r && !r.failed_with(error_code::key_does_not_exist)) return recover(key_, std::move(done));
      std::optional<json::value> value;
      if (r) value = std::move(r.value());
      // What seq-kv holds is durable; a key never written stands for the initial snapshot.
      written_ = boost::json::serialize(value ? *value : snapshot_());
      recovered_ = true;
      done(value);
      flush();
    });
  }

  // The snapshot changed; done (if any) once a write including the change succeeded.
  void changed(std::function<void(status)> done = nullptr) {
    if (done) waiting_.push_back(std::move(done));
    flush();
  }

 private:
  void flush() {
    if (writing_ || !recovered_) return;
    auto snapshot = snapshot_();
    auto text = boost::json::serialize(snapshot);
    if (text == written_) {  // already durable
      for (auto& done : std::exchange(waiting_, {})) done(status(ok_t{}));
      return;
    }
    auto const now = n_.runtime().now();
    if (wrote_once_ && now < last_write_ + interval_) {
      if (!timer_) {
        timer_ = n_.after(last_write_ + interval_ - now, [this] {
          timer_.reset();
          flush();
        });
      }
      return;
    }
    last_write_ = now;
    wrote_once_ = true;
    writing_ = true;
    auto batch = std::exchange(waiting_, {});
    kv_.write(key_, snapshot, [this, text = std::move(text), batch = std::move(batch)](status s) mutable {
      writing_ = false;
      if (s) {
        written_ = std::move(text);
        for (auto& done : batch) done(status(ok_t{}));
      } else {
        waiting_.insert(waiting_.begin(), std::make_move_iterator(batch.begin()), std::make_move_iterator(batch.end()));
      }
      flush();
    });
  }

  node<Runtime>& n_;
  kv_client<Runtime> kv_;
  std::chrono::nanoseconds interval_;
  snapshot_fn snapshot_;
  std::string key_;
  std::string written_;  // the last snapshot known durable, serialised
  std::vector<std::function<void(status)>> waiting_;
  std::chrono::nanoseconds last_write_{0};
  bool wrote_once_ = false;
  bool writing_ = false;
  bool recovered_ = false;
  std::optional<timer_id> timer_;
};

}  // namespace glomers::detail
