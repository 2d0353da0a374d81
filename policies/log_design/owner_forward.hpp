// log_design::owner_forward<Partitioning, Storage, TimeoutMs, DownMs, ReplicateMs>: each key has
// one owner (Partitioning); the owner alone assigns its offsets, densely (0, 1, 2, ...), and
// keeps its log. Other nodes forward sends to the owner, and polls:
//   * ReplicateMs == 0: forwarded too, one call per owner whose keys a poll asks for;
//   * ReplicateMs > 0: answered locally. Owners push their new entries to every node in
//     acknowledged batches (replicator.hpp, at most one per ReplicateMs, resent after 500 ms), so
//     a node holds a prefix of every owner's entries, hence of every key's log: a local poll is
//     gap-free, just possibly behind.
//
// Never a hang: a forwarded call that gets no answer in TimeoutMs ends. A send whose forward
// timed out may still have been applied, so it answers an indefinite error (0, timeout); the
// owner is then considered down for DownMs, during which sends to it fail at once with the
// definite 11 (temporarily-unavailable: nothing was forwarded) and polls leave its keys out
// (allowed: no messages for a key). The first call after DownMs probes the owner again.
// Valid polls by construction: the owner's log of a key is complete and dense.
// Committed offsets are node-local maxima (lower than the cluster's, which is safe).
// Cost: two messages per send that another node owns, and per poll that touches another node's
// keys when polls are forwarded; replication instead costs a batch and an ack per ReplicateMs per
// pair of nodes under load.
#pragma once

#include "maelstrom/driver.hpp"
#include "maelstrom/node.hpp"
#include "maelstrom/runtime/manual.hpp"
#include "policies/log_design.hpp"
#include "policies/log_design/replicator.hpp"
#include "policies/log_storage/sorted_vector.hpp"
#include "policies/partitioning.hpp"
#include "policies/partitioning/sha256_first_byte.hpp"

#include <boost/describe/class.hpp>

#include <limits>
#include <memory>

namespace glomers::log_design {

namespace owner_msgs {
struct forward_send {
  static constexpr std::string_view type = "forward_send";
  std::string key;
  json::value msg;
};
BOOST_DESCRIBE_STRUCT(forward_send, (), (key, msg))
struct forward_send_ok {
  static constexpr std::string_view type = "forward_send_ok";
  std::int64_t offset;
};
BOOST_DESCRIBE_STRUCT(forward_send_ok, (), (offset))
struct forward_poll {
  static constexpr std::string_view type = "forward_poll";
  offset_map offsets;
};
BOOST_DESCRIBE_STRUCT(forward_poll, (), (offsets))
struct forward_poll_ok {
  static constexpr std::string_view type = "forward_poll_ok";
  polled_logs msgs;
};
BOOST_DESCRIBE_STRUCT(forward_poll_ok, (), (msgs))
// An owner's entries, by key, in its order.
struct owner_replicate {
  static constexpr std::string_view type = "owner_replicate";
  polled_logs entries;
};
BOOST_DESCRIBE_STRUCT(owner_replicate, (), (entries))
struct owner_replicate_ok {
  static constexpr std::string_view type = "owner_replicate_ok";
};
BOOST_DESCRIBE_STRUCT(owner_replicate_ok, (), ())
}  // namespace owner_msgs

template <partitioning_policy Partitioning = partitioning::sha256_first_byte,
          log_storage_policy Storage = log_storage::sorted_vector<>, std::int64_t TimeoutMs = 500,
          std::int64_t DownMs = 1000, std::int64_t ReplicateMs = 0>
struct owner_forward {
  static constexpr bool replicated = ReplicateMs > 0;
  static constexpr std::int64_t retry_ms = 500;

  template <runtime_policy Runtime>
  class model {
   public:
    using policy_role = roles::log_design;

    explicit model(node<Runtime>& n) : n_(n), driver_(n, [this](std::chrono::nanoseconds now) { return pump(now); }) {
      if constexpr (replicated) {
        n.on_init([this] {
          for (auto const& p : n_.peers()) replicator_.add_peer(p);
        });
        n.template on<owner_msgs::owner_replicate>([this](message const& m, owner_msgs::owner_replicate r) {
          for (auto const& [key, run] : r.entries) {
            for (auto const& e : run) storage_.insert(key, e.offset, e.msg);
          }
          n_.reply(m, owner_msgs::owner_replicate_ok{});
        });
      }
      n.template on<owner_msgs::forward_send>([this](message const& m, owner_msgs::forward_send s) {
        n_.reply(m, owner_msgs::forward_send_ok{append(s.key, s.msg)});
      });
      n.template on<owner_msgs::forward_poll>([this](message const& m, owner_msgs::forward_poll p) {
        polled_logs out;
        read_into(out, p.offsets);
        n_.reply(m, owner_msgs::forward_poll_ok{std::move(out)});
      });
    }

