// node<Runtime> under bad input: forged replies, throwing callbacks, numbers that cannot come
// back unchanged, over-long and over-deep lines, identity changes, odd message ids. Each case
// is a finding of the fuzzer run of issue 13, or a rule it asked for.
#include "maelstrom/node.hpp"

#include <boost/test/unit_test.hpp>

#include "tests/support/node_fixture.hpp"

#include <cmath>
#include <limits>

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

bool logged(node_fixture const& f, std::string_view what) {
  for (auto const& l : f.rt.logs) {
    if (l.find(what) != std::string::npos) return true;
  }
  return false;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(input_test)

BOOST_FIXTURE_TEST_CASE(a_reply_completes_an_rpc_only_from_its_destination, node_fixture) {
  init();
  std::vector<std::string> got;
  n.rpc("seq-kv", object{{"type", "read"}, {"key", "k"}}, 1s,
        [&](result<message> r) { got.push_back(r ? std::string(r->type()) : "error"); });
  auto const id = only_sent().msg_id().value();
  deliver("c1", object{{"type", "read_ok"}, {"value", 1}, {"in_reply_to", id}});  // forged
  BOOST_TEST(got.empty());
  BOOST_TEST(rt.sent.empty());
  BOOST_TEST(logged(*this, "sent elsewhere"));
  deliver("seq-kv", object{{"type", "read_ok"}, {"value", 2}, {"in_reply_to", id}});
  BOOST_TEST(got == std::vector<std::string>{"read_ok"});
}

BOOST_FIXTURE_TEST_CASE(throwing_callbacks_and_timers_are_logged_not_fatal, node_fixture) {
  n.on_init([] { throw std::runtime_error("init callback"); });
  n.on("ping", [this](message const& m) { n.reply(m, object{{"type", "pong"}}); });
  init();
  n.rpc("seq-kv", object{{"type", "read"}}, 1s, [](result<message>) { throw std::runtime_error("rpc callback"); });
  n.rpc("seq-kv", object{{"type", "read"}}, 1s, [](result<message> r) { (void)r.value(); });  // times out
  n.after(10ms, [] { throw std::logic_error("timer"); });
  auto sent = rt.take_sent();
  BOOST_TEST_REQUIRE(sent.size() == 2u);
  deliver("seq-kv", object{{"type", "read_ok"}, {"value", 1.5}, {"in_reply_to", *sent[0].msg_id()}});
  rt.advance(2s);
  BOOST_TEST(logged(*this, "init callback failed: init callback"));
  BOOST_TEST(logged(*this, "RPC callback failed: rpc callback"));
  BOOST_TEST(logged(*this, "RPC timeout callback failed: RPC timed out"));
  BOOST_TEST(logged(*this, "timer failed: timer"));
  deliver("c1", object{{"type", "ping"}, {"msg_id", 3}});
  BOOST_TEST(only_sent().type() == "pong");
}

BOOST_FIXTURE_TEST_CASE(a_second_init_cannot_change_the_identity, node_fixture) {
  init("n1", {"n1", "n2"});
  deliver("c0", object{{"type", "init"}, {"msg_id", 2}, {"node_id", "n2"}, {"node_ids", glomers::json::array{"n1", "n2"}}});
  BOOST_TEST(error_code_of(only_sent()) == 22);
  BOOST_TEST(n.id() == "n1");
  deliver("c0", object{{"type", "init"}, {"msg_id", 3}, {"node_id", "n1"}, {"node_ids", glomers::json::array{"n1"}}});
  BOOST_TEST(error_code_of(only_sent()) == 22);
  BOOST_TEST(n.node_ids().size() == 2u);
  deliver("c0", object{{"type", "init"}, {"msg_id", 4}, {"node_id", "n1"}, {"node_ids", glomers::json::array{"n1", "n2"}}});
  BOOST_TEST(only_sent().type() == "init_ok");  // the same init again: answered again
}

BOOST_FIXTURE_TEST_CASE(a_request_carrying_in_reply_to_is_still_answered, node_fixture) {
  n.on("ping", [this](message const& m) { n.reply(m, object{{"type", "pong"}}); });
  init();
  deliver("c1", object{{"type", "ping"}, {"msg_id", 5}, {"in_reply_to", 77}});
  auto m = only_sent();
  BOOST_TEST(m.type() == "pong");
  BOOST_TEST(m.in_reply_to().value() == 5);
  deliver("c1", object{{"type", "ping_ok"}, {"in_reply_to", 77}});  // a stray reply: dropped
  BOOST_TEST(rt.sent.empty());
}

BOOST_FIXTURE_TEST_CASE(message_ids_must_be_int64_or_the_message_is_dropped, node_fixture) {
  n.on("ping", [this](message const& m) { n.reply(m, object{{"type", "pong"}}); });
  init();
  for (auto const* id : {"\"7\"", "1.0", "18446744073709551615", "null", "[1]"}) {
    deliver_line(std::string(R"({"src":"c1","dest":"n1","body":{"type":"ping","msg_id":)") + id + "}}");
    BOOST_TEST(rt.sent.empty(), "msg_id " << id);
    deliver_line(std::string(R"({"src":"c1","dest":"n1","body":{"type":"ping","msg_id":1,"in_reply_to":)") + id + "}}");
    BOOST_TEST(rt.sent.empty(), "in_reply_to " << id);
  }
  deliver_line(R"({"src":"c1","dest":"n1","body":{"type":"ping","msg_id":9223372036854775807}})");
  BOOST_TEST(only_sent().in_reply_to().value() == INT64_MAX);
}

BOOST_FIXTURE_TEST_CASE(unsigned_values_never_wrap_into_signed_fields, node_fixture) {
  std::int64_t total = 0;
  n.on<add>([&](message const& m, add a) {
    total += a.delta;
    n.reply(m, object{{"type", "add_ok"}});
  });
  init();
  deliver_line(R"({"src":"c1","dest":"n1","body":{"type":"add","msg_id":1,"delta":18446744073709551615}})");
  auto m = only_sent();
  BOOST_TEST(error_code_of(m) == 12);
  BOOST_TEST(m.body.at("text").as_string() == "delta: integer out of range");
  deliver_line(R"({"src":"c1","dest":"n1","body":{"type":"add","msg_id":2,"delta":9223372036854775807}})");
  BOOST_TEST(only_sent().type() == "add_ok");
  BOOST_TEST(total == INT64_MAX);
}

BOOST_FIXTURE_TEST_CASE(numbers_that_cannot_come_back_unchanged_get_12, node_fixture) {
  n.on("echo", [this](message const& m) { n.reply(m, object{{"type", "echo_ok"}, {"echo", m.body.at("echo")}}); });
  init();
  for (auto const* num : {"1e400", "-1e400", "1e-400", "99999999999999999999999999999", "-9223372036854775809",
                          "0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                          "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                          "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                          "00000000000000000000000000000000000000000000000000000000000000000000000000000000000001"}) {
    // msg_id after the bad number: the whole envelope is still read to answer it
    deliver_line(std::string(R"({"src":"c1","dest":"n1","body":{"type":"echo","echo":[)") + num + R"(],"msg_id":4}})");
    auto m = only_sent();
    BOOST_TEST(error_code_of(m) == 12, num);
    BOOST_TEST(m.in_reply_to().value() == 4);
  }
  // What is accepted comes back as the same number.
  deliver_line(R"({"src":"c1","dest":"n1","body":{"type":"echo","echo":[0.1,1e-310,18446744073709551615,-0.0,5e-324,1.7976931348623157e308],"msg_id":5}})");
  auto ok = only_sent();
  BOOST_TEST_REQUIRE(ok.type() == "echo_ok");
  auto const& a = ok.body.at("echo").as_array();
  BOOST_TEST(a[0].as_double() == 0.1);
  BOOST_TEST(a[1].as_double() == 1e-310);
  BOOST_TEST(a[2].as_uint64() == UINT64_MAX);
  BOOST_TEST(std::signbit(a[3].as_double()));
  BOOST_TEST(a[4].as_double() == 5e-324);
  BOOST_TEST(a[5].as_double() == std::numeric_limits<double>::max());
}

BOOST_FIXTURE_TEST_CASE(nothing_non_finite_or_non_utf8_is_ever_sent, node_fixture) {
  n.on("inf", [this](message const& m) { n.reply(m, object{{"type", "inf_ok"}, {"v", HUGE_VAL}}); });
  n.on("bytes", [this](message const& m) { n.reply(m, object{{"type", "bytes_ok"}, {"v", "\xff\xfe"}}); });
  n.on("text", [](message const&) { throw error(error_code::abort, "bad \xc3 byte"); });
  init();
  deliver("c1", object{{"type", "inf"}, {"msg_id", 1}});
  BOOST_TEST(error_code_of(only_sent()) == 13);
  deliver("c1", object{{"type", "bytes"}, {"msg_id", 2}});
  BOOST_TEST(error_code_of(only_sent()) == 13);
  deliver("c1", object{{"type", "text"}, {"msg_id", 3}});
  auto m = only_sent();
  BOOST_TEST(error_code_of(m) == 14);
  BOOST_TEST(m.body.at("text").as_string() == "bad ? byte");
  BOOST_CHECK_THROW(glomers::serialize(message{"n1", "c1", object{{"type", "x"}, {"v", NAN}}}), std::domain_error);
}

BOOST_FIXTURE_TEST_CASE(long_deep_and_broken_lines_are_answered_from_what_was_read, node_fixture) {
  n.on("echo", [this](message const& m) { n.reply(m, object{{"type", "echo_ok"}, {"echo", m.body.at("echo")}}); });
  init();
  n.limits().max_line_bytes = 4096;
  std::string const head = R"({"src":"c1","dest":"n1","body":{"type":"echo","msg_id":6,"echo":")";
  deliver_line(head + std::string(5000, 'x') + "\"}}");
  auto m = only_sent();
  BOOST_TEST(error_code_of(m) == 12);
  BOOST_TEST(m.in_reply_to().value() == 6);
  BOOST_TEST(m.body.at("text").as_string().find("longer than 4096 bytes") != std::string::npos);
  std::string deep = std::string(R"({"src":"c1","dest":"n1","body":{"type":"echo","msg_id":7,"echo":)") +
                     std::string(100, '[') + std::string(100, ']') + "}}";
  deliver_line(deep);
  BOOST_TEST(error_code_of(only_sent()) == 12);
  deliver_line(head.substr(0, head.size() - 1) + "\"\xc3\x28\"}}");  // invalid UTF-8
  BOOST_TEST(error_code_of(only_sent()) == 12);
  deliver_line(head + "abc");  // truncated
  BOOST_TEST(only_sent().in_reply_to().value() == 6);
  deliver_line(R"({"src":"c1","dest":"n1","body":{"type":"echo","msg_id":01}})");  // not 0: no answer
  deliver_line(R"({"src":"c1","dest":"n1","body":{"type":"echo","msg_id":12)");   // maybe 123: no answer
  BOOST_TEST(rt.sent.empty());
  deliver_line(R"({"src":"c1","dest":"n1","body":{"type":"echo","msg_id":8,"echo":1}} trailing)");
  BOOST_TEST(error_code_of(only_sent()) == 12);
  deliver_line(R"({"src":"c1","dest":"n1","body":{"type":"echo","msg_id":9,"echo":"ok"}}  )");
  BOOST_TEST(only_sent().type() == "echo_ok");
}

BOOST_FIXTURE_TEST_CASE(a_message_type_has_one_handler, node_fixture) {
  n.on("read", [](message const&) {});
  BOOST_CHECK_EXCEPTION(n.on("read", [](message const&) {}), std::logic_error, [](std::logic_error const& e) {
    return std::string(e.what()).find("'read'") != std::string::npos;
  });
  n.on<add>([](message const&, add) {});
  BOOST_CHECK_THROW(n.on<add>([](message const&, add) {}), std::logic_error);
  BOOST_CHECK_THROW(n.on("init", [](message const&) {}), std::logic_error);
}

BOOST_FIXTURE_TEST_CASE(without_msg_id_only_peers_are_answered, node_fixture) {
  n.on("ping", [this](message const& m) { n.reply(m, object{{"type", "pong"}}); });
  init();
  deliver("c1", object{{"type", "ping"}});  // a client could not correlate it
  BOOST_TEST(rt.sent.empty());
  deliver("n2", object{{"type", "ping"}});  // a peer may dispatch it by type
  auto m = only_sent();
  BOOST_TEST(m.dest == "n2");
  BOOST_TEST(!m.in_reply_to().has_value());
}

BOOST_FIXTURE_TEST_CASE(node_to_node_types_refuse_clients, node_fixture) {
  int taken = 0;
  n.on("gossip", [&](message const& m) {
    n.require_peer(m);
    ++taken;
  });
  init();
  deliver("c1", object{{"type", "gossip"}, {"msg_id", 1}});
  BOOST_TEST(error_code_of(only_sent()) == 10);
  deliver("n1", object{{"type", "gossip"}, {"msg_id", 2}});  // itself
  BOOST_TEST(error_code_of(only_sent()) == 10);
  deliver("n3", object{{"type", "gossip"}});
  BOOST_TEST(taken == 1);
  BOOST_TEST(n.is_peer("n2"));
  BOOST_TEST(!n.is_peer("seq-kv"));
}

BOOST_FIXTURE_TEST_CASE(init_bounds_the_cluster_size, node_fixture) {
  glomers::json::array ids;
  for (int i = 0; i < 1025; ++i) ids.emplace_back("n" + std::to_string(i));
  deliver("c0", object{{"type", "init"}, {"msg_id", 1}, {"node_id", "n1"}, {"node_ids", ids}});
  BOOST_TEST(error_code_of(only_sent()) == 12);
  BOOST_TEST(!n.initialised());
}

BOOST_AUTO_TEST_SUITE_END()
