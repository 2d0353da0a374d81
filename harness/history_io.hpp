// Reading a stored run back: history.jsonl and net-journal.jsonl as harness/report.hpp writes
// them, into the same history and journal the run held in memory, so a checker given the read
// history sees what it saw during the run.
#pragma once

#include "harness/history.hpp"
#include "harness/network.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>

namespace glomers::harness {

// A stored file that cannot be read back: what() names the file and the line.
class store_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline op_type op_type_of(std::string_view s) {
  if (s == "invoke") return op_type::invoke;
  if (s == "ok") return op_type::ok;
  if (s == "fail") return op_type::fail;
  if (s == "info") return op_type::info;
  throw std::invalid_argument("unknown op type \"" + std::string(s) + "\"");
}

// The inverse of to_json (history.hpp) for one op, but for `invocation`, which to_json does not
// write: read_history links completions to their invocations.
inline op op_from_json(json::object const& j) {
  op o;
  for (auto const& [k, v] : j) {
    if (k == "index") o.index = v.to_number<std::int64_t>();
    else if (k == "type") o.type = op_type_of(v.as_string());
    else if (k == "f") o.f = std::string(v.as_string());
    else if (k == "value") o.value = v;
    else if (k == "time") o.time = sim_time(v.to_number<std::int64_t>());
    else if (k == "process") o.process = v.is_string() ? nemesis_process : v.to_number<std::int64_t>();
    else if (k == "final?") o.final = v.as_bool();
    else if (k == "error") o.error = std::string(v.as_string());
    else o.extra[k] = v;
  }
  return o;
}

// Links each completion to its invocation as the test run did: a client process has at most one
// op in flight, so a completion belongs to its process's pending invoke; the nemesis writes both
// halves of an op (both info) one after the other, so every second nemesis op completes the one
// before it.
inline void link_invocations(history& h) {
  std::map<std::int64_t, std::int64_t> pending;  // client process -> index of its open invoke
  std::int64_t open_nemesis = -1;
  for (auto& o : h) {
    if (!o.is_client_op()) {
      o.invocation = open_nemesis;
      open_nemesis = open_nemesis < 0 ? o.index : -1;
    } else if (o.type == op_type::invoke) {
      pending[o.process] = o.index;
    } else if (auto it = pending.find(o.process); it != pending.end()) {
      o.invocation = it->second;
      pending.erase(it);
    }
  }
}

namespace detail {

// Calls f(object, line number) for each non-empty line of a JSON-lines file.
template <class F>
void for_each_json_line(std::filesystem::path const& path, F&& f) {
  std::ifstream in(path);
  if (!in) throw store_error("cannot read " + path.string());
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    try {
      f(boost::json::parse(line).as_object());
    } catch (std::exception const& e) {
      throw store_error(path.string() + ":" + std::to_string(n) + ": " + e.what());
    }
  }
}

}  // namespace detail

inline history read_history(std::filesystem::path const& jsonl) {
  history h;
  detail::for_each_json_line(jsonl, [&](json::object const& j) {
    h.push_back(op_from_json(j));
    if (h.back().index != static_cast<std::int64_t>(h.size()) - 1) {
      throw std::invalid_argument("index " + std::to_string(h.back().index) + " out of order");
    }
  });
  link_invocations(h);
  return h;
}

inline harness::journal read_journal(std::filesystem::path const& jsonl) {
  harness::journal out;
  detail::for_each_json_line(jsonl, [&](json::object const& j) {
    auto const& kind = j.at("kind").as_string();
    if (kind != "send" && kind != "recv") throw std::invalid_argument("unknown kind " + std::string(kind));
    out.push_back(journal_entry{kind == "send" ? journal_entry::send : journal_entry::recv,
                                sim_time(j.at("time").to_number<std::int64_t>()), j.at("id").to_number<std::int64_t>(),
                                std::string(j.at("src").as_string()), std::string(j.at("dest").as_string()),
                                std::string(j.at("type").as_string())});
  });
  return out;
}

}  // namespace glomers::harness
