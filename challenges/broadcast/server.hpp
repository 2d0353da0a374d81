// Challenges 3a-3e, broadcast: every value any node is told must reach every node.
//
// The server is assembled from five policies, given as a bundle over broadcast_defaults:
//   topology  who a node passes a value on to            (policies/topology.hpp)
//   gossip    when values travel, in which batches       (policies/gossip.hpp)
//   repair    how gaps left by lost messages are found   (policies/repair.hpp)
//   storage   the set of values seen                     (policies/storage.hpp)
//   durability when a client's value is acknowledged     (policies/durability.hpp)
// e.g.
//   struct design : glomers::broadcast_defaults {
//     using topology = glomers::topology::star;
//     using gossip = glomers::gossip::batched<70>;
//   };
//   template <class Runtime> using node = glomers::broadcast_server<Runtime, design>;
//
// Wire messages between nodes: gossip {values, ack?} (answered with gossip_ok {ack} when it
// carries an ack id), and the repair model's own messages (policies/repair/*.hpp), to which the
// server hands what it holds: every value, and those held for at least repair_grace (values
// still in flight count on neither side, so a healthy cluster repairs nothing).
// Every message to a peer is bounded, however much a node holds or is sent: gossip leaves in
// messages of at most gossip_chunks::max_values values, repair's messages are bounded by the
// model, and answering one message never walks everything held.
#pragma once

#include "challenges/broadcast/chunks.hpp"
#include "maelstrom/driver.hpp"
#include "maelstrom/node.hpp"
#include "policies/durability.hpp"
#include "policies/gossip.hpp"
#include "policies/gossip/eager.hpp"
#include "policies/repair.hpp"
#include "policies/storage.hpp"
#include "policies/storage/dense_set.hpp"
#include "policies/topology.hpp"
#include "policies/topology/as_given.hpp"

#include <boost/describe/class.hpp>

#include <algorithm>
#include <concepts>
#include <deque>
#include <map>
#include <optional>

namespace glomers {

namespace broadcast_msgs {
struct broadcast {
  static constexpr std::string_view type = "broadcast";
  std::int64_t message;
};
BOOST_DESCRIBE_STRUCT(broadcast, (), (message))
struct broadcast_ok {
  static constexpr std::string_view type = "broadcast_ok";
};
BOOST_DESCRIBE_STRUCT(broadcast_ok, (), ())
struct read_ok {
  static constexpr std::string_view type = "read_ok";
  std::vector<std::int64_t> messages;
};
BOOST_DESCRIBE_STRUCT(read_ok, (), (messages))
struct topology {
  static constexpr std::string_view type = "topology";
  std::map<std::string, std::vector<std::string>> topology;
};
BOOST_DESCRIBE_STRUCT(topology, (), (topology))
struct topology_ok {
  static constexpr std::string_view type = "topology_ok";
};
BOOST_DESCRIBE_STRUCT(topology_ok, (), ())
struct gossip {
  static constexpr std::string_view type = "gossip";
  std::vector<std::int64_t> values;
  std::optional<std::uint64_t> ack;
};
BOOST_DESCRIBE_STRUCT(gossip, (), (values, ack))
struct gossip_ok {
  static constexpr std::string_view type = "gossip_ok";
  std::uint64_t ack;
};
BOOST_DESCRIBE_STRUCT(gossip_ok, (), (ack))
}  // namespace broadcast_msgs

// The defaults: Maelstrom's topology, a message per value, no repair, a bitmap store,
// acknowledgement at once.
struct broadcast_defaults {
  using topology = topology::as_given;
  using gossip = gossip::eager<>;
  using repair = repair::none;
  using storage = storage::dense_set;
  using durability = durability::none;
};

template <runtime_policy Runtime, class Config = broadcast_defaults>
class broadcast_server {
 public:
  using topology_t = typename Config::topology;
  using gossip_t = typename Config::gossip;
  using repair_t = typename Config::repair;
  using storage_t = typename Config::storage;
  using durability_t = typename Config::durability::template model<Runtime>;
  static_assert(topology_policy<topology_t>);
  static_assert(gossip_policy<gossip_t>);
  static_assert(std::same_as<typename gossip_t::value_type, std::int64_t>, "broadcast gossips int64 messages");
  static_assert(repair_policy<repair_t>);
  static_assert(storage_policy<storage_t>);
  static_assert(durability_model<durability_t>);

