// Challenges 5a-5c (kafka): a replicated log service. The server decodes the four client RPCs
// and hands them to the design's log_design model (policies/log_design.hpp), which decides how
// offsets are assigned and where logs live:
//   template <class Runtime>
//   using node = glomers::kafka_server<Runtime, glomers::kafka_designs::residue_sync>;
#pragma once

#include "challenges/kafka/messages.hpp"
#include "maelstrom/node.hpp"

namespace glomers {

template <runtime_policy Runtime, class Design>
class kafka_server {
 public:
  using design_t = typename Design::log_design::template model<Runtime>;
  static_assert(log_design_policy<design_t>);

  explicit kafka_server(node<Runtime>& n) : n_(n), design_(n) {
    n.template on<kafka_msgs::send>([this](message const& m, kafka_msgs::send s) {
      // Bounded entries keep every replication batch and forward under the 1 MiB a peer reads.
      if (s.key.size() > 1024 || boost::json::serialize(s.msg).size() > 8192) {
        throw error(error_code::malformed_request, "send: a key over 1 KiB or a msg over 8 KiB");
      }
      design_.send(s.key, s.msg, [this, m](result<std::int64_t> r) {
        if (r) n_.reply(m, kafka_msgs::send_ok{*r});
        else n_.reply_error(m, r.err());
      });
    });
    n.template on<kafka_msgs::poll>([this](message const& m, kafka_msgs::poll p) {
      design_.poll(p.offsets, [this, m](result<polled_logs> r) {
        if (r) n_.reply(m, kafka_msgs::poll_ok{std::move(r).value()});
        else n_.reply_error(m, r.err());
      });
    });
    n.template on<kafka_msgs::commit_offsets>([this](message const& m, kafka_msgs::commit_offsets c) {
      design_.commit(c.offsets, [this, m](status s) {
        if (s) n_.reply(m, kafka_msgs::commit_offsets_ok{});
        else n_.reply_error(m, s.err());
      });
    });
    n.template on<kafka_msgs::list_committed_offsets>([this](message const& m, kafka_msgs::list_committed_offsets l) {
      design_.list_committed(l.keys, [this, m](result<offset_map> r) {
        if (r) n_.reply(m, kafka_msgs::list_committed_offsets_ok{std::move(r).value()});
        else n_.reply_error(m, r.err());
      });
    });
  }

  design_t& design() noexcept { return design_; }

 private:
  node<Runtime>& n_;
  design_t design_;
};

// The server of a design as a template over the runtime alone: kafka_with<design>::server.
template <class Design>
struct kafka_with {
  template <class Runtime>
  using server = kafka_server<Runtime, Design>;
};

}  // namespace glomers
