// The kafka client's pure parts: offsets across assign and poll, the commit map, and the strict
// response schemas.
#include "harness/workloads/kafka/client.hpp"
#include "harness/workloads/kafka/workload.hpp"

#include <boost/test/unit_test.hpp>

using namespace glomers::harness;
namespace json = glomers::json;

namespace {
json::object parse(char const* s) { return boost::json::parse(s).as_object(); }
}  // namespace

BOOST_AUTO_TEST_SUITE(kafka_client_test)

BOOST_AUTO_TEST_CASE(assign_keeps_assigned_offsets_takes_committed_ones_drops_the_rest) {
  kafka::client_offsets c;
  c.next = {{"a", 5}, {"b", 7}};
  auto committed = parse(R"({"a": 1, "c": 3})");
  kafka::assign(c, json::array{"a", "c", "d"}, &committed);
  BOOST_TEST(boost::json::serialize(c.as_json()) == R"({"a":5,"c":3,"d":0})");
  kafka::assign(c, json::array{"a", "e"}, nullptr);  // seek to beginning
  BOOST_TEST(boost::json::serialize(c.as_json()) == R"({"a":0,"e":0})");
}

BOOST_AUTO_TEST_CASE(a_poll_advances_past_what_it_returned_and_commits_the_highest) {
  kafka::client_offsets c;
  c.next = {{"a", 2}, {"b", 9}};
  auto msgs = parse(R"({"a": [[2, 10], [3, 11]], "b": [], "z": [[4, 1]]})");
  auto commit = kafka::advance(c, msgs);
  BOOST_TEST(boost::json::serialize(c.as_json()) == R"({"a":4,"b":9,"z":5})");
  BOOST_TEST(boost::json::serialize(commit) == R"({"a":3,"z":4})");
  c.next.clear();
  BOOST_TEST(kafka::advance(c, parse(R"({"q": []})")).empty());
  BOOST_TEST(c.next.at("q") == 0);
}

BOOST_AUTO_TEST_CASE(strict_response_schemas) {
  BOOST_TEST(kafka::send_ok_offset(parse(R"({"type":"send_ok","offset":3,"in_reply_to":1})")) == 3);
  BOOST_CHECK_THROW(kafka::send_ok_offset(parse(R"({"type":"send_ok","offset":"3","in_reply_to":1})")), schema_error);
  BOOST_CHECK_THROW(kafka::send_ok_offset(parse(R"({"type":"send_ok","offset":3,"extra":1,"in_reply_to":1})")),
                    schema_error);
  BOOST_TEST(kafka::poll_ok_msgs(parse(R"({"type":"poll_ok","msgs":{"a":[[0,{"x":1}]]},"in_reply_to":1})")).size() == 1u);
  for (auto const* bad : {R"({"type":"poll_ok","msgs":{"a":[[0]]},"in_reply_to":1})",
                          R"({"type":"poll_ok","msgs":{"a":[[0,1,2]]},"in_reply_to":1})",
                          R"({"type":"poll_ok","msgs":{"a":[["0",1]]},"in_reply_to":1})",
                          R"({"type":"poll_ok","msgs":{"a":{"0":1}},"in_reply_to":1})",
                          R"({"type":"poll_ok","msgs":[],"in_reply_to":1})"}) {
    BOOST_CHECK_THROW(kafka::poll_ok_msgs(parse(bad)), schema_error);
  }
  BOOST_TEST(kafka::committed_offsets(parse(R"({"type":"list_committed_offsets_ok","offsets":{"a":2},"in_reply_to":1})")).size() == 1u);
  BOOST_CHECK_THROW(kafka::committed_offsets(parse(R"({"type":"list_committed_offsets_ok","offsets":{"a":null},"in_reply_to":1})")),
                    schema_error);
  kafka::check_commit_ok(parse(R"({"type":"commit_offsets_ok","in_reply_to":1})"));
  BOOST_CHECK_THROW(kafka::check_commit_ok(parse(R"({"type":"commit_offsets_ok","offsets":{},"in_reply_to":1})")),
                    schema_error);
}

