// The kafka server with each log design on hand-driven runtimes: what goes on the wire, what the
// client gets back, and what happens when a peer does not answer.
#include "challenges/kafka/designs.hpp"

#include <boost/test/unit_test.hpp>

#include "tests/support/node_fixture.hpp"

using namespace std::chrono_literals;
using namespace glomers;
using glomers::json::array;
using glomers::json::object;
using glomers::testing::error_code_of;
using glomers::testing::node_fixture;

namespace {

template <class Design>
struct kafka_fixture : node_fixture {
  kafka_server<runtime::manual, Design> server{n};
  kafka_fixture(std::string id, std::vector<std::string> ids) { init(id, ids); }
  std::int64_t next_id = 100;

  void client(object body) {
    body["msg_id"] = ++next_id;
    deliver("c1", std::move(body));
  }
  // Answers m (a request this node sent) with body.
  void answer(message const& m, object body) {
    body["in_reply_to"] = *m.msg_id();
    deliver(m.dest, std::move(body));
  }
  // The one reply to the client, leaving whatever else was sent in place.
  message reply() {
    std::vector<message> replies, rest;
    for (auto& m : rt.take_sent()) (m.dest == "c1" ? replies : rest).push_back(std::move(m));
    rt.sent = std::move(rest);
    BOOST_TEST_REQUIRE(replies.size() == 1u);
    return replies.front();
  }
  message only_to(std::string const& dest) {
    auto m = only_sent();
    BOOST_TEST(m.dest == dest);
    return m;
  }
};

object send(std::string key, std::int64_t msg) { return {{"type", "send"}, {"key", key}, {"msg", msg}}; }
object poll(object offsets) { return {{"type", "poll"}, {"offsets", offsets}}; }

// Moves messages between two nodes in steps of 10 ms, firing due timers, until neither has sent
// anything to the other for a second; returns what they sent to anyone else.
template <class A, class B>
std::vector<message> exchange(A& a, B& b) {
  std::vector<message> others;
  for (int idle = 0; idle < 100;) {
    a.rt.advance(10ms);
    b.rt.advance(10ms);
    auto out = a.rt.take_sent();
    auto in = b.rt.take_sent();
    idle = out.empty() && in.empty() ? idle + 1 : 0;
    for (auto& m : out) {
      if (m.dest == b.n.id()) b.n.receive(m);
      else others.push_back(m);
    }
    for (auto& m : in) {
      if (m.dest == a.n.id()) a.n.receive(m);
      else others.push_back(m);
    }
  }
  return others;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(kafka_server_test)

BOOST_AUTO_TEST_CASE(residue_answers_at_once_and_serves_what_both_nodes_settled) {
  using D = kafka_designs::residue_sync;
  kafka_fixture<D> a("n1", {"n1", "n2"}), b("n2", {"n1", "n2"});
  b.client(send("k", 5));
  auto ok = b.reply();
  BOOST_TEST(ok.type() == "send_ok");
  BOOST_TEST(ok.body.at("offset") == 1);  // n2's residue class: odd offsets
  b.client(poll({{"k", 0}}));
  BOOST_TEST(b.reply().body.at("msgs") == object{});  // n1 might still assign 0
  BOOST_TEST(exchange(a, b).empty());
  a.client(send("k", 6));
  BOOST_TEST(a.reply().body.at("offset") == 2);  // above everything n1 has seen
  BOOST_TEST(exchange(a, b).empty());
  for (auto* f : {static_cast<node_fixture*>(&a), static_cast<node_fixture*>(&b)}) {
    f->deliver("c1", object{{"type", "poll"}, {"msg_id", 9}, {"offsets", object{{"k", 0}, {"j", 0}}}});
    BOOST_TEST(f->only_sent().body.at("msgs") == (object{{"k", array{array{1, 5}, array{2, 6}}}}));
  }
}

BOOST_AUTO_TEST_CASE(residue_keeps_answering_while_the_peer_is_cut_off) {
  using D = kafka_designs::residue_sync;
  kafka_fixture<D> a("n1", {"n1", "n2"}), b("n2", {"n1", "n2"});
  for (int i = 0; i < 3; ++i) {
    a.client(send("k", i));
    BOOST_TEST(a.reply().type() == "send_ok");
  }
  BOOST_TEST(a.only_to("n2").type() == "replicate");  // the first left with the first send; lost
  a.client(send("k", 3));
  BOOST_TEST(a.reply().type() == "send_ok");
  a.rt.advance(499ms);
  BOOST_TEST(a.rt.take_sent().empty());  // waits for the ack until the retry
  a.rt.advance(1ms);
  auto again = a.only_to("n2");
  BOOST_TEST(again.body.at("entries").at("k").as_array().size() == 4u);  // everything unacknowledged
  a.client(poll({{"k", 0}}));
  BOOST_TEST(a.reply().body.at("msgs") == object{});
  a.client(object{{"type", "commit_offsets"}, {"offsets", object{{"k", 2}}}});
  BOOST_TEST(a.reply().type() == "commit_offsets_ok");
  a.client(object{{"type", "list_committed_offsets"}, {"keys", array{"k", "j"}}});
  BOOST_TEST(a.reply().body.at("offsets") == (object{{"k", 2}}));
  b.n.receive(again);  // healed
  BOOST_TEST(exchange(a, b).empty());
  b.client(poll({{"k", 0}}));
  BOOST_TEST(b.reply().body.at("msgs").at("k").as_array().size() == 4u);
}

// Owners with {n1, n2} and the first SHA-256 byte: "2" (212) -> n1, "0" (95) -> n2.
BOOST_AUTO_TEST_CASE(owner_forward_assigns_locally_and_forwards_the_rest) {
  kafka_fixture<kafka_designs::owner_sha256> f("n1", {"n1", "n2"});
  f.client(send("2", 7));
  BOOST_TEST(f.only_to("c1").body.at("offset") == 0);
  f.client(send("2", 8));
  BOOST_TEST(f.only_to("c1").body.at("offset") == 1);  // dense
  f.client(send("0", 9));
  auto fwd = f.only_to("n2");
  BOOST_TEST(fwd.type() == "forward_send");
  BOOST_TEST(fwd.body.at("key") == "0");
  f.answer(fwd, object{{"type", "forward_send_ok"}, {"offset", 4}});
  BOOST_TEST(f.only_to("c1").body.at("offset") == 4);
  f.client(poll({{"2", 1}, {"0", 0}}));
  auto fp = f.only_to("n2");
  BOOST_TEST(fp.body.at("offsets") == (object{{"0", 0}}));
  f.answer(fp, object{{"type", "forward_poll_ok"}, {"msgs", object{{"0", array{array{4, 9}}}}}});
  BOOST_TEST(f.only_to("c1").body.at("msgs") ==
             (object{{"2", array{array{1, 8}}}, {"0", array{array{4, 9}}}}));
  // The owner's side: a forwarded send is assigned and answered.
  f.deliver("n2", object{{"type", "forward_send"}, {"msg_id", 3}, {"key", "2"}, {"msg", 10}});
  BOOST_TEST(f.only_to("n2").body.at("offset") == 2);
}

BOOST_AUTO_TEST_CASE(owner_forward_never_hangs_on_a_silent_owner) {
  kafka_fixture<kafka_designs::owner_sha256> f("n1", {"n1", "n2"});
  f.client(send("2", 1));
  f.rt.take_sent();
  f.client(send("0", 9));
  BOOST_TEST(f.only_to("n2").type() == "forward_send");
  f.rt.advance(500ms);
  BOOST_TEST(error_code_of(f.only_to("c1")) == 0);  // may have been applied: indefinite
  f.client(send("0", 10));
  BOOST_TEST(error_code_of(f.only_to("c1")) == 11);  // not forwarded: definite
  f.client(poll({{"2", 0}, {"0", 0}}));
  BOOST_TEST(f.only_to("c1").body.at("msgs") == (object{{"2", array{array{0, 1}}}}));  // its keys left out
  f.rt.advance(1000ms);
  f.client(send("0", 11));
  BOOST_TEST(f.only_to("n2").type() == "forward_send");  // probes again
  BOOST_TEST(f.n.pending_rpcs() == 1u);
}

BOOST_AUTO_TEST_CASE(owner_replicated_pushes_entries_and_polls_locally) {
  using D = kafka_designs::owner_replicated;
  kafka_fixture<D> a("n1", {"n1", "n2"}), b("n2", {"n1", "n2"});
  a.client(send("2", 7));                           // owned by n1
  BOOST_TEST(a.reply().body.at("offset") == 0);
  b.client(poll({{"2", 0}}));
  BOOST_TEST(b.reply().body.at("msgs") == object{});  // not there yet, and not forwarded
  BOOST_TEST(exchange(a, b).empty());
  b.client(poll({{"2", 0}}));
  BOOST_TEST(b.reply().body.at("msgs") == (object{{"2", array{array{0, 7}}}}));
  b.client(send("2", 8));                           // a non-owner forwards the send
  auto fwd = b.only_to("n1");
  BOOST_TEST(fwd.type() == "forward_send");
  a.n.receive(fwd);
  auto out = a.rt.take_sent();  // the answer, and the entry on its way to n2 in a batch
  auto ok = std::find_if(out.begin(), out.end(), [](message const& m) { return m.type() == "forward_send_ok"; });
  BOOST_TEST_REQUIRE((ok != out.end()));
  b.n.receive(*ok);
  BOOST_TEST(b.reply().body.at("offset") == 1);
  out.erase(ok);
  a.rt.sent = out;
  BOOST_TEST(exchange(a, b).empty());
  b.client(poll({{"2", 1}}));
  BOOST_TEST(b.reply().body.at("msgs") == (object{{"2", array{array{1, 8}}}}));
}

BOOST_AUTO_TEST_CASE(original_allocates_offsets_by_cas_on_lin_kv) {
  kafka_fixture<kafka_designs::original_lin_kv> f("n1", {"n1", "n2"});
  f.client(send("2", 5));
  auto read = f.only_to("lin-kv");
  BOOST_TEST(read.body.at("key") == "offset_2");
  f.answer(read, object{{"type", "error"}, {"code", 20}});
  auto cas = f.only_to("lin-kv");
  BOOST_TEST(cas.type() == "cas");
  BOOST_TEST(cas.body.at("from") == -1);
  BOOST_TEST(cas.body.at("to") == 0);
  BOOST_TEST(cas.body.at("create_if_not_exists") == true);
  f.answer(cas, object{{"type", "cas_ok"}});
  auto write = f.only_to("lin-kv");
  BOOST_TEST(write.body.at("key") == "2_0");
  BOOST_TEST(write.body.at("value") == 5);
  f.answer(write, object{{"type", "write_ok"}});
  BOOST_TEST(f.only_to("c1").body.at("offset") == 0);

  f.client(send("2", 6));  // someone else took offset 1 meanwhile: the cas moves on by one
  f.answer(f.only_to("lin-kv"), object{{"type", "read_ok"}, {"value", 0}});
  auto cas1 = f.only_to("lin-kv");
  BOOST_TEST(cas1.body.at("from") == 0);
  f.answer(cas1, object{{"type", "error"}, {"code", 22}});
  auto cas2 = f.only_to("lin-kv");
  BOOST_TEST(cas2.body.at("from") == 1);
  BOOST_TEST(cas2.body.at("to") == 2);
  f.answer(cas2, object{{"type", "cas_ok"}});
  f.answer(f.only_to("lin-kv"), object{{"type", "write_ok"}});
  BOOST_TEST(f.only_to("c1").body.at("offset") == 2);

  f.client(send("0", 9));  // owned by n2: forwarded, without a deadline of its own
  auto fwd = f.only_to("n2");
  BOOST_TEST(fwd.type() == "forward");
  f.rt.advance(10s);
  BOOST_TEST(f.rt.take_sent().empty());
  f.answer(fwd, object{{"type", "forward_ok"}, {"offset", 3}});
  BOOST_TEST(f.only_to("c1").body.at("offset") == 3);
}

BOOST_AUTO_TEST_CASE(original_polls_one_key_per_message_and_lists_committed_as_published) {
  kafka_fixture<kafka_designs::original_lin_kv> f("n1", {"n1", "n2"});
  f.client(poll({{"2", 0}}));
  auto r0 = f.only_to("lin-kv");
  BOOST_TEST(r0.body.at("key") == "2_0");
  f.answer(r0, object{{"type", "read_ok"}, {"value", 5}});
  auto r1 = f.only_to("lin-kv");
  BOOST_TEST(r1.body.at("key") == "2_1");
  f.answer(r1, object{{"type", "error"}, {"code", 20}});
  BOOST_TEST(f.only_to("c1").body.at("msgs") == (object{{"2", array{array{0, 5}}}}));

  f.client(object{{"type", "commit_offsets"}, {"offsets", object{{"2", 0}}}});
  auto w = f.only_to("lin-kv");
  BOOST_TEST(w.body.at("key") == "committed_2");
  f.answer(w, object{{"type", "write_ok"}});
  BOOST_TEST(f.only_to("c1").type() == "commit_offsets_ok");

  // Every key committed: the Go code answers {} (it records only keys whose read failed).
  f.client(object{{"type", "list_committed_offsets"}, {"keys", array{"2"}}});
  f.answer(f.only_to("lin-kv"), object{{"type", "read_ok"}, {"value", 0}});
  BOOST_TEST(f.only_to("c1").body.at("offsets") == object{});
  // A key never committed: its read's error is the answer.
  f.client(object{{"type", "list_committed_offsets"}, {"keys", array{"3"}}});
  f.answer(f.only_to("lin-kv"), object{{"type", "error"}, {"code", 20}});
  BOOST_TEST(error_code_of(f.only_to("c1")) == 20);
}

BOOST_AUTO_TEST_SUITE_END()
