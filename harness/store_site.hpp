// What `maelstrom serve` shows, without the network: the pages of a store/ directory. "/" lists
// every run (newest first) with its verdict, its parameters and links to its results, history,
// logs and pictures; "/files/<workload>/<time>/<path>" serves a file of a run, or lists a folder
// (node-logs/). Paths never leave the store.
#pragma once

#include "harness/report.hpp"
#include "harness/timeline.hpp"
#include "maelstrom/json.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace glomers::harness {

struct site_reply {
  unsigned status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
};

inline std::string content_type_of(std::filesystem::path const& p) {
  auto const ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".json") return "application/json";
  if (ext == ".png") return "image/png";
  return "text/plain; charset=utf-8";  // .txt, .jsonl, .log, .edn and the rest
}

// %XX and '+' decoded; nullopt for a malformed escape.
inline std::optional<std::string> url_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      return std::nullopt;
    }
    out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
    i += 2;
  }
  return out;
}

class store_site {
 public:
  explicit store_site(std::filesystem::path store) : store_(std::move(store)) {}

  std::filesystem::path const& store() const noexcept { return store_; }

  // The reply to a GET of target (path and optional query).
  site_reply get(std::string_view target) const {
    auto const path = url_decode(target.substr(0, target.find('?')));
    if (!path) return error(400, "bad escape in the path");
    if (*path == "/" || *path == "/index.html") return {200, "text/html; charset=utf-8", index_page()};
    if (path->rfind("/files/", 0) != 0) return error(404, "no page " + *path);
    std::filesystem::path rel(path->substr(7));
    for (auto const& part : rel) {
      if (part == ".." || part == ".") return error(403, "no way out of the store");
    }
    auto const file = store_ / rel;
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec)) return {200, "text/html; charset=utf-8", folder_page(rel)};
    std::ifstream in(file, std::ios::binary);
    if (!in || !std::filesystem::is_regular_file(file, ec)) return error(404, "no file " + rel.string());
    std::ostringstream body;
    body << in.rdbuf();
    return {200, content_type_of(file), body.str()};
  }

  // Every run: store/<workload>/<time>/, newest first (the time stamps sort as text).
  std::vector<std::filesystem::path> runs() const {
    std::vector<std::filesystem::path> out;
    std::error_code ec;
    for (auto const& w : std::filesystem::directory_iterator(store_, ec)) {
      if (!w.is_directory() || w.is_symlink() || w.path().filename() == "latest") continue;
      for (auto const& r : std::filesystem::directory_iterator(w.path(), ec)) {
        if (r.is_directory() && !r.is_symlink()) out.push_back(std::filesystem::relative(r.path(), store_));
      }
    }
    std::sort(out.begin(), out.end(), [](auto const& a, auto const& b) {
      auto const ta = (++a.begin())->string(), tb = (++b.begin())->string();
      return ta != tb ? ta > tb : a < b;
    });
    return out;
  }

 private:
  static site_reply error(unsigned status, std::string const& why) {
    return {status, "text/plain; charset=utf-8", why + "\n"};
  }

  static std::string href(std::filesystem::path const& rel) {
    std::string out = "/files/";
    for (char c : rel.generic_string()) {
      if (std::isalnum(static_cast<unsigned char>(c)) || std::string_view("-._~/").find(c) != std::string_view::npos) {
        out += c;
      } else {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
        out += buf;
      }
    }
    return out;
  }

  static std::optional<json::object> read_json(std::filesystem::path const& p) {
    std::ifstream in(p);
    if (!in) return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    boost::system::error_code ec;
    auto v = boost::json::parse(s.str(), ec);
    if (ec || !v.is_object()) return std::nullopt;
    return v.as_object();
  }

  static std::string page(std::string const& title, std::string const& body) {
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + html_escape(title) +
           "</title>\n<style>body{font-family:sans-serif;font-size:13px;margin:16px}"
           "table{border-collapse:collapse}td,th{padding:4px 8px;border-bottom:1px solid #ddd;text-align:left;"
           "vertical-align:top}.valid{background:#ADF6B1}.invalid{background:#F6AE9A}.unknown{background:#FFE0A0}"
           ".incomplete{background:#eee}a{margin-right:6px}</style></head>\n<body>\n<h1>" +
           html_escape(title) + "</h1>\n" + body + "</body></html>\n";
  }

  // One row of the index: time, workload, verdict, parameters, links to what exists.
  std::string run_row(std::filesystem::path const& rel) const {
    auto const dir = store_ / rel;
    auto const workload = rel.begin()->string(), time = (++rel.begin())->string();
    std::string verdict = "incomplete";
    if (auto r = read_json(dir / "results.json"); r && r->contains("valid?")) {
      auto const& v = r->at("valid?");
      verdict = v.is_bool() ? (v.get_bool() ? "valid" : "invalid") : "unknown";
    }
    std::string params;
    if (auto t = read_json(dir / "test.json")) {
      for (auto const* k : {"nodes", "concurrency", "time-limit", "rate", "latency", "nemesis", "topology", "host", "seed"}) {
        if (auto const* v = t->if_contains(k); v && v->is_array()) {
          std::string list;
          for (auto const& e : v->as_array()) list += (list.empty() ? "" : ", ") + (e.is_string() ? std::string(e.as_string()) : boost::json::serialize(e));
          params += html_escape(std::string(k) + " " + list) + "<br>";
        } else if (v && !(v->is_string() && v->as_string().empty())) {
          params += html_escape(std::string(k) + " " + (v->is_string() ? std::string(v->as_string()) : v->is_double() ? format_double(v->get_double()) : boost::json::serialize(*v))) + "<br>";
        }
      }
    }
    std::string links;
    for (auto const* f : {"results.json", "results.edn", "history.txt", "history.jsonl", "timeline.html", "latency-raw.svg",
                          "latency-quantiles.svg", "rate.svg", "messages.svg", "net-journal.jsonl", "test.json", "node-logs"}) {
      if (std::filesystem::exists(dir / f)) {
        links += "<a href=\"" + href(rel / f) + (std::string_view(f) == "node-logs" ? "/" : "") + "\">" + f + "</a> ";
      }
    }
    return "<tr class=\"run " + verdict + "\"><td><a href=\"" + href(rel) + "/\">" + html_escape(time) + "</a></td><td>" +
           html_escape(workload) + "</td><td class=\"verdict\">" + verdict + "</td><td>" + params + "</td><td>" + links +
           "</td></tr>\n";
  }

  std::string index_page() const {
    auto const all = runs();
    std::string body = "<p>" + std::to_string(all.size()) + " run(s) in " + html_escape(store_.string()) + ".</p>\n";
    body += "<table id=\"runs\"><tr><th>time</th><th>workload</th><th>verdict</th><th>parameters</th><th>files</th></tr>\n";
    for (auto const& r : all) body += run_row(r);
    return page("Maelstrom runs", body + "</table>\n");
  }

  std::string folder_page(std::filesystem::path const& rel) const {
    std::vector<std::string> names;
    std::error_code ec;
    for (auto const& e : std::filesystem::directory_iterator(store_ / rel, ec)) {
      names.push_back(e.path().filename().string() + (e.is_directory() ? "/" : ""));
    }
    std::sort(names.begin(), names.end());
    std::string body = "<p><a href=\"/\">all runs</a></p>\n<ul>\n";
    for (auto const& n : names) {
      body += "<li><a href=\"" + href(rel / n) + "\">" + html_escape(n) + "</a></li>\n";
    }
    return page(rel.generic_string(), body + "</ul>\n");
  }

  std::filesystem::path store_;
};

}  // namespace glomers::harness
