// A node on a hand-driven runtime, initialised as n1 of {n1, n2, n3}, with helpers to feed it
// messages and read what it sent.
#pragma once

#include "maelstrom/node.hpp"
#include "maelstrom/runtime/manual.hpp"

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace glomers::testing {

struct node_fixture {
  runtime::manual rt;
  node<runtime::manual> n{rt};

  // Initialises the node (call after registering handlers and on_init callbacks) and drops the
  // init_ok reply; messages the init callbacks sent stay in rt.sent.
  void init(std::string id = "n1", std::vector<std::string> ids = {"n1", "n2", "n3"}) {
    json::array a;
    for (auto const& i : ids) a.emplace_back(i);
    deliver("c0", json::object{{"type", "init"}, {"msg_id", 1}, {"node_id", id}, {"node_ids", a}});
    auto sent = rt.take_sent();  // init_ok first, then whatever init callbacks sent: kept
    BOOST_TEST_REQUIRE(!sent.empty());
    BOOST_TEST_REQUIRE(sent.front().type() == "init_ok");
    rt.sent.assign(sent.begin() + 1, sent.end());
  }

  void deliver(std::string src, json::object body) {
    n.receive(message{std::move(src), n.initialised() ? n.id() : "n1", std::move(body)});
  }
  void deliver_line(std::string_view line) { n.receive_line(line); }

  // The only message sent since the last call; fails the test when there is not exactly one.
  message only_sent() {
    auto sent = rt.take_sent();
    BOOST_TEST_REQUIRE(sent.size() == 1u);
    return sent.front();
  }
};

inline std::int64_t error_code_of(message const& m) {
  BOOST_TEST_REQUIRE(m.type() == "error");
  return m.body.at("code").as_int64();
}

}  // namespace glomers::testing
