// Challenge 2, unique ids: every generate gets an id no node has given before, with total
// availability under partitions, so ids are minted locally by an id policy.
#pragma once

#include "maelstrom/node.hpp"
#include "policies/ids.hpp"
#include "policies/ids/node_counter.hpp"

#include <optional>

namespace glomers {

namespace unique_ids_msgs {
struct generate {
  static constexpr std::string_view type = "generate";
};
BOOST_DESCRIBE_STRUCT(generate, (), ())
struct generate_ok {
  static constexpr std::string_view type = "generate_ok";
  json::value id;
};
BOOST_DESCRIBE_STRUCT(generate_ok, (), (id))
}  // namespace unique_ids_msgs

template <runtime_policy Runtime, id_policy Ids = ids::node_counter>
class unique_ids_server {
 public:
  explicit unique_ids_server(node<Runtime>& n) {
    n.on_init([this, &n] { ids_.emplace(n.id(), n.runtime().random()); });
    n.template on<unique_ids_msgs::generate>([this, &n](message const& m, auto) {
      n.reply(m, unique_ids_msgs::generate_ok{ids_->next()});
    });
  }

 private:
  std::optional<Ids> ids_;  // set at init
};

}  // namespace glomers
