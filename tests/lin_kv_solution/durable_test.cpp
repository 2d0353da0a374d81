// The durable Raft design across kills: a node's store outlives it, so a restarted node neither
// votes twice in a term nor forgets an entry it acknowledged. Each scenario also runs on a design
// that persists nothing (raft_lease_hold, the same design without the store), which must show the
// failure: the tests can tell the two apart. Plus the stored record's strict reader, the
// directory store, and the order of saves and the messages that depend on them.
#include "challenges/lin_kv/designs.hpp"
#include "policies/consensus/persist_record.hpp"
#include "tests/lin_kv_solution/kv_cluster.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace glomers;
using namespace glomers::testing;
namespace d = glomers::lin_kv_designs;
namespace rec = glomers::persistence::record;

namespace {

std::string type(std::optional<message> const& m) { return m ? std::string(m->type()) : "none"; }

raft_hard_state sample_state() {
  raft_hard_state hs{7, "n2", {}};
  for (raft_term t : {1, 1, 2, 3, 3, 5}) hs.log.append(raft_entry{t, json::object{{"f", "write"}, {"key", 1}, {"value", t}}});
  hs.log.compact(3, json::object{{"1", 2}});
  return hs;
}

// A record whose header fits the body: what a writer with a different idea of the format (or a
// checksum that happened to match) would leave, so the body's own checks are reached.
std::string sealed(std::string const& body) {
  char crc[9];
  std::snprintf(crc, sizeof crc, "%08x", static_cast<unsigned>(rec::crc32(body)));
  return std::string(rec::magic) + std::to_string(body.size()) + " " + crc + "\n" + body;
}

std::string decode_error(std::string const& bytes) {
  try {
    rec::decode(bytes);
  } catch (persistence_error const& e) {
    return e.what();
  }
  return "";
}

std::filesystem::path fresh_dir(std::string const& name) {
  char const* t = std::getenv("TEST_TMPDIR");
  auto dir = std::filesystem::path(t ? t : "/tmp") / ("durable_test_" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

json::object vote(raft_term term, bool pre = false) {
  return {{"type", "raft_vote"}, {"term", term}, {"last_log_index", 0}, {"last_log_term", 0}, {"pre_vote", pre}};
}

// Delivers a vote request from `from` to node `to` and returns to's answer.
json::object ask_vote(kv_cluster<d::raft_durable>& c, std::string const& from, std::string const& to, raft_term term) {
  auto& m = *c.members.at(to);
  m.n.receive(message{from, to, vote(term)});
  for (auto& s : m.rt.take_sent())
    if (s.type() == "raft_vote_ok" && s.dest == from) return s.body;
  BOOST_FAIL("no answer to the vote request");
  return {};
}

// The same scenarios on the design that stores nothing.
struct forgetful : d::raft_durable {
  using persistence = glomers::persistence::none;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(durable_test)

BOOST_AUTO_TEST_CASE(record_round_trips) {
  auto const hs = sample_state();
  auto const back = rec::decode(rec::encode(hs));
  BOOST_TEST(back.term == 7);
  BOOST_TEST(back.voted_for == "n2");
  BOOST_TEST(back.log.snapshot_index() == 3);
  BOOST_TEST(back.log.snapshot_term() == 2);
  BOOST_TEST(back.log.last_snapshot().state == json::value(json::object{{"1", 2}}));
  BOOST_TEST(back.log.last_index() == 6);
  for (raft_index i = 4; i <= 6; ++i) {
    BOOST_TEST(back.log.at(i).term == hs.log.at(i).term);
    BOOST_TEST(back.log.at(i).command == hs.log.at(i).command);
  }
  auto const empty = rec::decode(rec::encode(raft_hard_state{}));
  BOOST_TEST(empty.term == 0);
  BOOST_TEST(empty.log.last_index() == 0);
}

BOOST_AUTO_TEST_CASE(damaged_records_are_refused_with_the_reason) {
  auto const good = rec::encode(sample_state());
  BOOST_TEST(decode_error(good) == "");
  BOOST_TEST(decode_error(good.substr(0, good.size() - 1)).find("truncated") != std::string::npos);
  BOOST_TEST(decode_error(good.substr(0, 10)).find("header") != std::string::npos);
  BOOST_TEST(decode_error("").find("header") != std::string::npos);
  auto flipped = good;
  flipped[flipped.size() - 3] ^= 0x01;
  BOOST_TEST(decode_error(flipped).find("checksum") != std::string::npos);
  BOOST_TEST(decode_error(good + "x").find("header says") != std::string::npos);
  // Past the checksum, the body is read strictly.
  auto const body = good.substr(good.find('\n') + 1);
  BOOST_TEST(decode_error(sealed(body)) == "");
  BOOST_TEST(decode_error(sealed("{\"term\":1")).find("not JSON") != std::string::npos);
  BOOST_TEST(decode_error(sealed(R"({"term":1,"voted_for":"n1","snapshot":{"index":0,"term":0,"state":null},"entries":[],"x":1})"))
                 .find("keys besides") != std::string::npos);
  BOOST_TEST(decode_error(sealed(R"({"term":1,"voted_for":2,"snapshot":{"index":0,"term":0,"state":null},"entries":[]})"))
                 .find("voted_for") != std::string::npos);
  BOOST_TEST(decode_error(sealed(R"({"term":-1,"voted_for":"","snapshot":{"index":0,"term":0,"state":null},"entries":[]})"))
                 .find("term") != std::string::npos);
  BOOST_TEST(decode_error(sealed(R"({"term":3,"voted_for":"","snapshot":{"index":0,"term":0,"state":null},"entries":[[2,null],[1,null]]})"))
                 .find("entry 2 has term 1") != std::string::npos);
  BOOST_TEST(decode_error(sealed(R"({"term":1,"voted_for":"","snapshot":{"index":0,"term":0,"state":null},"entries":[[2,null]]})"))
                 .find("node term 1") != std::string::npos);
  BOOST_TEST(decode_error(sealed(R"({"term":1,"voted_for":"","snapshot":{"index":0,"term":0,"state":null},"entries":[[1]]})"))
                 .find("[term, command]") != std::string::npos);
  BOOST_TEST(decode_error(sealed(R"({"term":2,"voted_for":"","snapshot":{"index":4,"term":0,"state":{}},"entries":[]})"))
                 .find("snapshot") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(directory_store_replaces_records_whole) {
  auto const dir = fresh_dir("store");
  directory_store s(dir.string());
  BOOST_TEST(!s.read("raft-state").has_value());
  s.write("raft-state", "first");
  s.write("raft-state", std::string(100000, 'x'));
  BOOST_TEST(*s.read("raft-state") == std::string(100000, 'x'));
  BOOST_TEST(*directory_store(dir.string()).read("raft-state") == std::string(100000, 'x'));  // a new process
  BOOST_TEST(!std::filesystem::exists(dir / "raft-state.tmp"));
  BOOST_CHECK_THROW(s.write("../escape", "x"), std::invalid_argument);
  BOOST_CHECK_THROW(directory_store((dir / "missing").string()), std::system_error);
}

BOOST_AUTO_TEST_CASE(a_node_with_an_unreadable_record_refuses_to_start) {
  auto const dir = fresh_dir("refuse");
  {
    directory_store s(dir.string());
    s.write("raft-state", rec::encode(sample_state()).substr(0, 40));  // as a torn write would leave it
  }
  runtime::manual rt;
  rt.store = std::make_shared<directory_store>(dir.string());
  node<runtime::manual> n(rt);
  std::string why;
  try {
    lin_kv_server<runtime::manual, d::raft_durable> s(n);
  } catch (persistence_error const& e) {
    why = e.what();
  }
  BOOST_TEST(why.find((dir / "raft-state").string()) != std::string::npos, why);
  BOOST_TEST(why.find("truncated") != std::string::npos, why);
  BOOST_TEST(why.find("refusing to start") != std::string::npos, why);
  // A design that stores nothing never reads it.
  runtime::manual rt2;
  rt2.store = rt.store;
  node<runtime::manual> n2(rt2);
  BOOST_CHECK_NO_THROW((lin_kv_server<runtime::manual, forgetful>(n2)));
}

// n3 grants its vote for term 5 to n1, is killed and restarted, then n2 asks for term 5.
BOOST_AUTO_TEST_CASE(a_restarted_node_does_not_vote_twice_in_a_term) {
  kv_cluster<d::raft_durable> c(3);
  auto const first = ask_vote(c, "n1", "n3", 5);
  BOOST_TEST(first.at("granted") == true);
  c.kill("n3");
  c.boot("n3", 77);
  BOOST_TEST(c.server("n3").core()->term() == 5);
  BOOST_TEST(c.server("n3").core()->voted_for() == "n1");
  auto const second = ask_vote(c, "n2", "n3", 5);
  BOOST_TEST(second.at("granted") == false);
  BOOST_TEST(second.at("term") == 5);
  // The vote may be repeated to the same candidate (its request was lost, say).
  BOOST_TEST(ask_vote(c, "n1", "n3", 5).at("granted") == true);
}

BOOST_AUTO_TEST_CASE(a_forgetful_node_votes_twice_in_a_term) {
  kv_cluster<forgetful> c(3);
  auto& n3 = *c.members.at("n3");
  auto ask = [&](std::string const& from) {
    n3.n.receive(message{from, "n3", vote(5)});
    for (auto& s : n3.rt.take_sent())
      if (s.type() == "raft_vote_ok") return s.body.at("granted") == true;
    return false;
  };
  BOOST_TEST(ask("n1"));
  c.kill("n3");
  c.boot("n3", 77);
  auto& again = *c.members.at("n3");
  again.n.receive(message{"n2", "n3", vote(5)});
  bool granted = false;
  for (auto& s : again.rt.take_sent()) granted |= s.type() == "raft_vote_ok" && s.body.at("granted") == true;
  BOOST_TEST(granted, "without a store the restarted node votes for a second candidate in term 5");
}

// A write committed by the leader and one follower (the third node cut off); then the leader
// dies and the follower is killed and restarted: it and the node that never saw the write are
// the new majority. The write must still be there.
template <class Design>
std::optional<message> read_after_majority_member_restarts() {
  kv_cluster<Design> c(3);
  auto const l = c.leader();
  c.run_for(300ms);
  std::vector<std::string> f;
  for (auto const& id : c.ids)
    if (id != l) f.push_back(id);
  c.isolate(f[1]);
  BOOST_TEST_REQUIRE(type(c.call(l, kv_write(1, 7))) == "write_ok");
  c.kill(l);
  c.kill(f[0]);
  c.boot(f[0], 99);
  c.cut.clear();
  auto const nl = c.leader();
  BOOST_TEST_REQUIRE(nl != l);
  c.run_for(500ms);
  return c.call(nl, kv_read(1));
}

BOOST_AUTO_TEST_CASE(a_committed_write_survives_the_kill_of_a_majority_member) {
  auto const r = read_after_majority_member_restarts<d::raft_durable>();
  BOOST_TEST_REQUIRE(type(r) == "read_ok");
  BOOST_TEST(r->body.at("value") == 7);
}

BOOST_AUTO_TEST_CASE(a_forgetful_cluster_loses_the_committed_write) {
  auto const r = read_after_majority_member_restarts<forgetful>();
  BOOST_TEST_REQUIRE(type(r) == "error");
  BOOST_TEST(r->body.at("code") == 20);  // key does not exist: acknowledged, then lost
}

// Compaction: the snapshot is stored too, and a restarted node rebuilds its state machine from it.
struct small_snapshots : d::raft_durable {
  static constexpr raft_config raft{.snapshot_every = 8};
};

BOOST_AUTO_TEST_CASE(a_restarted_node_rebuilds_its_state_from_the_stored_snapshot) {
  kv_cluster<small_snapshots> c(3);
  auto const l = c.leader();
  for (int k = 0; k < 20; ++k) BOOST_TEST_REQUIRE(type(c.call(l, kv_write(k, 100 + k))) == "write_ok");
  c.run_for(300ms);
  auto const f = l == "n1" ? std::string("n2") : std::string("n1");
  auto const snap = c.server(f).core()->log().snapshot_index();
  BOOST_TEST_REQUIRE(snap > 8);
  c.kill(f);
  c.boot(f, 5);
  BOOST_TEST(c.server(f).core()->log().snapshot_index() == snap);
  c.isolate(f);  // whatever it holds now came from its store
  c.run_for(50ms);
  int restored = 0;
  for (int k = 0; k < 20; ++k) {
    auto const r = c.server(f).state().read(json::value(k));
    if (r.err) continue;
    BOOST_TEST(r.body.at("value") == 100 + k);
    ++restored;
  }
  BOOST_TEST(restored >= 7, restored << " keys restored");  // the snapshot covers the no-op + >= 7 writes
}

// Every vote grant, append acknowledgement and leader append leaves only after a save that
// covers it. The store decodes each record as it is written and notes how many messages the
// node had sent by then; each message is then checked against the last record before it.
struct recording_store final : node_store {
  std::optional<std::string> read(std::string_view name) override { return inner.read(name); }
  void write(std::string_view name, std::string_view bytes) override {
    inner.write(name, bytes);
    written.push_back({sent_count ? sent_count() : 0, rec::decode(bytes)});
  }
  std::string where(std::string_view name) const override { return inner.where(name); }
  bool survives_process() const override { return true; }

  memory_store inner;
  std::function<std::size_t()> sent_count;
  std::vector<std::pair<std::size_t, raft_hard_state>> written;  // since the last check
  std::optional<raft_hard_state> durable;                          // as of the last check
};

BOOST_AUTO_TEST_CASE(votes_and_acknowledgements_leave_only_after_the_save) {
  kv_cluster<d::raft_durable> c(3);
  std::map<std::string, std::shared_ptr<recording_store>> recs;
  auto const attach = [&](std::string const& id) {
    auto* m = c.members.at(id).get();
    recs[id]->sent_count = [m] { return m->rt.sent.size(); };
  };
  for (auto const& id : c.ids) {
    recs[id] = std::make_shared<recording_store>();
    c.stores[id] = recs[id];
    c.kill(id);
    c.boot(id, 40 + id.back());
    attach(id);
  }
  std::size_t grants = 0, acks = 0, appends = 0;
  c.on_sent = [&](std::string const& id, std::vector<message> const& batch) {
    auto& r = *recs.at(id);
    std::size_t w = 0;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      while (w < r.written.size() && r.written[w].first <= i) r.durable = r.written[w++].second;
      auto const& b = batch[i].body;
      auto const t = batch[i].type();
      auto const& d = r.durable;
      if (t == "raft_vote_ok" && b.at("granted") == true && b.at("pre_vote") == false) {
        ++grants;
        BOOST_TEST_REQUIRE(d.has_value());
        BOOST_TEST(d->term == b.at("term").as_int64());
        BOOST_TEST(d->voted_for == batch[i].dest);
      } else if (t == "raft_append_ok" && b.at("success") == true) {
        ++acks;
        BOOST_TEST_REQUIRE(d.has_value());
        BOOST_TEST(d->term >= b.at("term").as_int64());
        BOOST_TEST(d->log.last_index() >= b.at("match").as_int64());
      } else if (t == "raft_append" && !b.at("entries").as_array().empty()) {
        ++appends;
        BOOST_TEST_REQUIRE(d.has_value());
        BOOST_TEST(d->log.last_index() >= b.at("prev_index").as_int64() + static_cast<std::int64_t>(b.at("entries").as_array().size()));
      }
    }
    while (w < r.written.size()) r.durable = r.written[w++].second;
    r.written.clear();
  };
  auto l = c.leader();
  for (int v = 0; v < 10; ++v) c.call(l, kv_write(v % 3, v));
  // A new election: the leader is killed and restarted, the others vote and follow anew.
  c.kill(l);
  c.run_for(1s);
  c.boot(l, 3);
  attach(l);
  l = c.leader();
  for (int v = 0; v < 10; ++v) c.call(l, kv_write(v % 3, v));
  c.run_for(500ms);
  BOOST_TEST(grants >= 2u);
  BOOST_TEST(acks >= 20u);
  BOOST_TEST(appends >= 20u);
}

BOOST_AUTO_TEST_SUITE_END()
