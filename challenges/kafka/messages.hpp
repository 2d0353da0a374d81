// The kafka workload's client RPCs (Maelstrom's workload/kafka.clj): send, poll,
// commit_offsets and list_committed_offsets, and their replies.
#pragma once

#include "policies/log_design.hpp"

#include <boost/describe/class.hpp>

namespace glomers::kafka_msgs {

struct send {
  static constexpr std::string_view type = "send";
  std::string key;
  json::value msg;
};
BOOST_DESCRIBE_STRUCT(send, (), (key, msg))
struct send_ok {
  static constexpr std::string_view type = "send_ok";
  std::int64_t offset;
};
BOOST_DESCRIBE_STRUCT(send_ok, (), (offset))

struct poll {
  static constexpr std::string_view type = "poll";
  offset_map offsets;
};
BOOST_DESCRIBE_STRUCT(poll, (), (offsets))
struct poll_ok {
  static constexpr std::string_view type = "poll_ok";
  polled_logs msgs;  // key -> [[offset, msg], ...]
};
BOOST_DESCRIBE_STRUCT(poll_ok, (), (msgs))

struct commit_offsets {
  static constexpr std::string_view type = "commit_offsets";
  offset_map offsets;
};
BOOST_DESCRIBE_STRUCT(commit_offsets, (), (offsets))
struct commit_offsets_ok {
  static constexpr std::string_view type = "commit_offsets_ok";
};
BOOST_DESCRIBE_STRUCT(commit_offsets_ok, (), ())

struct list_committed_offsets {
  static constexpr std::string_view type = "list_committed_offsets";
  std::vector<std::string> keys;
};
BOOST_DESCRIBE_STRUCT(list_committed_offsets, (), (keys))
struct list_committed_offsets_ok {
  static constexpr std::string_view type = "list_committed_offsets_ok";
  offset_map offsets;
};
BOOST_DESCRIBE_STRUCT(list_committed_offsets_ok, (), (offsets))

}  // namespace glomers::kafka_msgs
