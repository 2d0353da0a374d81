#include "maelstrom/node.hpp"

#include <boost/test/unit_test.hpp>

#include "tests/support/node_fixture.hpp"

using namespace std::chrono_literals;
using glomers::error;
using glomers::error_code;
using glomers::message;
using glomers::result;
using glomers::json::object;
using glomers::testing::error_code_of;
using glomers::testing::node_fixture;

namespace {
struct add {
  static constexpr std::string_view type = "add";
  std::int64_t delta;
};
BOOST_DESCRIBE_STRUCT(add, (), (delta))
}  // namespace

BOOST_AUTO_TEST_SUITE(node_test)

BOOST_FIXTURE_TEST_CASE(init_sets_identity_and_answers_init_ok, node_fixture) {
  int calls = 0;
  n.on_init([&] { ++calls; });
  deliver("c0", object{{"type", "init"}, {"msg_id", 7}, {"node_id", "n2"},
                       {"node_ids", glomers::json::array{"n1", "n2", "n3"}}});
  auto m = only_sent();
  BOOST_TEST(m.type() == "init_ok");
  BOOST_TEST(m.in_reply_to().value() == 7);
  BOOST_TEST(m.src == "n2");
  BOOST_TEST(m.dest == "c0");
  BOOST_TEST(n.id() == "n2");
  BOOST_TEST(n.peers() == (std::vector<std::string>{"n1", "n3"}));
  BOOST_TEST(calls == 1);
}

BOOST_FIXTURE_TEST_CASE(requests_before_init_get_11, node_fixture) {
  n.on("read", [](message const&) {});
  deliver("c1", object{{"type", "read"}, {"msg_id", 1}});
  auto const sent = only_sent();
  BOOST_TEST(error_code_of(sent) == 11);
  BOOST_TEST(sent.src == "n1");  // the id the request was sent to, not "" (unroutable)
  BOOST_TEST(sent.dest == "c1");
}

BOOST_FIXTURE_TEST_CASE(dispatch_by_type_with_typed_body, node_fixture) {
  std::int64_t total = 0;
  n.on<add>([&](message const& m, add a) {
    total += a.delta;
    n.reply(m, object{{"type", "add_ok"}});
  });
  init();
  deliver("c1", object{{"type", "add"}, {"msg_id", 4}, {"delta", 3}, {"extra", "ignored"}});
  auto m = only_sent();
  BOOST_TEST(m.type() == "add_ok");
  BOOST_TEST(m.in_reply_to().value() == 4);
  BOOST_TEST(total == 3);
}

BOOST_FIXTURE_TEST_CASE(bad_requests_get_maelstrom_error_codes, node_fixture) {
  n.on<add>([&](message const&, add) {});
  n.on("definite", [](message const&) { throw error(error_code::txn_conflict, "conflict"); });
  n.on("crash", [](message const&) { throw std::runtime_error("boom"); });
  init();
  deliver("c1", object{{"type", "nope"}, {"msg_id", 1}});
  BOOST_TEST(error_code_of(only_sent()) == 10);
  deliver("c1", object{{"type", "add"}, {"msg_id", 2}});  // missing delta
  auto missing = only_sent();
  BOOST_TEST(error_code_of(missing) == 12);
  BOOST_TEST(missing.body.at("text").as_string() == "body: missing field 'delta'");
  deliver("c1", object{{"type", "add"}, {"msg_id", 3}, {"delta", "x"}});  // ill-typed
  BOOST_TEST(error_code_of(only_sent()) == 12);
  deliver("c1", object{{"type", "definite"}, {"msg_id", 4}});
  BOOST_TEST(error_code_of(only_sent()) == 30);
  deliver("c1", object{{"type", "crash"}, {"msg_id", 5}});
  auto crash = only_sent();
  BOOST_TEST(error_code_of(crash) == 13);
  BOOST_TEST(crash.in_reply_to().value() == 5);
}

