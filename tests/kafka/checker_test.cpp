// The kafka checker on hand-made histories: each commits exactly one anomaly, which must be the
// only error type reported; a correct history is accepted.
#include "harness/workloads/kafka/checker.hpp"
#include "tests/kafka/kafka_history.hpp"

#include <boost/test/unit_test.hpp>

using namespace glomers::harness;
using kafka_test::kafka_history;
namespace json = glomers::json;

namespace {

std::vector<std::string> error_types(json::object const& r) {
  std::vector<std::string> out;
  for (auto const& t : r.at("error-types").get_array()) out.emplace_back(t.get_string());
  return out;
}

std::string dump(json::value const& r) { return boost::json::serialize(r); }

// The checker reports exactly `types`, and is valid iff none is outside the allowed set.
json::object expect_only(history const& h, std::vector<std::string> const& types, bool valid) {
  auto r = kafka::check(h);
  BOOST_TEST_INFO(dump(r));
  BOOST_TEST(error_types(r) == types, boost::test_tools::per_element());
  BOOST_TEST_INFO(dump(r));
  BOOST_TEST(r.at("valid?") == json::value(valid));
  return r;
}

json::object const& errs_of(json::object const& r, std::string const& type) { return r.at(type).as_object(); }

// p0 sends 1, 2, 3 to "a" at offsets 0, 1, 2.
void three_sends(kafka_history& b) {
  b.send(0, "a", 1, 0);
  b.send(0, "a", 2, 1);
  b.send(0, "a", 3, 2);
}
kafka_test::pairs all_three() { return {{0, 1}, {1, 2}, {2, 3}}; }

}  // namespace

BOOST_AUTO_TEST_SUITE(kafka_checker_test)

BOOST_AUTO_TEST_CASE(a_correct_history_is_valid) {
  kafka_history b;
  three_sends(b);
  b.send(1, "b", 1, 0);
  b.assign(2, {"a", "b"});
  b.poll(2, {{"a", {{0, 1}, {1, 2}}}, {"b", {{0, 1}}}});
  b.poll(2, {{"a", {{2, 3}}}});
  b.poll(2, {});
  b.crash(2);
  b.assign(5, {"a"});  // a fresh process may start anywhere
  b.poll(5, {{"a", {{1, 2}}}});
  auto r = expect_only(b.h, {}, true);
  BOOST_TEST(r.at("bad-error-types").as_array().empty());
  BOOST_TEST(r.at("info-txn-causes").as_array().empty());
  BOOST_TEST(!r.contains("unseen"));
}

BOOST_AUTO_TEST_CASE(inconsistent_offsets) {
  kafka_history b;
  b.send(0, "a", 1, 0);
  b.send(1, "a", 2, 0);  // offset 0 again
  b.poll(2, {{"a", {{0, 1}}}});
  b.poll(3, {{"a", {{0, 2}}}});
  auto r = expect_only(b.h, {"inconsistent-offsets"}, false);
  auto const& e = errs_of(r, "inconsistent-offsets");
  BOOST_TEST(e.at("count") == 1);
  BOOST_TEST(dump(e.at("errs").as_array()[0].as_object()) == R"({"key":"a","offset":0,"index":0,"values":[1,2]})");
}

BOOST_AUTO_TEST_CASE(duplicate) {
  kafka_history b;
  b.send(0, "a", 1, 0);
  b.poll(1, {{"a", {{0, 1}}}});
  b.poll(2, {{"a", {{1, 1}}}});  // the same message at offset 1
  auto r = expect_only(b.h, {"duplicate"}, false);
  BOOST_TEST(dump(errs_of(r, "duplicate").at("errs").as_array()[0].as_object()) ==
             R"({"key":"a","value":1,"count":2,"offsets":[0,1]})");
}

BOOST_AUTO_TEST_CASE(lost_write_is_also_unseen) {
  kafka_history b;
  three_sends(b);
  b.poll(1, {{"a", {{0, 1}, {1, 2}}}});
  b.poll(2, {{"a", {{2, 3}}}});  // skips 2: fine, p1 read it; but nobody reads...
  b.send(0, "a", 4, 3);
  b.send(0, "a", 5, 4);
  b.poll(3, {{"a", {{4, 5}}}});  // ...4, below the highest read offset 4
  auto r = expect_only(b.h, {"lost-write", "unseen"}, false);
  auto const& e = errs_of(r, "lost-write").at("errs").as_array()[0].as_object();
  BOOST_TEST(e.at("value") == 4);
  BOOST_TEST(e.at("index") == 3);
  BOOST_TEST(e.at("max-read-index") == 4);
  BOOST_TEST(e.at("writer").as_object().at("type") == "ok");
  BOOST_TEST(e.at("max-read").as_object().at("process") == 3);
  BOOST_TEST(dump(r.at("unseen").as_object().at("unseen").as_object()) == R"({"a":1})");
  BOOST_TEST(dump(r.at("unseen").as_object().at("messages").as_object()) == R"({"a":[4]})");
}

