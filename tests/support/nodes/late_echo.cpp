// Answers its first echo 5.05 s late, 50 ms after Maelstrom's client gave up on it; every other
// echo at once. By then the worker has replaced that client (at its next invocation), so the
// late reply goes to an id no longer in the network: Maelstrom stops reading this node's
// output, and every later request to it times out.
#include "maelstrom/run.hpp"

#include <chrono>

template <class Runtime>
struct late_echo {
  explicit late_echo(glomers::node<Runtime>& n) {
    n.on("echo", [&n, first = true](glomers::message const& m) mutable {
      glomers::json::object body{{"type", "echo_ok"}, {"echo", m.body.at("echo")}};
      if (!first) return n.reply(m, std::move(body));
      first = false;
      n.after(std::chrono::milliseconds(5050), [&n, m, body] { n.reply(m, body); });
    });
  }
};

int main() { return glomers::run<late_echo>(); }