BOOST_AUTO_TEST_CASE(the_workload_client_polls_then_commits_in_one_op) {
  world w(1);
  workload_context ctx;
  ctx.nodes = {"n0"};
  ctx.w = &w;
  kafka::kafka_workload wl(ctx);
  BOOST_TEST(!wl.reusable_client());
  BOOST_TEST(wl.idempotent("assign"));
  BOOST_TEST(!wl.idempotent("poll"));
  auto st = wl.open_client();
  using step = workload::step;
  auto const op_of = [](std::string f, json::value v, json::object extra = {}) {
    op o;
    o.f = std::move(f);
    o.value = std::move(v);
    o.extra = std::move(extra);
    return o;
  };

  auto const assign = op_of("assign", json::array{"a", "b"});
  auto s = wl.begin(assign, st.get());
  BOOST_TEST(s.kind == step::send);
  BOOST_TEST(boost::json::serialize(s.body) == R"({"type":"list_committed_offsets","keys":["a","b"]})");
  s = wl.resume(assign, st.get(), parse(R"({"type":"list_committed_offsets_ok","offsets":{"a":3},"in_reply_to":1})"));
  BOOST_TEST(s.kind == step::ok);
  BOOST_TEST(boost::json::serialize(s.value) == R"(["a","b"])");

  auto const poll = op_of("poll", json::array{json::array{"poll"}});
  s = wl.begin(poll, st.get());
  BOOST_TEST(boost::json::serialize(s.body) == R"({"type":"poll","offsets":{"a":3,"b":0}})");
  s = wl.resume(poll, st.get(), parse(R"({"type":"poll_ok","msgs":{"a":[[3,9],[4,10]]},"in_reply_to":2})"));
  BOOST_TEST(s.kind == step::send);
  BOOST_TEST(boost::json::serialize(s.body) == R"({"type":"commit_offsets","offsets":{"a":4}})");
  s = wl.resume(poll, st.get(), parse(R"({"type":"commit_offsets_ok","in_reply_to":3})"));
  BOOST_TEST(s.kind == step::ok);
  BOOST_TEST(boost::json::serialize(s.value) == R"([["poll",{"a":[[3,9],[4,10]]}]])");

  s = wl.begin(poll, st.get());  // nothing new: no commit
  BOOST_TEST(boost::json::serialize(s.body) == R"({"type":"poll","offsets":{"a":5,"b":0}})");
  s = wl.resume(poll, st.get(), parse(R"({"type":"poll_ok","msgs":{},"in_reply_to":4})"));
  BOOST_TEST(s.kind == step::ok);

  auto const send = op_of("send", json::array{json::array{"send", "a", 11}});
  s = wl.begin(send, st.get());
  BOOST_TEST(boost::json::serialize(s.body) == R"({"type":"send","key":"a","msg":11})");
  s = wl.resume(send, st.get(), parse(R"({"type":"send_ok","offset":5,"in_reply_to":5})"));
  BOOST_TEST(boost::json::serialize(s.value) == R"([["send","a",[5,11]]])");
  BOOST_CHECK_THROW(wl.resume(send, st.get(), parse(R"({"type":"send_ok","in_reply_to":5})")), schema_error);

  auto const seek = op_of("assign", json::array{"c"}, {{"seek-to-beginning?", true}});
  s = wl.begin(seek, st.get());  // no request
  BOOST_TEST(s.kind == step::ok);
  s = wl.begin(poll, st.get());
  BOOST_TEST(boost::json::serialize(s.body) == R"({"type":"poll","offsets":{"c":0}})");

  BOOST_TEST(wl.begin(op_of("crash", nullptr), st.get()).kind == step::info);
}

BOOST_AUTO_TEST_SUITE_END()
