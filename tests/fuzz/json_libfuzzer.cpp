// libFuzzer target on the JSON decoding (manual: tools/libfuzzer.sh builds it with clang).
// Each input is one protocol line. It must parse strictly or be refused, never crash; what
// parses must serialise back to text that parses to the same value (numbers exact); and a node
// fed the line (echo and counter servers on the manual runtime) must only ever send messages
// that serialise, each answering a request, an echo with exactly its payload.
#include <boost/json/src.hpp>  // Boost.JSON compiled in, so it is instrumented too

#include "challenges/counter.hpp"
#include "challenges/echo.hpp"
#include "maelstrom/node.hpp"
#include "maelstrom/runtime/manual.hpp"
#include "policies/counter/crdt.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

void check_sent(glomers::runtime::manual& rt, glomers::json::value const* echo) {
  for (auto const& m : rt.take_sent()) {
    auto const text = glomers::serialize(m);  // throws (and the fuzzer reports) on Infinity, bad UTF-8
    auto back = glomers::detail::parse_strict(text);
    require(back.value.has_value());
    if (m.type() == "echo_ok" && echo) require(m.body.at("echo") == *echo);
    if (m.dest.starts_with("c")) require(m.in_reply_to().has_value());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  std::string_view const line(reinterpret_cast<char const*>(data), size);
  auto parsed = glomers::detail::parse_strict(line);
  if (parsed.value) {
    require(!glomers::detail::unwritable(*parsed.value));
    auto again = glomers::detail::parse_strict(boost::json::serialize(*parsed.value));
    require(again.value && *again.value == *parsed.value);
  }
  std::optional<glomers::json::value> echo;
  if (parsed.value && parsed.value->is_object()) {
    if (auto const* body = parsed.value->as_object().if_contains("body"); body && body->is_object()) {
      if (auto const* e = body->as_object().if_contains("echo")) echo = *e;
    }
  }
  static char const init[] = R"({"src":"c0","dest":"n0","body":{"type":"init","msg_id":1,"node_id":"n0","node_ids":["n0","n1"]}})";
  {
    glomers::runtime::manual rt;
    glomers::node<glomers::runtime::manual> n(rt);
    glomers::echo_server<glomers::runtime::manual> s(n);
    n.receive_line(init);
    rt.take_sent();
    n.receive_line(line);
    check_sent(rt, echo ? &*echo : nullptr);
  }
  {
    glomers::runtime::manual rt;
    glomers::node<glomers::runtime::manual> n(rt);
    glomers::counter_server<glomers::runtime::manual, glomers::counter::crdt<500, 100, true>> s(n);
    n.receive_line(init);
    auto sent = rt.take_sent();  // init_ok and the recovery read of seq-kv
    n.receive_line(line);        // perhaps a forged reply to that read
    rt.advance(std::chrono::seconds(2));
    check_sent(rt, nullptr);
  }
  return 0;
}
