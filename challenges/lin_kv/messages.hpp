// lin-kv's client messages (Maelstrom workload lin-kv, spec §6.6). Keys and values are JSON
// values (the workload sends small integers) and are compared by value.
#pragma once

#include "maelstrom/message.hpp"

#include <boost/describe/class.hpp>

namespace glomers::lin_kv_msgs {

struct read {
  static constexpr std::string_view type = "read";
  json::value key;
};
BOOST_DESCRIBE_STRUCT(read, (), (key))
struct read_ok {
  static constexpr std::string_view type = "read_ok";
  json::value value;
};
BOOST_DESCRIBE_STRUCT(read_ok, (), (value))
struct write {
  static constexpr std::string_view type = "write";
  json::value key;
  json::value value;
};
BOOST_DESCRIBE_STRUCT(write, (), (key, value))
struct write_ok {
  static constexpr std::string_view type = "write_ok";
};
BOOST_DESCRIBE_STRUCT(write_ok, (), ())
struct cas {
  static constexpr std::string_view type = "cas";
  json::value key;
  json::value from;
  json::value to;
};
BOOST_DESCRIBE_STRUCT(cas, (), (key, from, to))
struct cas_ok {
  static constexpr std::string_view type = "cas_ok";
};
BOOST_DESCRIBE_STRUCT(cas_ok, (), ())

}  // namespace glomers::lin_kv_msgs
