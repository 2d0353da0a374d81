// Test nodes for the kafka workload: n0 keeps every log in memory and the other nodes forward
// each request to it, so the service is correct on any number of nodes. A flaw turns it into a
// node that commits one anomaly on purpose, which the checker must report.
#pragma once

#include "maelstrom/node.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace glomers::testing {

enum class kafka_flaw {
  none,
  reuse_offset,        // every 10th send overwrites the key's last (already polled) offset
  store_twice,         // every 10th send is stored at two offsets
  lose_every_tenth,    // every 10th send is acknowledged but never stored (a lost write)
  lose_last_message,   // message 16, the last one a key gets, is acknowledged at an offset far
                       // past the log's end but never stored: unseen, yet no later read misses it
  skip_within_poll,    // a poll of 3+ messages of a key leaves out the second, if polled before
  fail_but_store,      // every 10th send is stored but answered with a definite error
  ignore_poll_offset,  // polls return each log from offset 0
  clairvoyant,         // polls return the next message of a busy key before it is sent (a few times)
};

template <class Runtime, kafka_flaw Flaw = kafka_flaw::none>
class kafka_log_node {
 public:
  explicit kafka_log_node(node<Runtime>& n) : n_(n) {
    for (auto const* type : {"send", "poll", "commit_offsets", "list_committed_offsets"}) {
      n.on(type, [this](message const& m) {
        if (n_.id() == n_.node_ids().front()) return n_.reply(m, handle(m));
        forward(m);
      });
    }
  }

 private:
  struct entry {
    json::value msg;
    bool stored = true;     // false: acknowledged, never stored
    bool returned = false;  // some poll returned it
    bool predicted = false;  // stored before anyone sent it
  };

  static std::int64_t int_of(json::value const& v) {
    return v.is_uint64() ? static_cast<std::int64_t>(v.get_uint64()) : v.as_int64();
  }

  void forward(message const& m) {
    json::object body = m.body;
    body.erase("msg_id");
    n_.rpc(n_.node_ids().front(), std::move(body), std::chrono::seconds(1), [this, m](result<message> r) {
      if (!r) return n_.reply_error(m, r.err());
      json::object reply = r->body;
      reply.erase("msg_id");
      reply.erase("in_reply_to");
      n_.reply(m, std::move(reply));
    });
  }

  json::object handle(message const& m) {
    auto const& b = m.body;
    auto const type = m.type();
    if (type == "send") return send(std::string(b.at("key").as_string()), b.at("msg"));
    if (type == "poll") return poll(b.at("offsets").as_object());
    if (type == "commit_offsets") {
      for (auto const& [k, o] : b.at("offsets").as_object()) {
        auto& c = committed_[std::string(k)];
        c = std::max(c, int_of(o));
      }
      return {{"type", "commit_offsets_ok"}};
    }
    json::object offsets;
    for (auto const& k : b.at("keys").as_array()) {
      auto it = committed_.find(std::string(k.as_string()));
      if (it != committed_.end()) offsets[it->first] = it->second;
    }
    return {{"type", "list_committed_offsets_ok"}, {"offsets", offsets}};
  }

  json::object send(std::string const& k, json::value const& msg) {
    auto& log = logs_[k];
    bool const tenth = ++sends_ % 10 == 0;
    for (std::size_t i = 0; i < log.size(); ++i) {  // a send that was foreseen takes its offset
      if (log[i].predicted && log[i].msg == msg) {
        log[i].predicted = false;
        return {{"type", "send_ok"}, {"offset", static_cast<std::int64_t>(i)}};
      }
    }
    auto const ok = [&](std::size_t offset) {
      return json::object{{"type", "send_ok"}, {"offset", static_cast<std::int64_t>(offset)}};
    };
    if (Flaw == kafka_flaw::reuse_offset && tenth && !log.empty() && log.back().returned) {
      log.back() = {msg};
      return ok(log.size() - 1);
    }
    if (Flaw == kafka_flaw::lose_last_message && msg == json::value(16)) {
      return ok(log.size() + 1000);  // past anything the key will hold, so nothing is read beyond it
    }
    log.push_back({msg});
    if (Flaw == kafka_flaw::store_twice && tenth) log.push_back({msg});
    if (Flaw == kafka_flaw::lose_every_tenth && tenth) log.back().stored = false;
    if (Flaw == kafka_flaw::fail_but_store && tenth) {
      throw error(error_code::temporarily_unavailable, "try again (but it was stored)");
    }
    return ok(log.size() - (Flaw == kafka_flaw::store_twice && tenth ? 2 : 1));
  }

  json::object poll(json::object const& offsets) {
    json::object msgs;
    for (auto const& [k, o] : offsets) {
      auto it = logs_.find(std::string(k));
      if (it == logs_.end()) continue;
      auto& log = it->second;
      if (Flaw == kafka_flaw::clairvoyant) foresee(log);
      std::vector<std::size_t> picked;
      auto const from = Flaw == kafka_flaw::ignore_poll_offset ? 0 : std::max<std::int64_t>(0, int_of(o));
      for (auto i = static_cast<std::size_t>(from); i < log.size(); ++i) {
        if (log[i].stored) picked.push_back(i);
      }
      if (Flaw == kafka_flaw::skip_within_poll && picked.size() >= 3 && log[picked[1]].returned) {
        picked.erase(picked.begin() + 1);
      }
      if (picked.empty()) continue;  // keys with nothing are left out
      json::array pairs;
      for (auto i : picked) {
        log[i].returned = true;
        pairs.push_back(json::array{static_cast<std::int64_t>(i), log[i].msg});
      }
      msgs[k] = std::move(pairs);
    }
    return {{"type", "poll_ok"}, {"msgs", msgs}};
  }

  // The workload sends 1, 2, ... 16 to each key: after 1..L, a busy key will surely get L + 1.
  void foresee(std::vector<entry>& log) {
    if (predictions_ >= 10 || log.size() < 3 || log.size() >= 15) return;
    for (std::size_t i = 0; i < log.size(); ++i) {
      if (log[i].predicted || log[i].msg != json::value(static_cast<std::int64_t>(i + 1))) return;
    }
    ++predictions_;
    log.push_back({json::value(static_cast<std::int64_t>(log.size() + 1))});
    log.back().predicted = true;
  }

  node<Runtime>& n_;
  int predictions_ = 0;
  std::map<std::string, std::vector<entry>> logs_;
  std::map<std::string, std::int64_t> committed_;
  std::int64_t sends_ = 0;
};

}  // namespace glomers::testing