BOOST_AUTO_TEST_CASE(lost_write_needs_a_sender_that_must_have_committed) {
  for (auto const writer : {op_type::ok, op_type::fail}) {
    kafka_history b;
    b.send(0, "a", 1, 0);
    auto s = b.send_invoke(1, "a", 2);
    if (writer == op_type::ok) {
      b.send_ok(s, 1);
    } else {
      b.complete(s, op_type::fail);
    }
    b.send(0, "a", 3, 2);
    b.poll(2, {{"a", {{1, 2}}}}, op_type::info);  // places 2 at offset 1; not an ok read
    b.poll(3, {{"a", {{0, 1}}}});
    b.poll(3, {{"a", {{2, 3}}}});  // skips 2 as well
    if (writer == op_type::ok) {
      expect_only(b.h, {"lost-write", "poll-skip", "unseen"}, false);
    } else {
      expect_only(b.h, {"poll-skip"}, false);
    }
  }
}

BOOST_AUTO_TEST_CASE(unseen_alone) {
  kafka_history b;
  b.send(0, "a", 1, 0);
  b.poll(1, {});  // nothing returned for "a"
  auto r = expect_only(b.h, {"unseen"}, false);
  BOOST_TEST(r.at("unseen").as_object().at("time") == 4000000);  // the last ok send or poll, at 4 ms
}

BOOST_AUTO_TEST_CASE(poll_skip_per_process) {
  kafka_history b;
  three_sends(b);
  b.poll(1, {{"a", {{0, 1}}}});
  b.poll(1, {{"a", {{2, 3}}}});
  b.poll(2, {{"a", all_three()}});
  auto r = expect_only(b.h, {"poll-skip"}, false);
  auto const& e = errs_of(r, "poll-skip").at("errs").as_array()[0].as_object();
  BOOST_TEST(e.at("delta") == 2);
  BOOST_TEST(dump(e.at("skipped")) == "[2]");
  BOOST_TEST(e.at("ops").as_array().size() == 2u);
}

BOOST_AUTO_TEST_CASE(assign_and_process_change_forget_positions) {
  kafka_history b;
  three_sends(b);
  b.poll(1, {{"a", {{0, 1}}}});
  b.assign(1, {"b"});  // drops "a"
  b.poll(1, {{"a", {{2, 3}}}});
  b.poll(2, {{"a", {{0, 1}}}});
  b.crash(2);
  b.poll(2 + 10, {{"a", {{2, 3}}}});  // a new process
  b.poll(4, {{"a", all_three()}});
  expect_only(b.h, {}, true);

  kafka_history keep;
  three_sends(keep);
  keep.poll(1, {{"a", {{0, 1}}}});
  keep.assign(1, {"a", "b"}, op_type::info);  // keeps "a" (an info assign counts)
  keep.poll(1, {{"a", {{2, 3}}}});
  keep.poll(4, {{"a", all_three()}});
  expect_only(keep.h, {"poll-skip"}, false);
}

BOOST_AUTO_TEST_CASE(nonmonotonic_poll) {
  kafka_history b;
  three_sends(b);
  b.poll(1, {{"a", {{0, 1}, {1, 2}}}});
  b.poll(1, {{"a", {{1, 2}, {2, 3}}}});  // starts again at 2
  auto r = expect_only(b.h, {"nonmonotonic-poll"}, false);
  auto const& e = errs_of(r, "nonmonotonic-poll").at("errs").as_array()[0].as_object();
  BOOST_TEST(e.at("delta") == 0);
  BOOST_TEST(dump(e.at("values")) == "[2,2]");
}

