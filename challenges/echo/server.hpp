// Challenge 1, echo: answer every echo with the same payload.
#pragma once

#include "maelstrom/node.hpp"

namespace glomers {

namespace echo_msgs {
struct echo {
  static constexpr std::string_view type = "echo";
  json::value echo;
};
BOOST_DESCRIBE_STRUCT(echo, (), (echo))
struct echo_ok {
  static constexpr std::string_view type = "echo_ok";
  json::value echo;
};
BOOST_DESCRIBE_STRUCT(echo_ok, (), (echo))
}  // namespace echo_msgs

template <runtime_policy Runtime>
class echo_server {
 public:
  explicit echo_server(node<Runtime>& n) {
    n.template on<echo_msgs::echo>([&n](message const& m, echo_msgs::echo req) {
      n.reply(m, echo_msgs::echo_ok{std::move(req.echo)});
    });
  }
};

}  // namespace glomers
