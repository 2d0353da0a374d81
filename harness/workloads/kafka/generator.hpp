// The kafka workload's generator, as Maelstrom composes it from Jepsen's kafka workload (spec
// §6.7): Elle's wr-txns with one mop per txn (poll or send, 50/50, exponential key distribution,
// keys retired after max-writes-per-key values), an assign of the op's key inserted with
// probability 1/64 (extended with probability 1/3 by every key with sent-but-unpolled offsets),
// crash ops staggered at 30/concurrency s, keys rendered as strings; and the final phase: each
// thread crashes, assigns every key seen with seek-to-beginning, then polls until it has read up
// to the highest offset seen per key in the main phase.
#pragma once

#include "harness/history.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace glomers::harness::kafka {

// An op the generator proposes.
struct gen_op {
  std::string f;
  json::value value;
  bool seek_to_beginning = false;  // assign: rewind every key to offset 0
};

struct generator_options {
  int concurrency = 1;
  std::int64_t key_count = 10;
  std::int64_t max_writes_per_key = 16;
};

namespace detail {

// Jepsen's op->max-offsets over a completion value: per key, the highest offset polled (-1 for
// an empty list) or sent. Keys are the integers Maelstrom renders as strings.
inline std::map<std::int64_t, std::int64_t> max_offsets(json::value const& value, bool polls, bool sends) {
  std::map<std::int64_t, std::int64_t> out;
  auto const key_of = [](std::string_view s) -> std::optional<std::int64_t> {
    try {
      std::size_t n = 0;
      auto const k = std::stoll(std::string(s), &n);
      if (n == s.size()) return k;
    } catch (...) {
    }
    return std::nullopt;
  };
  auto const bump = [&](std::int64_t k, std::int64_t o) {
    auto [it, fresh] = out.try_emplace(k, o);
    if (!fresh) it->second = std::max(it->second, o);
  };
  if (!value.is_array()) return out;
  for (auto const& m : value.get_array()) {
    if (!m.is_array() || m.get_array().size() < 2 || !m.get_array()[0].is_string()) continue;
    auto const& mop = m.get_array();
    if (polls && mop[0].get_string() == "poll" && mop[1].is_object()) {
      for (auto const& [ks, pairs] : mop[1].get_object()) {
        auto const k = key_of(ks);
        if (!k || !pairs.is_array()) continue;
        std::int64_t hi = -1;
        for (auto const& p : pairs.get_array()) {
          if (p.is_array() && !p.get_array().empty() && p.get_array()[0].is_int64()) {
            hi = std::max(hi, p.get_array()[0].get_int64());
          }
        }
        bump(*k, hi);
      }
    } else if (sends && mop[0].get_string() == "send" && mop.size() >= 3 && mop[1].is_string()) {
      auto const k = key_of(mop[1].get_string());
      auto const& v = mop[2];
      if (k && v.is_array() && !v.get_array().empty() && v.get_array()[0].is_int64()) {
        bump(*k, std::max<std::int64_t>(0, v.get_array()[0].get_int64()));
      }
    }
  }
  return out;
}

}  // namespace detail

class generator {
 public:
  generator(world& w, generator_options o) : w_(w), o_(o) {
    for (std::int64_t k = 0; k < o_.key_count; ++k) active_.push_back(k);
  }

  // --- main phase ---
  gen_op next() {
    if (w_.now() >= crash_at_) {
      auto const mean = std::chrono::duration<double>(30.0 / o_.concurrency);
      crash_at_ = w_.now() + std::chrono::duration_cast<sim_time>(2 * mean * w_.uniform());
      return {"crash", nullptr};
    }
    if (!pending_) pending_ = draw_txn();
    // Jepsen's interleave-subscribes: an assign of the op's key, the op itself still to come
    if (w_.uniform() < 1.0 / 64) {
      std::vector<std::int64_t> keys;
      if (w_.uniform() < 1.0 / 3) {  // poll-unseen: catch up with sent-but-unpolled keys first
        for (auto const& [k, _] : sent_) keys.push_back(k);
      }
      if (std::find(keys.begin(), keys.end(), pending_->key) == keys.end()) keys.push_back(pending_->key);
      json::array ks;
      for (auto k : keys) ks.push_back(json::value(std::to_string(k)));
      return {"assign", std::move(ks)};
    }
    auto t = *pending_;
    pending_.reset();
    if (t.send) return {"send", json::array{json::array{"send", std::to_string(t.key), t.value}}};
    return {"poll", json::array{json::array{"poll"}}};
  }