BOOST_AUTO_TEST_CASE(int_poll_skip) {
  kafka_history b;
  three_sends(b);
  b.poll(1, {{"a", {{0, 1}, {2, 3}}}});  // one poll, not contiguous
  b.poll(2, {{"a", all_three()}});
  auto r = expect_only(b.h, {"int-poll-skip"}, false);
  auto const& e = errs_of(r, "int-poll-skip").at("errs").as_array()[0].as_object();
  BOOST_TEST(dump(e.at("values")) == "[1,3]");
  BOOST_TEST(dump(e.at("skipped")) == "[2]");
}

BOOST_AUTO_TEST_CASE(int_nonmonotonic_poll) {
  kafka_history b;
  three_sends(b);
  b.poll(1, {{"a", {{1, 2}, {0, 1}, {2, 3}}}});
  expect_only(b.h, {"int-nonmonotonic-poll", "int-poll-skip"}, false);  // 2 -> 1 -> 3: back, then a jump
  kafka_history c;
  three_sends(c);
  c.poll(1, {{"a", {{0, 1}, {0, 1}, {1, 2}, {2, 3}}}});
  expect_only(c.h, {"int-nonmonotonic-poll"}, false);  // the same message twice
}

BOOST_AUTO_TEST_CASE(nonmonotonic_send) {
  kafka_history b;
  b.send(0, "a", 1, 1);
  b.send(0, "a", 2, 0);  // the process's second send lands before its first
  b.poll(1, {{"a", {{0, 2}, {1, 1}}}});
  auto r = expect_only(b.h, {"nonmonotonic-send"}, false);
  BOOST_TEST(errs_of(r, "nonmonotonic-send").at("errs").as_array()[0].as_object().at("delta") == -1);
}

BOOST_AUTO_TEST_CASE(int_send_skip_is_allowed_int_nonmonotonic_send_is_not) {
  auto txn = [](std::int64_t o1, std::int64_t o2) {
    kafka_history b;
    auto inv = b.invoke(0, "send", json::array{json::array{"send", "a", 1}, json::array{"send", "a", 2}});
    b.complete(inv, op_type::ok,
               json::array{json::array{"send", "a", json::array{o1, 1}}, json::array{"send", "a", json::array{o2, 2}}});
    b.send(1, "a", 3, 1);
    b.poll(2, {{"a", {{0, o1 == 0 ? 1 : 2}, {1, 3}, {2, o1 == 0 ? 2 : 1}}}});
    return b.h;
  };
  expect_only(txn(0, 2), {"int-send-skip"}, true);
  expect_only(txn(2, 0), {"int-nonmonotonic-send"}, false);
}

BOOST_AUTO_TEST_CASE(g1a_reads_a_failed_send) {
  kafka_history b;
  b.send_failed(0, "a", 1);
  b.poll(1, {{"a", {{0, 1}}}});
  auto r = expect_only(b.h, {"G1a"}, false);
  auto const& e = errs_of(r, "G1a").at("errs").as_array()[0].as_object();
  BOOST_TEST(e.at("writer").as_object().at("type") == "fail");
  BOOST_TEST(e.at("reader").as_object().at("type") == "ok");
}

BOOST_AUTO_TEST_CASE(precommitted_read) {
  kafka_history b;
  auto inv = b.invoke(0, "txn", json::array{json::array{"send", "a", 1}, json::array{"poll"}});
  b.complete(inv, op_type::ok,
             json::array{json::array{"send", "a", json::array{0, 1}}, json::array{"poll", json::object{{"a", json::array{json::array{0, 1}}}}}});
  b.poll(1, {{"a", {{0, 1}}}});
  expect_only(b.h, {"precommitted-read"}, false);
}

BOOST_AUTO_TEST_CASE(g1c_realtime_reads_before_the_send_began) {
  kafka_history b;
  b.poll(1, {{"a", {{0, 1}}}});  // completes before...
  b.send(0, "a", 1, 0);          // ...the send of 1 is invoked
  b.send(0, "a", 2, 1);
  b.poll(1, {{"a", {{1, 2}}}});
  auto r = expect_only(b.h, {"G1c-realtime"}, false);
  auto const& e = errs_of(r, "G1c-realtime");
  BOOST_TEST(e.at("count") == 1);
  BOOST_TEST(e.at("errs").as_array()[0].as_object().at("cycle").as_array().size() == 3u);

  // Two separate windows are two cycles; overlapping ones are one component.
  kafka_history two;
  two.poll(1, {{"a", {{0, 1}}}});
  two.send(0, "a", 1, 0);
  two.poll(1, {{"b", {{0, 1}}}, {"a", {{1, 2}}}});
  two.send(0, "a", 2, 1);  // window of 2 overlaps the one of 1? no: it starts after send 1
  two.send(2, "b", 1, 0);  // overlaps the window of 2
  auto r2 = expect_only(two.h, {"G1c-realtime"}, false);
  BOOST_TEST(errs_of(r2, "G1c-realtime").at("count") == 2);

  kafka_history concurrent;  // the poll and the send overlap: no cycle
  auto s = concurrent.send_invoke(0, "a", 1);
  auto p = concurrent.poll_invoke(1);
  concurrent.poll_ok(p, {{"a", {{0, 1}}}});
  concurrent.send_ok(s, 0);
  concurrent.poll(1, {});
  expect_only(concurrent.h, {}, true);
}

