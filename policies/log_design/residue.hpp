// log_design::residue<Storage, IntervalMs, RetryMs>: no coordination per operation. A send is
// answered at once with an offset from the node's own residue class; entries travel to every
// peer in acknowledged batches; polls return the settled prefix (residue_state.hpp explains why
// that is exactly what keeps polls gap-free). Stays available when peers are unreachable: sends
// and polls always succeed, and while a peer is cut off polls simply return nothing new.
// Cost: at most one batch and one acknowledgement per IntervalMs per pair of nodes under load,
// nothing when idle.
#pragma once

#include "maelstrom/driver.hpp"
#include "maelstrom/runtime/manual.hpp"
#include "policies/log_design/residue_state.hpp"
#include "policies/log_storage/sorted_vector.hpp"

#include <boost/describe/class.hpp>

namespace glomers::log_design {

namespace residue_msgs {
// A node's own entries, by key, and its watermark: all its entries below it have been sent.
struct replicate {
  static constexpr std::string_view type = "replicate";
  std::map<std::string, std::vector<log_entry>> entries;
  std::int64_t watermark;
};
BOOST_DESCRIBE_STRUCT(replicate, (), (entries, watermark))
struct replicate_ok {
  static constexpr std::string_view type = "replicate_ok";
};
BOOST_DESCRIBE_STRUCT(replicate_ok, (), ())
}  // namespace residue_msgs

template <log_storage_policy Storage = log_storage::sorted_vector<>, std::int64_t IntervalMs = 50, std::int64_t RetryMs = 500>
struct residue {
  template <runtime_policy Runtime>
  class model {
   public:
    using policy_role = roles::log_design;
    using state_t = residue_state<Storage, IntervalMs, RetryMs>;

    explicit model(node<Runtime>& n) : n_(n), driver_(n, [this](std::chrono::nanoseconds now) { return pump(now); }) {
      n.on_init([this] { state_.start(n_.id(), n_.node_ids()); });
      n.template on<residue_msgs::replicate>([this](message const& m, residue_msgs::replicate r) {
        std::vector<own_entry> entries;
        for (auto& [key, run] : r.entries) {
          for (auto& e : run) entries.push_back({key, e.offset, std::move(e.msg)});
        }
        state_.receive(m.src, entries, r.watermark);
        n_.reply(m, residue_msgs::replicate_ok{});
        driver_.kick();  // a higher watermark is news for the other peers
      });
    }

    template <class F>
    void send(std::string const& key, json::value const& msg, F done) {
      auto const offset = state_.append(key, msg);
      done(result<std::int64_t>(offset));
      driver_.kick();
    }
    template <class F>
    void poll(offset_map const& offsets, F done) {
      done(result<polled_logs>(state_.poll(offsets)));
    }
    template <class F>
    void commit(offset_map const& offsets, F done) {
      state_.commit(offsets);
      done(status(ok_t{}));
    }
    template <class F>
    void list_committed(std::vector<std::string> const& keys, F done) {
      done(result<offset_map>(state_.committed(keys)));
    }

    state_t const& state() const noexcept { return state_; }

   private:
    deadline pump(std::chrono::nanoseconds now) {
      for (auto& b : state_.take_batches(now)) {
        residue_msgs::replicate r{{}, b.mark};
        for (auto& e : b.entries) r.entries[e.key].push_back({e.offset, std::move(e.msg)});
        auto const to = b.to;
        n_.rpc(to, r, std::chrono::milliseconds(RetryMs),
               [this, to, upto = b.upto, wm = b.mark](result<message> reply) {
                 if (reply && reply->type() == residue_msgs::replicate_ok::type) state_.on_ack(to, upto, wm);
                 driver_.kick();
               });
      }
      return state_.next_deadline();
    }

    node<Runtime>& n_;
    state_t state_;
    driver<Runtime> driver_;
  };
};

static_assert(log_design_policy<residue<>::model<runtime::manual>>);

}  // namespace glomers::log_design
