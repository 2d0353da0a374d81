// Coroutines over the callback API: the same rpc, timers and KV calls, awaited.
//
//   glomers::on_task(n, "read", [&](glomers::message m) -> glomers::task {
//     auto r = co_await glomers::call(n, "lin-kv", read_request(key), 1s);
//     if (!r) throw r.err();                      // answered to the request as that error
//     n.reply(m, read_ok(r->body.at("value")));
//   });
//
// A coroutine is resumed from the run loop, never from inside the call that started the wait
// (the callbacks it rides on never complete inline). A handler coroutine that throws, before or
// after a co_await, answers its request with the same error codes as a plain handler (the
// thrown glomers::error, 12 for a decode error, 13 otherwise). Coroutines take their parameters
// by value; the message above is a copy that lives in the coroutine frame. GCC 12 rejects braced
// JSON bodies ({{"type", ...}}) inside a coroutine body: build them in an ordinary function.
#pragma once

#include "maelstrom/node.hpp"

#include <coroutine>
#include <exception>
#include <functional>
#include <optional>
#include <utility>

namespace glomers {

// A detached coroutine: starts when the caller resumes it (on_task does), frees itself at the end.
class task {
 public:
  struct promise_type {
    std::function<void(std::exception_ptr)> on_error;
    task get_return_object() { return task(std::coroutine_handle<promise_type>::from_promise(*this)); }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() {
      if (on_error) on_error(std::current_exception());
    }
  };

  task(task&& o) noexcept : h_(std::exchange(o.h_, {})) {}
  task& operator=(task&&) = delete;
  ~task() {
    if (h_) h_.destroy();  // never started
  }

  // Runs the coroutine to its first suspension; errors escaping it go to on_error.
  void start(std::function<void(std::exception_ptr)> on_error) && {
    h_.promise().on_error = std::move(on_error);
    std::exchange(h_, {}).resume();
  }

 private:
  explicit task(std::coroutine_handle<promise_type> h) : h_(h) {}
  std::coroutine_handle<promise_type> h_;
};

// Awaits any callback-style call: initiate(done) must call done(value) exactly once, later.
template <class T, class Initiate>
auto await_callback(Initiate initiate) {
  struct awaiter {
    Initiate initiate;
    std::optional<T> value;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) {
      initiate([this, h](T v) {
        value.emplace(std::move(v));
        h.resume();
      });
    }
    T await_resume() { return std::move(*value); }
  };
  return awaiter{std::move(initiate), std::nullopt};
}

// co_await call(n, dest, body, timeout) -> result<message>: node::rpc, awaited.
template <runtime_policy Runtime>
auto call(node<Runtime>& n, std::string dest, json::object body, std::chrono::nanoseconds timeout) {
  return await_callback<result<message>>([&n, dest = std::move(dest), body = std::move(body), timeout](auto done) mutable {
    n.rpc(std::move(dest), std::move(body), timeout, std::move(done));
  });
}

// co_await sleep(n, d): resumes from the run loop at least d later.
template <runtime_policy Runtime>
auto sleep(node<Runtime>& n, std::chrono::nanoseconds d) {
  return await_callback<ok_t>([&n, d](auto done) { n.after(d, [done = std::move(done)]() mutable { done(ok_t{}); }); });
}

// Handles every request of a type with a coroutine: f(message) -> task. Whatever escapes the
// coroutine answers the request with Maelstrom's error codes, as for a plain handler.
template <runtime_policy Runtime, class F>
void on_task(node<Runtime>& n, std::string type, F f) {
  n.on(std::move(type), [&n, f = std::move(f)](message const& m) mutable {
    f(m).start([&n, m](std::exception_ptr e) {
      try {
        std::rethrow_exception(e);
      } catch (error const& err) {
        n.reply_error(m, err);
      } catch (json::decode_error const& err) {
        n.reply_error(m, error(error_code::malformed_request, err.what()));
      } catch (std::exception const& err) {
        n.log("glomers: coroutine handler for '" + std::string(m.type()) + "' failed: " + err.what());
        n.reply_error(m, error(error_code::crash, err.what()));
      }
    });
  });
}

}  // namespace glomers