BOOST_AUTO_TEST_CASE(a_polled_message_nobody_sent_is_unknown) {
  kafka_history b;
  b.send(0, "a", 1, 0);
  b.poll(1, {{"a", {{0, 1}, {1, 99}}}});
  auto r = kafka::check(b.h);
  BOOST_TEST(r.at("valid?") == "unknown");
  BOOST_TEST(std::string(r.at("error").as_string()).find("99") != std::string::npos);
}

// Jepsen's lost-write analysis indexes its last-index vector at -1 when ok polls returned a key
// only as an empty list, and throws: Maelstrom answers unknown. Once any ok poll read a message
// of that key, empty lists are harmless (and an empty list breaks the per-process comparison).
BOOST_AUTO_TEST_CASE(a_key_only_ever_polled_empty_is_unknown_as_in_jepsen) {
  kafka_history b;
  b.send(0, "a", 1, 0);
  b.poll(1, {{"a", {}}});
  auto r = kafka::check(b.h);
  BOOST_TEST(r.at("valid?") == "unknown");
  BOOST_TEST(std::string(r.at("error").as_string()).find("lost-write") != std::string::npos);

  kafka_history read;
  three_sends(read);
  read.poll(1, {{"a", {{0, 1}}}});
  read.poll(1, {{"a", {}}});
  read.poll(1, {{"a", {{2, 3}}}});  // after the empty list: no skip reported
  read.poll(2, {{"a", all_three()}});
  expect_only(read.h, {}, true);
}

BOOST_AUTO_TEST_CASE(an_empty_graph_is_invalid) {
  kafka_history b;
  b.send_failed(0, "a", 1);
  b.send_failed(1, "a", 2, op_type::info);
  auto r = expect_only(b.h, {"empty-transaction-graph"}, false);
  BOOST_TEST(dump(r.at("info-txn-causes")) == R"(["net-timeout"])");
  BOOST_TEST(expect_only(history{}, {}, true).at("worst-realtime-lag").as_object().at("lag") == 0.0);
}

BOOST_AUTO_TEST_CASE(worst_realtime_lag) {
  kafka_history b;
  b.assign(1, {"a"});          // 1, 2 ms
  b.send(0, "a", 1, 0);        // completes at 4 ms: offset 0 exists
  b.poll(1, {});               // invoked at 5 ms, knows nothing of "a": 1 ms behind
  b.poll(1, {{"a", {{0, 1}}}});
  auto r = kafka::check(b.h);
  auto const& lag = r.at("worst-realtime-lag").as_object();
  BOOST_TEST(lag.at("lag").as_double() == 0.001);
  BOOST_TEST(lag.at("time").as_double() == 0.005);
  BOOST_TEST(lag.at("key") == "a");
  BOOST_TEST(lag.at("process") == 1);
}

BOOST_AUTO_TEST_CASE(capped_lists_keep_the_worst) {
  kafka_history b;
  for (int i = 0; i < 40; ++i) b.send(0, "a", i + 1, i);
  kafka_test::pairs all;
  for (int i = 0; i < 40; ++i) all.emplace_back(i, i + 1);
  b.poll(1, {{"a", all}});
  for (int i = 0; i < 20; ++i) b.poll(2 + i, {{"a", {{i, i + 1}, {i + 1 + i % 10, i + 2 + i % 10}}}});
  auto r = expect_only(b.h, {"int-poll-skip"}, false);
  auto const& e = errs_of(r, "int-poll-skip");
  BOOST_TEST(e.at("count") == 18);  // i % 10 == 0 is contiguous
  BOOST_TEST(e.at("errs").as_array().size() == 8u);
  BOOST_TEST(e.at("errs").as_array()[7].as_object().at("delta") == 10);
}

BOOST_AUTO_TEST_SUITE_END()