  explicit broadcast_server(node<Runtime>& n)
      : n_(n),
        durability_(n, [this] { return own_; }),
        driver_(n, [this](std::chrono::nanoseconds now) { return pump(now); }) {
    namespace m = broadcast_msgs;
    n.on_init([this] {
      durability_.recover([this](std::vector<std::int64_t> values) {  // an earlier incarnation's
        for (auto v : values) remember_own(v);
        learn(values, "");
        driver_.kick();
      });
      driver_.kick();
    });
    n.template on<m::topology>([this](message const& req, m::topology t) {
      given_ = std::move(t.topology);
      targets_.clear();
      n_.reply(req, m::topology_ok{});
    });
    n.template on<m::broadcast>([this](message const& req, m::broadcast b) {
      remember_own(b.message);
      learn({b.message}, "");
      durability_.origin(b.message, [this, req](status s) {
        if (s) n_.reply(req, broadcast_msgs::broadcast_ok{});
        else n_.reply_error(req, s.err());
      });
      driver_.kick();
    });
    n.on("read", [this](message const& req) { n_.reply(req, m::read_ok{store_.values()}); });
    n.template on<m::gossip>([this](message const& msg, m::gossip g) {
      n_.require_peer(msg);  // node-to-node only: a client cannot inject values or summaries
      if (g.ack) n_.send(msg.src, m::gossip_ok{*g.ack});
      learn(g.values, msg.src);
      driver_.kick();
    });
    n.template on<m::gossip_ok>([this](message const& msg, m::gossip_ok ok) {
      n_.require_peer(msg);  // node-to-node only: a client cannot inject values or summaries
      if (auto batch = chunks_.acked(msg.src, ok.ack)) gossip_acked(gossip_, msg.src, *batch, n_.runtime().now());
      driver_.kick();
    });
    if constexpr (exchanging_repair<repair_t>) {
      n.template on<typename repair_t::message>([this](message const& msg, typename repair_t::message h) {
        n_.require_peer(msg);  // node-to-node only: a client cannot inject values or summaries
        settle(n_.runtime().now());
        auto answer = repair_.answer(h, {all_, settled_});
        send_gossip(msg.src, std::move(answer.give), std::nullopt);
        if (answer.reply) n_.send(msg.src, *answer.reply);
      });
    }
  }

  // How long a value must have been held before repair counts on others having it too.
  static constexpr std::chrono::nanoseconds repair_grace = std::chrono::seconds(2);

  storage_t const& store() const noexcept { return store_; }

 private:
  // A value this node's clients gave it: durability keeps these.
  void remember_own(std::int64_t v) {
    if (std::find(own_.begin(), own_.end(), v) == own_.end()) own_.push_back(v);
  }

  // Records values; the new ones go on to the topology's targets.
  void learn(std::vector<std::int64_t> const& values, std::string const& from) {
    auto const now = n_.runtime().now();
    std::vector<std::int64_t> fresh;
    for (auto v : values) {
      if (store_.insert(v)) {
        fresh.push_back(v);
        if constexpr (exchanging_repair<repair_t>) {
          all_.insert(v);
          learnt_.emplace_back(now, v);
        }
      }
    }
    if (fresh.empty()) return;
    for (auto const& to : targets(from)) gossip_.enqueue(to, fresh, now);
  }

  // Every other node, starting after this one in test order: round robins start apart.
  std::vector<std::string> ring_after_self() const {
    auto const& all = n_.node_ids();
    auto self = std::find(all.begin(), all.end(), n_.id());
    std::vector<std::string> out;
    if (self == all.end()) return n_.peers();
    for (auto it = std::next(self); it != all.end(); ++it) out.push_back(*it);
    for (auto it = all.begin(); it != self; ++it) out.push_back(*it);
    return out;
  }

  // Moves the values held for at least repair_grace into settled_.
  void settle(std::chrono::nanoseconds now) {
    for (; !learnt_.empty() && learnt_.front().first + repair_grace <= now; learnt_.pop_front()) {
      settled_.insert(learnt_.front().second);
    }
  }

  // Sends values as gossip, in bounded messages (gossip_chunks).
  void send_gossip(std::string const& to, std::vector<std::int64_t> values, std::optional<std::uint64_t> ack) {
    chunks_.send(to, std::move(values), ack, [&](std::vector<std::int64_t> part, std::optional<std::uint64_t> wire) {
      n_.send(to, broadcast_msgs::gossip{std::move(part), wire});
    });
  }

  std::vector<std::string> const& targets(std::string const& from) {
    auto it = targets_.find(from);
    if (it == targets_.end()) it = targets_.emplace(from, topology_t::targets(n_.id(), from, n_.node_ids(), given_)).first;
    return it->second;
  }

  // Sends what the policies want sent now; answers their next deadline, for which the driver
  // keeps one timer.
  deadline pump(std::chrono::nanoseconds now) {
    if (!n_.initialised()) return std::nullopt;
    for (auto& b : gossip_.poll(now)) send_gossip(b.to, std::move(b.values), b.ack_id);
    if (peers_.empty()) peers_ = ring_after_self();
    for (auto const& peer : repair_.poll(now, targets(""), peers_)) {
      if constexpr (exchanging_repair<repair_t>) {
        settle(now);
        n_.send(peer, repair_.opening({all_, settled_}));
      }
    }
    return earliest(gossip_.next_deadline(), repair_.next_deadline());
  }

  node<Runtime>& n_;
  topology_map given_;
  std::map<std::string, std::vector<std::string>> targets_;  // by sender ("" = a client)
  std::vector<std::string> peers_;
  gossip_t gossip_;
  gossip_chunks chunks_;
  repair_t repair_;
  storage_t store_;
  // For an exchanging repair only: every value, the values held for repair_grace, and the
  // others with the time they were learnt, oldest first.
  repair::range_set all_, settled_;
  std::deque<std::pair<std::chrono::nanoseconds, std::int64_t>> learnt_;
  std::vector<std::int64_t> own_;  // the values this node's clients gave it
  durability_t durability_;
  driver<Runtime> driver_;  // last: destroyed first, its timer with it
};

// The server of a design as a template over the runtime alone, for run<>, the simulator and the
// benchmarks: broadcast_with<design>::server.
template <class Config>
struct broadcast_with {
  template <class Runtime>
  using server = broadcast_server<Runtime, Config>;
};

}  // namespace glomers
