// Txn servers wired together on hand-driven runtimes: a client per node, links that a partition
// cuts, and time moved on in steps (messages sent during a step arrive at its end).
#pragma once

#include "maelstrom/node.hpp"
#include "maelstrom/runtime/manual.hpp"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace glomers::testing {

template <template <class> class Server>
class cluster {
 public:
  explicit cluster(int count) {
    using json::array;
    using json::object;
    array ids;
    for (int i = 0; i < count; ++i) ids.emplace_back("n" + std::to_string(i));
    for (int i = 0; i < count; ++i) {
      members_.push_back(std::make_unique<member>());
      members_.back()->n.receive(message{"c0", "n" + std::to_string(i),
                                         object{{"type", "init"}, {"msg_id", 1}, {"node_id", "n" + std::to_string(i)}, {"node_ids", ids}}});
      harvest(i);
    }
  }

  // Runs a txn on node i, returns the reply's txn (it must be txn_ok: never an error).
  json::array txn(int i, json::array mops) {
    members_[i]->n.receive(message{"c1", "n" + std::to_string(i), json::object{{"type", "txn"}, {"msg_id", ++msg_id_}, {"txn", mops}}});
    auto replies = harvest(i);
    BOOST_TEST_REQUIRE(replies.size() == 1u);
    BOOST_TEST_REQUIRE(replies[0].type() == "txn_ok");
    return replies[0].body.at("txn").as_array();
  }

  // Moves time on by d on every node, then delivers what was sent across the links that are up.
  void step(std::chrono::nanoseconds d) {
    for (std::size_t i = 0; i < members_.size(); ++i) {
      members_[i]->rt.advance(d);
      harvest(static_cast<int>(i));
    }
    auto batch = std::exchange(in_flight_, {});
    for (auto const& m : batch) {
      int const from = std::stoi(m.src.substr(1)), to = std::stoi(m.dest.substr(1));
      if (cut_.count({from, to})) continue;
      members_[to]->n.receive(m);
      harvest(to);
    }
  }

  void partition(std::set<int> const& side) {
    for (std::size_t a = 0; a < members_.size(); ++a) {
      for (std::size_t b = 0; b < members_.size(); ++b) {
        if (side.count(a) != side.count(b)) cut_.insert({int(a), int(b)});
      }
    }
  }
  void heal() { cut_.clear(); }
  int size() const { return int(members_.size()); }
  auto const& store(int i) const { return members_[i]->s.store(); }
  std::size_t messages() const { return messages_; }

 private:
  struct member {
    runtime::manual rt;
    node<runtime::manual> n{rt};
    Server<runtime::manual> s{n};
  };

  // Client replies sent by node i; messages between nodes go in flight.
  std::vector<message> harvest(int i) {
    std::vector<message> replies;
    for (auto& m : members_[i]->rt.take_sent()) {
      if (m.dest.starts_with("n")) {
        ++messages_;
        in_flight_.push_back(std::move(m));
      } else {
        replies.push_back(std::move(m));
      }
    }
    return replies;
  }

  std::vector<std::unique_ptr<member>> members_;
  std::vector<message> in_flight_;
  std::set<std::pair<int, int>> cut_;
  std::int64_t msg_id_ = 1;
  std::size_t messages_ = 0;
};

// Random transactions of 1-4 micro-operations on 6 keys, values unique per key, 5 ms apart on
// every node for 3 s, node 0 cut off from 0.5 s to the end; then the heal and 5 s quiet for repair. Checks every
// read as it goes; returns the final read of every key on every node.

}  // namespace glomers::testing
