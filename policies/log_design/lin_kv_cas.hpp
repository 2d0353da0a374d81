// log_design::lin_kv_cas<Partitioning, TimeoutMs>: the published Go solution
// (gAbelli/fly-distributed-systems-challenges, 5-kafka-style-log/5b and 5c, the same file),
// reproduced call for call as the baseline. Everything lives in lin-kv:
//   * send: a non-owner forwards {"type":"forward"} to the key's owner and relays its offset
//     or error. The owner reads "offset_<key>" (missing: -1), then tries
//     cas("offset_<key>", o-1 -> o, create) for o = read+1, read+2, ... until one succeeds (each
//     precondition failure moves on by one, without re-reading), then writes the message to
//     "<key>_<offset>". 3+ lin-kv calls per send, plus a forward.
//   * poll: per key, reads "<key>_<o>", "<key>_<o+1>", ... until one fails (keys in parallel,
//     offsets in sequence): one lin-kv read per message returned, plus one.
//   * commit_offsets: writes "committed_<key>" for each key, in parallel; the first error wins.
//   * list_committed_offsets: reads "committed_<key>" for each key. The Go code records a key
//     only when its read fails, then returns that failure: so the answer is {} when every key was
//     committed, and error 20 (key-does-not-exist) as soon as one was not. Reproduced as is.
// The Go calls carry no deadline (context.Background()); TimeoutMs stands in for "forever" and
// defaults to a minute, longer than any test, so a forward into a partition hangs the client's
// request as it did there.
// Validity: offsets are allocated linearizably, so they are unique and grow per key; a poll stops
// at the first offset not yet written, so it never skips (a send that dies between its cas and
// its write would leave a hole every later poll stops at).
#pragma once

#include "maelstrom/kv.hpp"
#include "maelstrom/runtime/manual.hpp"
#include "policies/log_design.hpp"
#include "policies/partitioning.hpp"
#include "policies/partitioning/sha256_first_byte.hpp"

#include <boost/describe/class.hpp>

#include <memory>

namespace glomers::log_design {

// lin_kv_cas's own message: a non-owner's send, forwarded to the key's owner as the Go code does.
namespace lin_kv_cas_msgs {
struct forward {
  static constexpr std::string_view type = "forward";
  std::string key;
  json::value msg;
};
BOOST_DESCRIBE_STRUCT(forward, (), (key, msg))
struct forward_ok {
  static constexpr std::string_view type = "forward_ok";
  std::int64_t offset;
};
BOOST_DESCRIBE_STRUCT(forward_ok, (), (offset))
}  // namespace lin_kv_cas_msgs

template <partitioning_policy Partitioning = partitioning::sha256_first_byte, std::int64_t TimeoutMs = 60'000>
struct lin_kv_cas {
  template <runtime_policy Runtime>
  class model {
   public:
    using policy_role = roles::log_design;
    using offset_done = std::function<void(result<std::int64_t>)>;

    explicit model(node<Runtime>& n) : n_(n), kv_(n, "lin-kv", std::chrono::milliseconds(TimeoutMs)) {
      n.template on<lin_kv_cas_msgs::forward>([this](message const& m, lin_kv_cas_msgs::forward f) {
        allocate(f.key, f.msg, [this, m](result<std::int64_t> r) {
          if (r) n_.reply(m, lin_kv_cas_msgs::forward_ok{*r});
          else n_.reply_error(m, r.err());
        });
      });
    }

    template <class F>
    void send(std::string const& key, json::value const& msg, F done) {
      auto const owner = Partitioning::owner(key, n_.node_ids());
      if (owner == n_.id()) return allocate(key, msg, offset_done(std::move(done)));
      n_.rpc(owner, lin_kv_cas_msgs::forward{key, msg}, std::chrono::milliseconds(TimeoutMs),
             [done = std::move(done)](result<message> r) mutable {
               if (!r) return done(result<std::int64_t>(r.err()));
               try {
                 done(result<std::int64_t>(r->template as<lin_kv_cas_msgs::forward_ok>().offset));
               } catch (json::decode_error const& e) {
                 done(result<std::int64_t>(error(error_code::crash, e.what())));
               }
             });
    }

