// Challenge 4 (g-counter) and the pn-counter workload: add and read a counter kept in seq-kv.
// The counting strategy is a counter policy (policies/counter.hpp):
//   template <class Runtime>
//   using node = glomers::counter_server<Runtime, glomers::counter::crdt<500, 1000>>;
#pragma once

#include "maelstrom/node.hpp"
#include "policies/counter.hpp"

#include <boost/describe/class.hpp>

namespace glomers {

namespace counter_msgs {
struct add {
  static constexpr std::string_view type = "add";
  std::int64_t delta;
};
BOOST_DESCRIBE_STRUCT(add, (), (delta))
struct add_ok {
  static constexpr std::string_view type = "add_ok";
};
BOOST_DESCRIBE_STRUCT(add_ok, (), ())
struct read_ok {
  static constexpr std::string_view type = "read_ok";
  std::int64_t value;
};
BOOST_DESCRIBE_STRUCT(read_ok, (), (value))
}  // namespace counter_msgs

template <runtime_policy Runtime, class Counter>
class counter_server {
 public:
  using counter_t = typename Counter::template model<Runtime>;
  static_assert(counter_policy<counter_t>);

  explicit counter_server(node<Runtime>& n) : n_(n), counter_(n) {
    n.template on<counter_msgs::add>([this](message const& m, counter_msgs::add a) {
      counter_.add(a.delta, [this, m](status s) {
        if (s) n_.reply(m, counter_msgs::add_ok{});
        else n_.reply_error(m, s.err());
      });
    });
    n.on("read", [this](message const& m) {
      counter_.read([this, m](result<std::int64_t> r) {
        if (r) n_.reply(m, counter_msgs::read_ok{r.value()});
        else n_.reply_error(m, r.err());
      });
    });
  }

  counter_t& counter() noexcept { return counter_; }

 private:
  node<Runtime>& n_;
  counter_t counter_;
};

// The server of a counting strategy as a template over the runtime alone:
// counter_with<strategy>::server.
template <class Counter>
struct counter_with {
  template <class Runtime>
  using server = counter_server<Runtime, Counter>;
};

}  // namespace glomers
