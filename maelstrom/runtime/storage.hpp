// node_store: what a node keeps that may outlive its process (runtime_policy's r.storage()).
//
// A store holds named records, each replaced whole: write(name, bytes) returns only once the
// new record is durable, and a reader sees either the old record or the new one, never a mix.
// Which store a runtime offers decides what survives a kill:
//   directory_store  files in a directory the host gives the node (the local Maelstrom's process
//                    host: GLOMERS_DATA_DIR, one directory per node and test); survives SIGKILL
//   memory_store     a map; in the simulator the host keeps one per node id across incarnations
//                    (so it survives a simulated kill), under runtime::stdio without
//                    GLOMERS_DATA_DIR (the real Maelstrom) it dies with the process, on purpose:
//                    state from an earlier test must never be picked up.
// A failed read or write throws std::system_error; a node must not go on as if it had stored.
#pragma once

#include "maelstrom/detail/io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace glomers {

// The variable through which a host hands a node process its data directory.
inline constexpr char const* data_dir_env = "GLOMERS_DATA_DIR";

class node_store {
 public:
  virtual ~node_store() = default;
  // The record stored under name, or none when nothing was ever written there.
  virtual std::optional<std::string> read(std::string_view name) = 0;
  // Replaces the record under name; returns once it is durable.
  virtual void write(std::string_view name, std::string_view bytes) = 0;
  // Where the record lives, for diagnostics ("/tmp/x/n1/raft-state", "memory:raft-state").
  virtual std::string where(std::string_view name) const = 0;
  // False when nothing written here outlives the node's process.
  virtual bool survives_process() const = 0;
};

class memory_store final : public node_store {
 public:
  // on_first_use runs once, at the first read or write (runtime::stdio says on stderr that the
  // node's state will not survive it); survives says whether the owner keeps the store past a kill.
  explicit memory_store(bool survives = true, std::function<void()> on_first_use = {})
      : survives_(survives), on_first_use_(std::move(on_first_use)) {}

  std::optional<std::string> read(std::string_view name) override {
    used();
    auto it = records_.find(std::string(name));
    if (it == records_.end()) return std::nullopt;
    return it->second;
  }
  void write(std::string_view name, std::string_view bytes) override {
    used();
    records_[std::string(name)] = std::string(bytes);
    ++writes;
  }
  std::string where(std::string_view name) const override { return "memory:" + std::string(name); }
  bool survives_process() const override { return survives_; }

  std::size_t writes = 0;

 private:
  void used() {
    if (auto f = std::exchange(on_first_use_, {})) f();
  }
  std::map<std::string, std::string> records_;
  bool survives_;
  std::function<void()> on_first_use_;
};

class directory_store final : public node_store {
 public:
  // The directory must exist: the host creates it (a missing one is a host error, not a fresh node).
  explicit directory_store(std::string dir) : dir_(std::move(dir)) {
    struct stat st {};
    if (::stat(dir_.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      throw std::system_error(errno ? errno : ENOTDIR, std::generic_category(), "data directory " + dir_);
    }
  }

  std::optional<std::string> read(std::string_view name) override {
    auto const path = checked(name);
    int const fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) return std::nullopt;
    if (fd < 0) fail("open", path);
    std::string out;
    char block[1 << 16];
    for (;;) {
      ssize_t const n = ::read(fd, block, sizeof block);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        int const e = errno;
        ::close(fd);
        throw std::system_error(e, std::generic_category(), "read " + path);
      }
      if (n == 0) break;
      out.append(block, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return out;
  }

  // Write a temporary file, fsync it, rename it over the record, fsync the directory: a kill at
  // any point leaves the old record or the new one.
  void write(std::string_view name, std::string_view bytes) override {
    auto const path = checked(name);
    auto const tmp = path + ".tmp";
    int const fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) fail("open", tmp);
    bool const ok = detail::write_all(fd, bytes) && ::fsync(fd) == 0;
    int const e = errno;
    ::close(fd);
    if (!ok) throw std::system_error(e, std::generic_category(), "write " + tmp);
    if (::rename(tmp.c_str(), path.c_str()) != 0) fail("rename", tmp);
    int const dfd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) fail("open", dir_);
    bool const synced = ::fsync(dfd) == 0;
    ::close(dfd);
    if (!synced) fail("fsync", dir_);
  }

  std::string where(std::string_view name) const override { return dir_ + "/" + std::string(name); }
  bool survives_process() const override { return true; }

 private:
  // Record names are plain file names: no separators, no leading dot.
  std::string checked(std::string_view name) const {
    bool ok = !name.empty() && name.front() != '.';
    for (char c : name) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.');
    if (!ok) throw std::invalid_argument("node_store: bad record name '" + std::string(name) + "'");
    return where(name);
  }
  [[noreturn]] static void fail(char const* what, std::string const& path) {
    throw std::system_error(errno, std::generic_category(), std::string(what) + " " + path);
  }

  std::string dir_;
};

}  // namespace glomers
