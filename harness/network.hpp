// Maelstrom's network (spec §2): per-destination delivery queues, latency, partitions, journal.
//
// Every registered id (node, client, service) has one queue ordered by (deadline, message id) and
// one delivery loop: take the head, drop it if the destination currently drops its source
// (partition check at dequeue), else wait until its deadline (in Maelstrom's whole milliseconds,
// see wake_time) and deliver it. While the loop waits
// for one message, later ones wait behind it (head-of-line blocking, as in Maelstrom).
// Latency applies only when neither end is a client; clients and services are never partitioned
// (the nemesis only names nodes). Every send, including dropped ones, and every delivery is
// journaled; the statistics of spec §8.2 come from the journal. A node whose output Maelstrom
// would stop reading (send_from) is muted.
#pragma once

#include "harness/world.hpp"
#include "maelstrom/message.hpp"

#include <cmath>
#include <deque>
#include <functional>
#include <map>
#include <queue>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace glomers::harness {

inline bool is_client(std::string_view id) { return !id.empty() && id.front() == 'c'; }

enum class latency_dist { constant, uniform, exponential };

struct latency_config {
  std::int64_t mean_ms = 0;
  latency_dist dist = latency_dist::constant;
};

struct journal_entry {
  enum kind_t : std::uint8_t { send, recv } kind;
  sim_time time;
  std::int64_t id;  // Maelstrom's global message id
  std::string src;
  std::string dest;
  std::string type;
};

// The journal: a deque, so a long run grows it without the copy-and-double peaks of a vector.
using journal = std::deque<journal_entry>;

// One message as the network carries it.
struct envelope {
  std::int64_t id;
  message msg;
};

// Send and receive counts for one group of messages (spec §8.2).
struct net_counts {
  std::int64_t send_count = 0;
  std::int64_t recv_count = 0;
  std::int64_t msg_count = 0;
};

struct net_stats {
  net_counts all, clients, servers;
};

class network {
 public:
  using deliver_fn = std::function<void(envelope const&)>;

  network(world& w, latency_config latency) : world_(w), latency_(latency) {}

  // Registers id; deliver is called from the world's events for each message that arrives.
  void add(std::string const& id, deliver_fn deliver) { inboxes_[id].deliver = std::move(deliver); }

  // Unregisters id; what was queued for it is discarded.
  void remove(std::string const& id) { inboxes_.erase(id); }
  bool has(std::string const& id) const { return inboxes_.count(id) != 0; }

  // Routes m. Returns false (and journals nothing) when its source or destination is not
  // registered: Maelstrom rejects such a message before journaling it (its id is used up).
  bool send(message m) {
    auto const id = next_id_++;
    if (!has(m.src) || !has(m.dest)) {
      if (on_invalid) on_invalid(m);
      return false;
    }
    auto const deadline = world_.now() + std::chrono::milliseconds(draw_latency(m));
    record({journal_entry::send, world_.now(), id, m.src, m.dest, std::string(m.type())});
    auto& box = inboxes_[m.dest];
    std::string const dest = m.dest;
    box.queue.push(queued{deadline, id, std::move(m)});
    if (!box.busy) start_next(dest);
    return true;
  }

  // What a node's output goes through. Maelstrom reads each node's stdout on one thread, and an
  // exception there (a message from or to an id not in the network, such as a client closed
  // after its request timed out; or a malformed line) ends that reading for good: the node is
  // muted, nothing it sends is delivered any more. Returns false when m was not routed.
  bool send_from(std::string const& node, message m) {
    if (muted_.count(node)) return false;
    if (has(m.src) && has(m.dest)) return send(std::move(m));
    ++next_id_;
    auto const text = serialize(m);
    mute(node, "Node " + node + " sent " + text + (has(m.src) ? " to " + m.dest : " from " + m.src) +
                   ", which is not (or no longer) in the network" +
                   (is_client(m.dest) && !has(m.dest) ? " (a client closed after its request timed out?)" : ""));
    return false;
  }
  // Stops routing what node sends, for the rest of the test (see send_from).
  void mute(std::string const& node, std::string const& why) {
    if (!muted_.insert(node).second) return;
    if (on_muted) on_muted(node, why);
  }
  // A fresh process of node (the kill fault's restart) is read again.
  void unmute(std::string const& node) { muted_.erase(node); }
  bool muted(std::string const& node) const { return muted_.count(node) != 0; }

  // Messages sent so far (msg-count of spec §8.2), all and between servers only.
  std::int64_t sent() const noexcept { return sent_all_; }
  std::int64_t sent_between_servers() const noexcept { return sent_servers_; }