BOOST_FIXTURE_TEST_CASE(malformed_lines_are_answered_when_addressable, node_fixture) {
  init();
  deliver_line("not json at all");
  BOOST_TEST(rt.sent.empty());
  deliver_line(R"({"src":"c4","dest":"n1","body":{"msg_id":9}})");  // no type
  auto m = only_sent();
  BOOST_TEST(error_code_of(m) == 12);
  BOOST_TEST(m.dest == "c4");
  BOOST_TEST(m.in_reply_to().value() == 9);
  deliver_line(R"({"src":"c4","body":{"type":"x","msg_id":9}})");  // no dest
  BOOST_TEST(error_code_of(only_sent()) == 12);
  BOOST_TEST(rt.logs.size() == 3u);
}

BOOST_FIXTURE_TEST_CASE(errors_are_never_answered_with_errors, node_fixture) {
  init();
  deliver("n2", object{{"type", "error"}, {"code", 10}, {"msg_id", 3}});
  deliver("n2", object{{"type", "gossip"}});  // unknown, but not a request: no msg_id
  BOOST_TEST(rt.sent.empty());
}

BOOST_FIXTURE_TEST_CASE(rpc_correlates_replies, node_fixture) {
  init();
  std::vector<std::string> got;
  auto record = [&](result<message> r) { got.push_back(r ? std::string(r->type()) : "error"); };
  n.rpc("n2", object{{"type", "ping"}}, 1s, record);
  n.rpc("n3", object{{"type", "ping"}}, 1s, record);
  auto sent = rt.take_sent();
  BOOST_TEST_REQUIRE(sent.size() == 2u);
  auto const id1 = sent[0].msg_id().value();
  auto const id2 = sent[1].msg_id().value();
  BOOST_TEST(id1 != id2);
  BOOST_TEST(got.empty());  // never completed inline
  deliver("n3", object{{"type", "pong3"}, {"in_reply_to", id2}});
  deliver("n2", object{{"type", "pong2"}, {"in_reply_to", id1}});
  BOOST_TEST(got == (std::vector<std::string>{"pong3", "pong2"}));
  BOOST_TEST(n.pending_rpcs() == 0u);
  BOOST_TEST(rt.timers_pending() == 0u);  // timeouts were cancelled
}

BOOST_FIXTURE_TEST_CASE(rpc_error_reply_arrives_typed, node_fixture) {
  init();
  std::optional<error> seen;
  n.rpc("seq-kv", object{{"type", "read"}}, 1s, [&](result<message> r) { seen = r.err(); });
  auto id = only_sent().msg_id().value();
  deliver("seq-kv", object{{"type", "error"}, {"code", 20}, {"text", "key does not exist"},
                           {"in_reply_to", id}});
  BOOST_TEST_REQUIRE(seen.has_value());
  BOOST_TEST(seen->is(error_code::key_does_not_exist));
  BOOST_TEST(seen->text() == "key does not exist");
}

BOOST_FIXTURE_TEST_CASE(rpc_timeout_removes_continuation_and_drops_late_reply, node_fixture) {
  init();
  int calls = 0;
  std::optional<error> seen;
  n.rpc("n2", object{{"type", "ping"}}, 500ms, [&](result<message> r) {
    ++calls;
    if (!r) seen = r.err();
  });
  auto id = only_sent().msg_id().value();
  rt.advance(499ms);
  BOOST_TEST(calls == 0);
  rt.advance(1ms);
  BOOST_TEST(calls == 1);
  BOOST_TEST(seen->is(error_code::timeout));
  BOOST_TEST(n.pending_rpcs() == 0u);
  deliver("n2", object{{"type", "pong"}, {"in_reply_to", id}});  // late
  BOOST_TEST(calls == 1);
  BOOST_TEST(rt.sent.empty());
  BOOST_TEST(rt.logs.back().find("dropping a reply") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(timers_after_every_cancel, node_fixture) {
  init();
  std::vector<std::string> fired;
  n.after(350ms, [&] { fired.push_back("after"); });
  auto cancelled = n.after(100ms, [&] { fired.push_back("cancelled"); });
  int ticks = 0;
  glomers::timer_id periodic = 0;
  periodic = n.every(100ms, [&] {
    fired.push_back("tick");
    if (++ticks == 3) n.cancel(periodic);
  });
  BOOST_TEST(n.cancel(cancelled));
  BOOST_TEST(!n.cancel(cancelled));
  rt.advance(1s);
  BOOST_TEST(fired == (std::vector<std::string>{"tick", "tick", "tick", "after"}));
  BOOST_TEST(rt.timers_pending() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