    template <class F>
    void send(std::string const& key, json::value const& msg, F done) {
      auto const owner = Partitioning::owner(key, n_.node_ids());
      if (owner == n_.id()) return done(result<std::int64_t>(append(key, msg)));
      if (down(owner)) return done(result<std::int64_t>(unavailable(owner)));
      n_.rpc(owner, owner_msgs::forward_send{key, msg}, timeout(),
             [this, owner, done = std::move(done)](result<message> r) mutable {
               if (!r) {
                 if (r.failed_with(error_code::timeout)) mark_down(owner);
                 else heard(owner);
                 return done(result<std::int64_t>(r.err()));
               }
               heard(owner);
               try {
                 done(result<std::int64_t>(r->template as<owner_msgs::forward_send_ok>().offset));
               } catch (json::decode_error const& e) {
                 done(result<std::int64_t>(error(error_code::crash, e.what())));
               }
             });
    }

    // Local keys at once; other owners' keys in one forwarded poll per owner, left out when the
    // owner is down or does not answer.
    template <class F>
    void poll(offset_map const& offsets, F done) {
      auto const self = n_.id();
      std::map<std::string, offset_map> remote;
      offset_map local;
      if constexpr (replicated) {
        polled_logs out;
        read_into(out, offsets);
        return done(result<polled_logs>(std::move(out)));
      }
      for (auto const& [key, from] : offsets) {
        auto owner = Partitioning::owner(key, n_.node_ids());
        if (owner == self) local.emplace(key, from);
        else if (!down(owner)) remote[owner].emplace(key, from);
      }
      auto job = std::make_shared<poll_job>();
      read_into(job->out, local);
      job->waiting = remote.size();
      job->done = std::move(done);
      if (remote.empty()) return finish(job);
      for (auto& [owner, part] : remote) {
        n_.rpc(owner, owner_msgs::forward_poll{std::move(part)}, timeout(), [this, owner, job](result<message> r) {
          if (r) {
            heard(owner);
            try {
              for (auto& [key, run] : r->template as<owner_msgs::forward_poll_ok>().msgs) job->out[key] = std::move(run);
            } catch (json::decode_error const&) {
              // A malformed answer adds nothing: the poll returns the other keys.
            }
          } else if (r.failed_with(error_code::timeout)) {
            mark_down(owner);
          }
          if (--job->waiting == 0) finish(job);
        });
      }
    }

    template <class F>
    void commit(offset_map const& offsets, F done) {
      for (auto const& [key, offset] : offsets) storage_.commit(key, offset);
      done(status(ok_t{}));
    }
    template <class F>
    void list_committed(std::vector<std::string> const& keys, F done) {
      offset_map out;
      for (auto const& key : keys) {
        if (auto c = storage_.committed(key)) out.emplace(key, *c);
      }
      done(result<offset_map>(std::move(out)));
    }

    Storage const& storage() const noexcept { return storage_; }

   private:
    struct poll_job {
      polled_logs out;
      std::size_t waiting = 0;
      std::function<void(result<polled_logs>)> done;
    };
    static void finish(std::shared_ptr<poll_job> const& job) { job->done(result<polled_logs>(std::move(job->out))); }

    std::int64_t append(std::string const& key, json::value const& msg) {
      auto const last = storage_.last_offset(key);
      auto const offset = last ? *last + 1 : 0;
      storage_.insert(key, offset, msg);
      if constexpr (replicated) {
        replicator_.push({key, offset, msg});
        driver_.kick();
      }
      return offset;
    }
    deadline pump(std::chrono::nanoseconds now) {
      if constexpr (!replicated) {
        return std::nullopt;
      } else {
        for (auto& b : replicator_.take_batches(now, 0)) {
          owner_msgs::owner_replicate r;
          for (auto& e : b.entries) r.entries[e.key].push_back({e.offset, std::move(e.msg)});
          auto const to = b.to;
          n_.rpc(to, r, std::chrono::milliseconds(retry_ms), [this, to, upto = b.upto](result<message> reply) {
            if (reply && reply->type() == owner_msgs::owner_replicate_ok::type) replicator_.on_ack(to, upto, 0);
            driver_.kick();
          });
        }
        return replicator_.next_deadline(0);
      }
    }
    void read_into(polled_logs& out, offset_map const& offsets) const {
      for (auto const& [key, from] : offsets) {
        auto run = storage_.read(key, from, std::numeric_limits<std::int64_t>::max());
        if (!run.empty()) out[key] = std::move(run);
      }
    }

    static std::chrono::nanoseconds timeout() { return std::chrono::milliseconds(TimeoutMs); }
    bool down(std::string const& owner) const {
      auto it = down_until_.find(owner);
      return it != down_until_.end() && n_.runtime().now() < it->second;
    }
    void mark_down(std::string const& owner) {
      down_until_[owner] = n_.runtime().now() + std::chrono::milliseconds(DownMs);
    }
    void heard(std::string const& owner) { down_until_.erase(owner); }
    static error unavailable(std::string const& owner) {
      return error(error_code::temporarily_unavailable, "owner " + owner + " did not answer recently; not forwarded");
    }

    node<Runtime>& n_;
    Storage storage_;
    std::map<std::string, std::chrono::nanoseconds> down_until_;
    replicator<ReplicateMs, retry_ms> replicator_;
    driver<Runtime> driver_;
  };
};

static_assert(log_design_policy<owner_forward<>::model<runtime::manual>>);
static_assert(log_design_policy<owner_forward<partitioning::sha256_first_byte, log_storage::sorted_vector<>, 500, 1000, 100>::model<runtime::manual>>);

}  // namespace glomers::log_design
