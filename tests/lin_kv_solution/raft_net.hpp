// A tiny in-test network of Raft cores: constant latency, directed cuts, virtual time. Each core
// is driven as the server drives it: after every delivered message, and whenever its deadline
// passes, tick(now) and send what it queued. Records what each node applied, and checks election
// safety (one leader per term) as it goes.
#pragma once

#include "policies/consensus/persistence.hpp"
#include "policies/consensus/raft.hpp"

#include <boost/test/unit_test.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace glomers::testing {

using namespace std::chrono_literals;
using std::chrono::nanoseconds;

struct raft_net {
  raft_net(int n, raft_config cfg = {}, std::uint64_t seed = 1, std::size_t compact_every = 0)
      : cfg(cfg), compact_every(compact_every) {
    for (int i = 1; i <= n; ++i) ids.push_back("n" + std::to_string(i));
    for (auto const& id : ids) cores.emplace(id, consensus::raft(id, ids, cfg, seed * 7919 + std::hash<std::string>{}(id)));
  }

  consensus::raft& core(std::string const& id) { return cores.at(id); }

  void isolate(std::string const& id) {
    for (auto const& o : ids)
      if (o != id) cut.insert({id, o}), cut.insert({o, id});
  }
  void heal() { cut.clear(); }

  void run_for(nanoseconds d) {
    auto const until = now + d;
    while (true) {
      nanoseconds next = until + 1ns;
      std::string who;
      for (auto& [id, c] : cores) {
        if (auto dl = c.next_deadline(); dl && *dl < next) next = std::max(*dl, now), who = id;
      }
      bool const msg = !queue.empty() && queue.begin()->first.first <= next;
      if (msg) next = queue.begin()->first.first;
      if (next > until) break;
      now = next;
      if (msg) {
        auto m = queue.extract(queue.begin()).mapped();
        auto& c = core(m.to);
        c.on_message(m.from, m.body, now);
        pump(m.to);
      } else {
        pump(who);
      }
    }
    now = until;
  }

  void pump(std::string const& id) {
    auto& c = core(id);
    c.tick(now);
    if (c.take_dirty()) saved[id] = raft_hard_state{c.term(), c.voted_for(), c.log()};  // before sending
    for (auto& o : c.take_outbox()) {
      ++sent;
      ++sent_by_type[std::string(o.body.at("type").as_string())];
      if (cut.count({id, o.to})) continue;
      queue.emplace(std::pair{now + latency, ++order}, msg{id, o.to, std::move(o.body)});
    }
    if (auto s = c.take_restore()) {
      restored[id] = s->index;
      applied[id].assign(static_cast<std::size_t>(s->index), json::value(nullptr));  // placeholders
      auto const& st = s->state.as_array();
      for (std::size_t i = 0; i < st.size(); ++i) applied[id][i] = st[i];
    }
    for (auto& a : c.take_committed()) applied[id].push_back(a.entry.command);
    if (compact_every && c.log().size() >= compact_every) {
      json::array st;
      for (std::size_t i = 0; i < static_cast<std::size_t>(c.applied_index()); ++i) st.push_back(applied[id][i]);
      c.compact(c.applied_index(), st);
    }
    if (c.role() == raft_role::leader) {
      auto [it, fresh] = leader_of_term.emplace(c.term(), id);
      BOOST_TEST_REQUIRE(it->second == id, "two leaders in term " << c.term());
    }
  }

  // Kills a node and restarts it from what it saved (term, vote, log; the state machine is
  // rebuilt from the log's snapshot and entries as they commit again). Its messages in flight
  // are lost with it.
  void restart(std::string const& id, std::uint64_t seed) {
    cores.erase(id);
    auto& c = cores.emplace(id, consensus::raft(id, ids, cfg, seed)).first->second;
    if (auto it = saved.find(id); it != saved.end()) c.recover(it->second.term, it->second.voted_for, it->second.log);
    applied[id].clear();
    std::erase_if(queue, [&](auto const& q) { return q.second.to == id; });
  }

  std::vector<std::string> leaders() const {
    std::vector<std::string> out;
    for (auto const& [id, c] : cores)
      if (c.role() == raft_role::leader) out.push_back(id);
    return out;
  }
  // The single leader, waiting up to `within` for one.
  std::string await_leader(nanoseconds within = 5s) {
    for (auto t = 0ns; t < within; t += 10ms) {
      if (auto l = leaders(); l.size() == 1) return l.front();
      run_for(10ms);
    }
    BOOST_FAIL("no single leader");
    return {};
  }

  // State machine safety: every two nodes applied the same commands at the same indexes.
  void check_prefixes() const {
    for (auto const& [a, la] : applied)
      for (auto const& [b, lb] : applied)
        for (std::size_t i = 0; i < std::min(la.size(), lb.size()); ++i)
          BOOST_TEST_REQUIRE(la[i] == lb[i], a << " and " << b << " differ at " << i + 1);
  }

  struct msg {
    std::string from, to;
    json::object body;
  };
  std::vector<std::string> ids;
  std::map<std::string, consensus::raft> cores;
  std::map<std::pair<nanoseconds, std::uint64_t>, msg> queue;
  std::set<std::pair<std::string, std::string>> cut;
  std::map<std::string, std::vector<json::value>> applied;
  std::map<std::string, raft_index> restored;
  std::map<std::string, raft_hard_state> saved;
  raft_config cfg;
  std::map<raft_term, std::string> leader_of_term;
  std::map<std::string, std::size_t> sent_by_type;
  std::size_t sent = 0;
  std::uint64_t order = 0;
  nanoseconds now{0};
  nanoseconds latency = 5ms;
  std::size_t compact_every;
};

}  // namespace glomers::testing
