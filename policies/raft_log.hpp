// raft_log: a Raft log kept in memory, with a snapshot of the state machine standing in for
// its compacted prefix.
//
// Indexes start at 1. Everything at or below snapshot_index() has been compacted into the
// snapshot (its state and the term of its last entry are kept); the entries above it are held
// one by one. It is a value type the consensus core owns; persisting it is the persistence
// role's job (policies/consensus/persistence.hpp), which reads it through the same accessors.
#pragma once

#include "maelstrom/json.hpp"

#include <cstdint>
#include <deque>
#include <optional>
#include <stdexcept>
#include <vector>

namespace glomers {

using raft_index = std::int64_t;
using raft_term = std::int64_t;

struct raft_entry {
  raft_term term = 0;
  json::value command;  // null: a leader's no-op
};

struct raft_snapshot {
  raft_index index = 0;  // last index the state covers
  raft_term term = 0;    // term of that entry
  json::value state;  // the state machine's own encoding
};

class raft_log {
 public:
  raft_index snapshot_index() const noexcept { return snap_.index; }
  raft_term snapshot_term() const noexcept { return snap_.term; }
  raft_snapshot const& last_snapshot() const noexcept { return snap_; }
  raft_index first_index() const noexcept { return snap_.index + 1; }
  raft_index last_index() const noexcept { return snap_.index + static_cast<raft_index>(entries_.size()); }
  raft_term last_term() const noexcept { return entries_.empty() ? snap_.term : entries_.back().term; }
  std::size_t size() const noexcept { return entries_.size(); }

  // The term of entry i: known for the snapshot's last entry and every held entry; none for a
  // compacted or missing index.
  std::optional<raft_term> term_at(raft_index i) const {
    if (i == snap_.index) return snap_.term;
    if (i < snap_.index || i > last_index()) return std::nullopt;
    return at(i).term;
  }

  raft_entry const& at(raft_index i) const {
    if (i <= snap_.index || i > last_index()) throw std::out_of_range("raft_log: index not held");
    return entries_[static_cast<std::size_t>(i - snap_.index - 1)];
  }

  raft_index append(raft_entry e) {
    entries_.push_back(std::move(e));
    return last_index();
  }

  // Drops every entry after i (a conflicting suffix). i must not be below the snapshot.
  void truncate_after(raft_index i) {
    if (i < snap_.index) throw std::logic_error("raft_log: truncating into the snapshot");
    while (last_index() > i) entries_.pop_back();
  }

  // Up to max_count entries from index `from` on (from must be held).
  std::vector<raft_entry> slice(raft_index from, std::size_t max_count) const {
    std::vector<raft_entry> out;
    for (raft_index i = from; i <= last_index() && out.size() < max_count; ++i) out.push_back(at(i));
    return out;
  }

  // The first held index whose entry has term t, counting back from `from` (fast back-off: the
  // follower reports where its conflicting term starts).
  raft_index first_of_term(raft_term t, raft_index from) const {
    raft_index i = from;
    while (i - 1 > snap_.index && at(i - 1).term == t) --i;
    return i;
  }

  // The last index with term t, if this log holds one (the leader's side of fast back-off).
  std::optional<raft_index> last_of_term(raft_term t) const {
    for (raft_index i = last_index(); i > snap_.index; --i) {
      auto const ti = at(i).term;
      if (ti == t) return i;
      if (ti < t) break;  // terms only grow along a log
    }
    if (snap_.term == t) return snap_.index;
    return std::nullopt;
  }

  // Compaction: the state machine's state after applying `upto` replaces the prefix.
  void compact(raft_index upto, json::value state) {
    if (upto <= snap_.index) return;
    if (upto > last_index()) throw std::logic_error("raft_log: compacting past the end");
    raft_term const t = at(upto).term;
    entries_.erase(entries_.begin(), entries_.begin() + (upto - snap_.index));
    snap_ = {upto, t, std::move(state)};
  }

  // A snapshot from the leader. Entries after it survive only when the log agrees with it at
  // its last index (Raft §7); otherwise the whole log is replaced.
  void install(raft_snapshot s) {
    if (s.index <= snap_.index) return;
    if (term_at(s.index) == s.term) {
      entries_.erase(entries_.begin(), entries_.begin() + (s.index - snap_.index));
    } else {
      entries_.clear();
    }
    snap_ = std::move(s);
  }

 private:
  raft_snapshot snap_;
  std::deque<raft_entry> entries_;
};

}  // namespace glomers
