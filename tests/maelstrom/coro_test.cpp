#include "maelstrom/coro.hpp"

#include <boost/test/unit_test.hpp>

#include "tests/support/node_fixture.hpp"

using namespace std::chrono_literals;
using glomers::error;
using glomers::error_code;
using glomers::message;
using glomers::task;
using glomers::json::object;
using glomers::testing::error_code_of;
using glomers::testing::node_fixture;

namespace {
// Bodies are built outside the coroutines: GCC 12 rejects braced JSON initializer lists (arrays of
// string literals) inside a coroutine body ("array used as initializer").
object read_key_1() { return {{"type", "read"}, {"key", 1}}; }
object typed(char const* type) { return {{"type", type}}; }
object get_ok(glomers::json::value v) { return {{"type", "get_ok"}, {"value", std::move(v)}}; }
}  // namespace

BOOST_AUTO_TEST_SUITE(coro_test)

BOOST_FIXTURE_TEST_CASE(awaited_rpc_resumes_from_the_loop_and_replies, node_fixture) {
  glomers::on_task(n, "get", [this](message m) -> task {
    auto r = co_await glomers::call(n, "lin-kv", read_key_1(), 1s);
    if (!r) throw r.err();
    n.reply(m, get_ok(r->body.at("value")));
  });
  init();
  deliver("c1", object{{"type", "get"}, {"msg_id", 5}});
  auto req = only_sent();  // suspended: only the rpc went out
  BOOST_TEST(req.dest == "lin-kv");
  deliver("lin-kv", object{{"type", "read_ok"}, {"value", 42}, {"in_reply_to", *req.msg_id()}});
  auto reply = only_sent();
  BOOST_TEST(reply.type() == "get_ok");
  BOOST_TEST(reply.body.at("value") == 42);
  BOOST_TEST(*reply.in_reply_to() == 5);
}

BOOST_FIXTURE_TEST_CASE(errors_after_a_suspension_answer_the_request, node_fixture) {
  glomers::on_task(n, "get", [this](message) -> task {
    auto r = co_await glomers::call(n, "lin-kv", read_key_1(), 1s);
    if (!r) throw r.err();
  });
  init();
  deliver("c1", object{{"type", "get"}, {"msg_id", 1}});
  auto req = only_sent();
  deliver("lin-kv", object{{"type", "error"}, {"code", 20}, {"in_reply_to", *req.msg_id()}});
  BOOST_TEST(error_code_of(only_sent()) == 20);
  deliver("c1", object{{"type", "get"}, {"msg_id", 2}});
  rt.take_sent();
  rt.advance(1s);  // no answer: the timeout surfaces as error 0
  BOOST_TEST(error_code_of(only_sent()) == 0);
  BOOST_TEST(n.pending_rpcs() == 0u);
}

BOOST_FIXTURE_TEST_CASE(errors_before_a_suspension_and_other_exceptions, node_fixture) {
  glomers::on_task(n, "bad", [](message m) -> task {
    if (!m.body.contains("x")) throw glomers::json::decode_error("x: missing");
    throw std::runtime_error("boom");
    co_return;
  });
  init();
  deliver("c1", object{{"type", "bad"}, {"msg_id", 1}});
  BOOST_TEST(error_code_of(only_sent()) == 12);
  deliver("c1", object{{"type", "bad"}, {"msg_id", 2}, {"x", 1}});
  BOOST_TEST(error_code_of(only_sent()) == 13);
}

BOOST_FIXTURE_TEST_CASE(sleep_waits_on_the_runtime_clock, node_fixture) {
  std::vector<std::chrono::nanoseconds> woke;
  glomers::on_task(n, "nap", [this, &woke](message m) -> task {
    co_await glomers::sleep(n, 250ms);
    woke.push_back(rt.now());
    n.reply(m, typed("nap_ok"));
  });
  init();
  deliver("c1", object{{"type", "nap"}, {"msg_id", 1}});
  BOOST_TEST(rt.sent.empty());
  rt.advance(249ms);
  BOOST_TEST(woke.empty());
  rt.advance(1ms);
  BOOST_TEST_REQUIRE(woke.size() == 1u);
  BOOST_TEST(woke[0] == 250ms);
  BOOST_TEST(only_sent().type() == "nap_ok");
}

BOOST_AUTO_TEST_SUITE_END()