  // Partitions: dest drops every message from src from now on, until heal().
  void drop(std::string const& src, std::string const& dest) { grudge_[dest].insert(src); }
  void heal() { grudge_.clear(); }
  bool drops(std::string const& src, std::string const& dest) const {
    auto it = grudge_.find(dest);
    return it != grudge_.end() && it->second.count(src) != 0;
  }
  std::map<std::string, std::set<std::string>> const& grudge() const { return grudge_; }

  harness::journal const& journal() const { return journal_; }

  // Called for each message rejected by send (unknown source or destination).
  std::function<void(message const&)> on_invalid;
  // Called once when a node is muted, with the reason.
  std::function<void(std::string const& node, std::string const& why)> on_muted;
  // Called for each journal entry as it is made (--log-net-send, --log-net-recv).
  std::function<void(journal_entry const&)> on_journal;

 private:
  void record(journal_entry e) {
    if (e.kind == journal_entry::send) {
      ++sent_all_;
      if (!is_client(e.src) && !is_client(e.dest)) ++sent_servers_;
    }
    if (on_journal) on_journal(e);
    journal_.push_back(std::move(e));
  }

  struct queued {
    sim_time deadline;
    std::int64_t id;
    message msg;
    bool operator>(queued const& o) const {
      return deadline != o.deadline ? deadline > o.deadline : id > o.id;
    }
  };
  struct inbox {
    std::priority_queue<queued, std::vector<queued>, std::greater<>> queue;
    bool busy = false;
    deliver_fn deliver;
  };

  std::int64_t draw_latency(message const& m) {
    if (is_client(m.src) || is_client(m.dest) || latency_.mean_ms <= 0) return 0;
    double const mean = static_cast<double>(latency_.mean_ms);
    switch (latency_.dist) {
      case latency_dist::constant:
        return latency_.mean_ms;
      case latency_dist::uniform:
        return world_.uniform_int(0, 2 * latency_.mean_ms - 1);
      case latency_dist::exponential:
        return static_cast<std::int64_t>(std::exponential_distribution<double>(1.0 / mean)(world_.rng()));
    }
    return 0;
  }

  // When the loop delivers a message due at deadline. Maelstrom's loop sleeps (long dt) whole
  // milliseconds, dt measured a moment after the message was queued (net.clj recv!), so a
  // message due in dt > 0 ms arrives after ceil(dt) - 1 ms: a constant 10 ms hop takes 9 ms.
  sim_time wake_time(sim_time deadline) const {
    auto const now = world_.now();
    if (deadline <= now) return now;
    auto const ms = std::chrono::ceil<std::chrono::milliseconds>(deadline - now);
    return now + (ms - std::chrono::milliseconds(1));
  }

  // The delivery loop of dest: take the head, partition check, wait for its deadline, deliver.
  void start_next(std::string const& dest) {
    auto it = inboxes_.find(dest);
    if (it == inboxes_.end()) return;
    auto& box = it->second;
    box.busy = false;
    while (!box.queue.empty()) {
      queued q = box.queue.top();
      box.queue.pop();
      if (drops(q.msg.src, dest)) continue;
      box.busy = true;
      world_.at(wake_time(q.deadline), [this, dest, q = std::move(q)]() mutable {
        auto it = inboxes_.find(dest);
        if (it == inboxes_.end()) return;  // unregistered meanwhile
        record({journal_entry::recv, world_.now(), q.id, q.msg.src, dest, std::string(q.msg.type())});
        auto deliver = it->second.deliver;  // may unregister dest while running
        deliver(envelope{q.id, std::move(q.msg)});
        start_next(dest);
      });
      return;
    }
  }

  world& world_;
  latency_config latency_;
  std::unordered_map<std::string, inbox> inboxes_;
  std::map<std::string, std::set<std::string>> grudge_;
  harness::journal journal_;
  std::int64_t next_id_ = 0;
  std::int64_t sent_all_ = 0, sent_servers_ = 0;
  std::set<std::string> muted_;
};

// Counts by group over a journal: clients = either end is a client; servers = the rest.
inline net_stats count_messages(harness::journal const& journal) {
  net_stats s;
  std::set<std::int64_t> all_ids, client_ids, server_ids;
  for (auto const& e : journal) {
    bool const client = is_client(e.src) || is_client(e.dest);
    auto& group = client ? s.clients : s.servers;
    auto& ids = client ? client_ids : server_ids;
    if (e.kind == journal_entry::send) {
      ++s.all.send_count;
      ++group.send_count;
    } else {
      ++s.all.recv_count;
      ++group.recv_count;
    }
    all_ids.insert(e.id);
    ids.insert(e.id);
  }
  s.all.msg_count = static_cast<std::int64_t>(all_ids.size());
  s.clients.msg_count = static_cast<std::int64_t>(client_ids.size());
  s.servers.msg_count = static_cast<std::int64_t>(server_ids.size());
  return s;
}

}  // namespace glomers::harness