    template <class F>
    void poll(offset_map const& offsets, F done) {
      auto job = std::make_shared<poll_job>();
      job->waiting = offsets.size();
      job->done = std::move(done);
      if (offsets.empty()) return job->done(result<polled_logs>(polled_logs{}));
      for (auto const& [key, from] : offsets) read_from(job, key, from);
    }

    template <class F>
    void commit(offset_map const& offsets, F done) {
      auto job = std::make_shared<all_job<ok_t>>(offsets.size(), std::move(done));
      if (offsets.empty()) return job->finish(ok_t{});
      for (auto const& [key, offset] : offsets) {
        kv_.write("committed_" + key, offset, [job](status s) {
          if (!s) return job->fail(s.err());
          job->one_done(ok_t{});
        });
      }
    }

    template <class F>
    void list_committed(std::vector<std::string> const& keys, F done) {
      auto job = std::make_shared<all_job<offset_map>>(keys.size(), std::move(done));
      if (keys.empty()) return job->finish(offset_map{});
      for (auto const& key : keys) {
        kv_.read("committed_" + key, [job](result<json::value> r) {
          if (!r) return job->fail(r.err());  // the Go code's only outcome for a missing key
          job->one_done(offset_map{});        // a key it read is never recorded
        });
      }
    }

   private:
    struct poll_job {
      polled_logs out;
      std::size_t waiting = 0;
      std::function<void(result<polled_logs>)> done;
    };
    // Waits for n calls; the first failure answers at once, as the Go error channel does.
    template <class T>
    struct all_job {
      all_job(std::size_t n, std::function<void(result<T>)> d) : waiting(n), done(std::move(d)) {}
      void finish(T v) { done(result<T>(std::move(v))); }
      void fail(error const& e) {
        if (answered) return;
        answered = true;
        done(result<T>(e));
      }
      void one_done(T v) {
        if (--waiting == 0 && !answered) {
          answered = true;
          finish(std::move(v));
        }
      }
      std::size_t waiting;
      std::function<void(result<T>)> done;
      bool answered = false;
    };

    void read_from(std::shared_ptr<poll_job> job, std::string key, std::int64_t offset) {
      kv_.read(key + "_" + std::to_string(offset), [this, job, key, offset](result<json::value> r) {
        if (!r) {
          if (--job->waiting == 0) job->done(result<polled_logs>(std::move(job->out)));
          return;
        }
        job->out[key].push_back({offset, std::move(r).value()});
        read_from(job, key, offset + 1);
      });
    }

    void allocate(std::string const& key, json::value const& msg, offset_done done) {
      kv_.read("offset_" + key, [this, key, msg, done = std::move(done)](result<json::value> r) mutable {
        std::int64_t last = -1;
        if (r && r->is_int64()) last = r->get_int64();
        else if (!r && !r.failed_with(error_code::key_does_not_exist)) return done(result<std::int64_t>(r.err()));
        try_cas(key, msg, last + 1, std::move(done));
      });
    }

    void try_cas(std::string key, json::value msg, std::int64_t offset, offset_done done) {
      kv_.cas("offset_" + key, offset - 1, offset, true,
              [this, key, msg, offset, done = std::move(done)](status s) mutable {
                if (s.failed_with(error_code::precondition_failed)) return try_cas(key, msg, offset + 1, std::move(done));
                if (!s && !s.failed_with(error_code::key_does_not_exist)) return done(result<std::int64_t>(s.err()));
                kv_.write(key + "_" + std::to_string(offset), msg, [offset, done = std::move(done)](status w) {
                  if (!w) return done(result<std::int64_t>(w.err()));
                  done(result<std::int64_t>(offset));
                });
              });
    }

    node<Runtime>& n_;
    kv_client<Runtime> kv_;
  };
};

static_assert(log_design_policy<lin_kv_cas<>::model<runtime::manual>>);

}  // namespace glomers::log_design
