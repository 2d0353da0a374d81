// lin-kv on Raft under bad input, each a finding of the node fuzzer (tests/fuzz): a client posing
// as a Raft peer, forged committed commands and snapshots, a forged leader rewriting a committed
// entry, requests missing their fields, and a client's in_reply_to carried into a forward.
#include "challenges/lin_kv/designs.hpp"

#include <boost/test/unit_test.hpp>

#include "tests/support/node_fixture.hpp"

using namespace std::chrono_literals;
using namespace glomers;
using glomers::json::array;
using glomers::json::object;
using glomers::testing::error_code_of;

namespace {

struct fixture : testing::node_fixture {
  lin_kv_server<runtime::manual, lin_kv_designs::raft_read_index> server{n};
  fixture() { init("n1", {"n1", "n2", "n3"}); }

  // n2 (or whoever) as the leader of term 1, sending entries after prev_index with commit.
  void append(std::string const& from, std::int64_t term, std::int64_t prev, std::int64_t prev_term, array entries,
              std::int64_t commit) {
    deliver(from, object{{"type", "raft_append"}, {"term", term}, {"seq", 1}, {"prev_index", prev}, {"prev_term", prev_term},
                         {"entries", entries}, {"commit", commit}});
  }
  message reply_to(std::string const& dest) {
    auto sent = rt.take_sent();
    auto it = std::find_if(sent.begin(), sent.end(), [&](auto const& m) { return m.dest == dest; });
    BOOST_TEST_REQUIRE((it != sent.end()));
    return *it;
  }
};

object write_command(std::int64_t k, std::int64_t v) { return object{{"f", "write"}, {"key", k}, {"value", v}}; }

}  // namespace

BOOST_AUTO_TEST_SUITE(lin_kv_input_test)

BOOST_AUTO_TEST_CASE(a_client_cannot_speak_raft) {
  fixture f;
  f.deliver("c1", object{{"type", "raft_append"}, {"term", 17}, {"seq", 1}, {"prev_index", 0}, {"prev_term", 0},
                         {"entries", array{}}, {"commit", 0}, {"msg_id", 5}});
  BOOST_TEST(error_code_of(f.reply_to("c1")) == 10);
  BOOST_TEST(f.server.core()->term() < 17);  // it did not follow the impostor
  BOOST_TEST(f.server.core()->leader() != "c1");
}

BOOST_AUTO_TEST_CASE(forged_committed_commands_never_stop_the_entries_after_them) {
  fixture f;
  array entries{array{1, 1}, array{1, object{{"f", 7}}}, array{1, object{{"f", "cas"}, {"key", 1}}},
                array{1, object{{"f", "write"}, {"key", 2}}}, array{1, write_command(5, 7)}};
  f.append("n2", 1, 0, 0, entries, 5);
  f.rt.advance(1ms);
  auto r = f.server.state().read(json::value(5));
  BOOST_TEST_REQUIRE(!r.err.has_value());
  BOOST_TEST(r.body.at("value") == json::value(7));
  raft_kv::kv_state s;  // forged snapshots: pairs kept, anything else skipped
  s.restore(array{array{1, 2}, 3, array{4}, array{array{5}, 6}});
  BOOST_TEST(s.size() == 2u);
  BOOST_TEST(s.apply(object{{"f", "write"}, {"key", 9}}).err->code() == 12);
}

BOOST_AUTO_TEST_CASE(a_committed_entry_is_never_rewritten) {
  fixture f;
  f.append("n2", 1, 0, 0, array{array{1, write_command(1, 1)}}, 1);
  f.rt.take_sent();
  f.append("n3", 2, 0, 0, array{array{2, write_command(1, 2)}}, 1);  // a "leader" rewriting index 1
  auto const ok = f.reply_to("n3");
  BOOST_TEST(ok.body.at("success") == json::value(false));
  BOOST_TEST(f.server.core()->log().term_at(1).value() == 1);
  f.rt.advance(1ms);
  BOOST_TEST(f.server.state().read(json::value(1)).body.at("value") == json::value(1));
}

BOOST_AUTO_TEST_CASE(requests_missing_fields_get_12) {
  fixture f;
  for (auto body : {object{{"type", "read"}}, object{{"type", "write"}, {"key", 1}}, object{{"type", "cas"}, {"key", 1}, {"from", 1}}}) {
    body["msg_id"] = 3;
    f.deliver("c1", body);
    BOOST_TEST(error_code_of(f.reply_to("c1")) == 12);
  }
}

BOOST_AUTO_TEST_CASE(a_forward_carries_no_in_reply_to) {
  fixture f;
  f.append("n2", 1, 0, 0, array{}, 0);  // n2 leads
  f.rt.take_sent();
  f.deliver("c1", object{{"type", "write"}, {"key", 1}, {"value", 2}, {"msg_id", 4}, {"in_reply_to", 88}});
  auto const fwd = f.reply_to("n2");
  BOOST_TEST(fwd.type() == "write");
  BOOST_TEST(!fwd.body.contains("in_reply_to"));
}

BOOST_AUTO_TEST_SUITE_END()

// Many large values cannot grow the store past what a snapshot message can carry: the write that
// would is refused (14, definite) on every replica alike, and overwriting in place still works.
BOOST_AUTO_TEST_CASE(the_store_stays_small_enough_for_one_snapshot_message) {
  raft_kv::kv_state s;
  std::string const big(8000, 'x');
  int refused_at = -1;
  for (int k = 0; k < 200 && refused_at < 0; ++k) {
    auto r = s.apply(object{{"f", "write"}, {"key", k}, {"value", big}});
    if (r.err) {
      BOOST_TEST(r.err->code() == 14);
      refused_at = k;
    }
  }
  BOOST_TEST_REQUIRE(refused_at > 0);
  BOOST_TEST(!s.read(json::value(refused_at)).body.contains("value"));  // not written
  BOOST_TEST(boost::json::serialize(s.snapshot()).size() <= raft_kv::kv_state::max_state_bytes);
  BOOST_TEST(!s.apply(object{{"f", "write"}, {"key", 0}, {"value", 1}}).err);  // shrinking is fine
  BOOST_TEST(!s.apply(object{{"f", "cas"}, {"key", 0}, {"from", 1}, {"to", big}}).err);  // so is growing back
  raft_kv::kv_state copy;
  copy.restore(s.snapshot());
  BOOST_TEST(copy.bytes() == s.bytes());
  BOOST_TEST(copy.apply(object{{"f", "write"}, {"key", 500}, {"value", big}}).err->code() == 14);
}