  // Every completion, both phases, in history order.
  void observe(op const& c) {
    if (c.type != op_type::ok) return;
    if (c.final) {
      if (c.f != "poll") return;
      auto& t = threads_[static_cast<int>(c.process % o_.concurrency)];
      for (auto const& [k, seen] : detail::max_offsets(c.value, true, false)) {
        if (auto it = t.targets.find(k); it != t.targets.end() && it->second <= seen) t.targets.erase(it);
      }
      return;
    }
    // Jepsen's track-key-offsets: the highest offset of every key any ok op saw
    for (auto const& [k, o] : detail::max_offsets(c.value, true, true)) {
      auto [it, fresh] = max_offsets_.try_emplace(k, o);
      if (!fresh) it->second = std::max(it->second, o);
    }
    // poll-unseen: sent and polled offsets; keys whose polls caught up are dropped from both
    for (auto const& [k, o] : detail::max_offsets(c.value, false, true)) {
      auto [it, fresh] = sent_.try_emplace(k, o);
      if (!fresh) it->second = std::max(it->second, o);
    }
    for (auto const& [k, o] : detail::max_offsets(c.value, true, false)) {
      auto [it, fresh] = polled_.try_emplace(k, o);
      if (!fresh) it->second = std::max(it->second, o);
    }
    std::vector<std::int64_t> caught_up;
    for (auto const* m : {&sent_, &polled_}) {
      for (auto const& [k, _] : *m) {
        auto const s = sent_.count(k) ? sent_.at(k) : -1;
        auto const p = polled_.count(k) ? polled_.at(k) : -1;
        if (!(p < s)) caught_up.push_back(k);
      }
    }
    for (auto k : caught_up) sent_.erase(k), polled_.erase(k);
  }

  // --- final phase ---
  std::optional<gen_op> final_op(int thread) {
    if (!final_started_) {  // every thread polls up to the offsets known when the phase began
      final_started_ = true;
      snapshot_ = max_offsets_;
    }
    auto& t = threads_[thread];
    if (!t.started) {
      t.started = true;
      t.targets = snapshot_;
    }
    if (t.targets.empty()) return std::nullopt;
    switch (t.stage++) {
      case 0:
        return gen_op{"crash", nullptr};
      case 1: {
        json::array ks;
        for (auto const& [k, _] : snapshot_) ks.push_back(json::value(std::to_string(k)));
        return gen_op{"assign", std::move(ks), true};
      }
      default:
        return gen_op{"poll", json::array{json::array{"poll"}}};
    }
  }
  // The pause before a thread's next final op: polls are staggered by 1/5 s, U[0, 0.4 s).
  sim_time final_gap(int thread) {
    auto const& t = threads_[thread];
    if (t.stage <= 2) return sim_time(0);  // crash, assign and the first poll go at once
    return std::chrono::duration_cast<sim_time>(std::chrono::duration<double>(0.4 * w_.uniform()));
  }

 private:
  struct txn {
    bool send;
    std::int64_t key;
    std::int64_t value;
  };
  struct final_thread {
    bool started = false;
    int stage = 0;
    std::map<std::int64_t, std::int64_t> targets;  // key -> offset still to reach
  };

  // Elle's wr-txns with one mop: read or write 50/50, exponential key, values 1, 2, ... per key.
  txn draw_txn() {
    for (;;) {
      bool const write = w_.uniform() < 0.5;
      auto const scale = (std::pow(2.0, static_cast<double>(o_.key_count)) - 1) * 2;
      auto const x = std::floor(std::log2(w_.uniform() * scale + 2) - 1);
      auto const i = std::isfinite(x) ? std::clamp<std::int64_t>(static_cast<std::int64_t>(x), 0, o_.key_count - 1)
                                      : o_.key_count - 1;  // 2^key_count overflows a double
      auto const k = active_[static_cast<std::size_t>(i)];
      if (!write) return {false, k, 0};
      auto& next = writes_[k];
      if (next == 0) next = 1;
      if (next > o_.max_writes_per_key) {  // retire the key: a fresh one takes its slot
        active_[static_cast<std::size_t>(i)] = *std::max_element(active_.begin(), active_.end()) + 1;
        continue;
      }
      return {true, k, next++};
    }
  }

  world& w_;
  generator_options o_;
  sim_time crash_at_{0};
  std::vector<std::int64_t> active_;
  std::map<std::int64_t, std::int64_t> writes_;  // key -> next value
  std::optional<txn> pending_;
  std::map<std::int64_t, std::int64_t> max_offsets_, sent_, polled_, snapshot_;
  bool final_started_ = false;
  std::map<int, final_thread> threads_;  // by worker thread
};

}  // namespace glomers::harness::kafka
