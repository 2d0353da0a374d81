// What a run leaves behind (spec §8.5): store/<workload>/<timestamp>/ with results.json (the
// results.edn map as JSON) and results.edn (the same map in EDN, for tools that read Maelstrom's), history.jsonl and history.txt, net-journal.jsonl, node-logs/ (written
// by the host), latency-raw.svg (op latency over time, partitions shaded); store/latest points
// at it. And the console's closing lines and exit status.
#pragma once

#include "harness/history.hpp"
#include "harness/network.hpp"
#include "harness/test_run.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace glomers::harness {

// A double the way people write it: shortest round-trip form, "2.0" rather than "2E0".
inline std::string format_double(double d) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  std::string s(buf, end);
  if (s.find_first_of(".en") == std::string::npos) s += ".0";
  return s;
}

// JSON with two-space indentation, keys in insertion order.
inline void pretty_print(std::ostream& out, json::value const& v, int indent = 0) {
  auto const pad = [&](int n) { out << std::string(static_cast<std::size_t>(n), ' '); };
  if (v.is_object() && !v.get_object().empty()) {
    out << "{\n";
    bool first = true;
    for (auto const& [k, e] : v.get_object()) {
      if (!first) out << ",\n";
      first = false;
      pad(indent + 2);
      out << boost::json::serialize(json::value(k)) << ": ";
      pretty_print(out, e, indent + 2);
    }
    out << "\n";
    pad(indent);
    out << "}";
  } else if (v.is_array() && !v.get_array().empty() &&
             std::any_of(v.get_array().begin(), v.get_array().end(),
                         [](auto const& e) { return e.is_object() || e.is_array(); })) {
    out << "[\n";
    bool first = true;
    for (auto const& e : v.get_array()) {
      if (!first) out << ",\n";
      first = false;
      pad(indent + 2);
      pretty_print(out, e, indent + 2);
    }
    out << "\n";
    pad(indent);
    out << "]";
  } else if (v.is_double()) {
    out << format_double(v.get_double());
  } else if (v.is_array()) {
    out << "[";
    bool first = true;
    for (auto const& e : v.get_array()) {
      out << (first ? "" : ", ");
      first = false;
      pretty_print(out, e, indent);
    }
    out << "]";
  } else {
    out << boost::json::serialize(v);
  }
}

inline std::string pretty(json::value const& v) {
  std::ostringstream s;
  pretty_print(s, v);
  return s.str();
}

namespace detail {

inline bool keyword_like(std::string_view k) {
  if (k.empty() || std::isdigit(static_cast<unsigned char>(k[0])) || k[0] == ':' || k[0] == '#') return false;
  return std::all_of(k.begin(), k.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("*+!-_?<>=./").find(c) != std::string_view::npos;
  });
}

inline bool number_like(std::string_view k) {
  json::value v;
  boost::system::error_code ec;
  v = boost::json::parse(k, ec);
  return !ec && v.is_number();
}

}  // namespace detail

// A results map as EDN, the way Maelstrom writes results.edn: map keys as keywords (a key that
// is a number, such as a quantile, as that number; the keys of "duplicated", which are values,
// as strings or numbers), true/false/nil, strings quoted, arrays as vectors, "valid?" "unknown"
// as :unknown.
inline void write_edn(std::ostream& out, json::value const& v, bool value_keys = false) {
  switch (v.kind()) {
    case boost::json::kind::null: out << "nil"; return;
    case boost::json::kind::bool_: out << (v.get_bool() ? "true" : "false"); return;
    case boost::json::kind::int64: out << v.get_int64(); return;
    case boost::json::kind::uint64: out << v.get_uint64(); return;
    case boost::json::kind::double_: out << format_double(v.get_double()); return;
    case boost::json::kind::string: out << boost::json::serialize(v); return;
    case boost::json::kind::array: {
      out << '[';
      bool first = true;
      for (auto const& e : v.get_array()) {
        out << (first ? "" : " ");
        first = false;
        write_edn(out, e);
      }
      out << ']';
      return;
    }
    case boost::json::kind::object: {
      out << '{';
      bool first = true;
      for (auto const& [k, e] : v.get_object()) {
        out << (first ? "" : ", ");
        first = false;
        if (detail::number_like(k)) out << std::string_view(k);
        else if (!value_keys && detail::keyword_like(k)) out << ':' << std::string_view(k);
        else out << boost::json::serialize(json::value(k));
        out << ' ';
        if (k == "valid?" && e.is_string() && e.get_string() == "unknown") out << ":unknown";
        else write_edn(out, e, k == "duplicated");
      }
      out << '}';
      return;
    }
  }
}

inline std::string to_edn(json::value const& v) {
  std::ostringstream s;
  write_edn(s, v);
  return s.str();
}

// Maelstrom's closing line and exit status for a validity.
struct verdict {
  std::string line;
  int exit_code;
};

inline verdict verdict_of(json::value const& valid) {
  if (valid.is_bool() && valid.get_bool()) return {"Everything looks good! ヽ(‘ー`)ノ", 0};
  if (valid.is_bool()) return {"Analysis invalid! (ﾉಥ益ಥ）ﾉ ┻━┻", 1};
  return {"Errors occurred during analysis, but no anomalies found. ಠ~ಠ", 2};
}

// Creates store/<workload>/<timestamp>/ under root and points store/latest at it.
inline std::filesystem::path make_store_dir(std::filesystem::path const& root, std::string const& workload) {
  auto const now = std::chrono::system_clock::now();
  auto const t = std::chrono::system_clock::to_time_t(now);
  auto const ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char stamp[64];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm);
  std::string name = std::string(stamp) + "." + (ms < 100 ? (ms < 10 ? "00" : "0") : "") + std::to_string(ms) + "Z";
  auto dir = root / "store" / workload / name;
  for (int k = 1; std::filesystem::exists(dir); ++k) dir = root / "store" / workload / (name + "-" + std::to_string(k));
  std::filesystem::create_directories(dir / "node-logs");
  auto const latest = root / "store" / "latest";
  std::error_code ec;
  std::filesystem::remove(latest, ec);
  std::filesystem::create_directory_symlink(std::filesystem::relative(dir, root / "store"), latest, ec);
  return dir;
}

inline std::string history_line(op const& o) {
  std::ostringstream s;
  s << (o.is_client_op() ? std::to_string(o.process) : std::string("nemesis")) << '\t' << name_of(o.type) << '\t' << o.f
    << '\t' << boost::json::serialize(o.value);
  if (!o.error.empty()) s << '\t' << o.error;
  return s.str();
}

inline void write_history(std::filesystem::path const& dir, history const& h) {
  std::ofstream jsonl(dir / "history.jsonl"), txt(dir / "history.txt");
  for (auto const& o : h) {
    jsonl << boost::json::serialize(to_json(o)) << '\n';
    txt << history_line(o) << '\n';
  }
}

inline void write_journal(std::filesystem::path const& dir, harness::journal const& journal) {
  std::ofstream out(dir / "net-journal.jsonl");
  for (auto const& e : journal) {
    out << R"({"kind":")" << (e.kind == journal_entry::send ? "send" : "recv") << R"(","time":)" << e.time.count()
        << R"(,"id":)" << e.id << R"(,"src":")" << e.src << R"(","dest":")" << e.dest << R"(","type":)"
        << boost::json::serialize(json::value(e.type)) << "}\n";
  }
}

// Op latency over time: one point per completion (ok green, fail red, info orange), log scale,
// with partitions shaded.
inline std::string latency_svg(history const& h, std::vector<fault_window> const& partitions,
                               std::string const& title) {
  constexpr double width = 900, height = 400, left = 60, right = 20, top = 30, bottom = 40;
  struct point {
    double t_s, latency_ms;
    op_type type;
  };
  std::vector<point> points;
  double t_max = 1, l_max = 1;
  for (auto const& o : h) {
    if (!o.is_client_op() || o.type == op_type::invoke || o.invocation < 0) continue;
    auto const& inv = h[static_cast<std::size_t>(o.invocation)];
    double const t = std::chrono::duration<double>(inv.time).count();
    double const l = std::max(0.01, std::chrono::duration<double, std::milli>(o.time - inv.time).count());
    points.push_back({t, l, o.type});
    t_max = std::max(t_max, std::chrono::duration<double>(o.time).count());
    l_max = std::max(l_max, l);
  }
  double const l_top = std::pow(10.0, std::ceil(std::log10(l_max)));
  double const l_bottom = 0.01;
  auto const x = [&](double t) { return left + (width - left - right) * t / t_max; };
  auto const y = [&](double l) {
    return top + (height - top - bottom) * (1 - (std::log10(l) - std::log10(l_bottom)) /
                                                    (std::log10(l_top) - std::log10(l_bottom)));
  };
  std::ostringstream s;
  s << R"(<svg xmlns="http://www.w3.org/2000/svg" width=")" << width << R"(" height=")" << height
    << R"(" font-family="sans-serif" font-size="11">)" << '\n';
  s << R"(<rect width="100%" height="100%" fill="white"/>)" << '\n';
  for (auto const& p : partitions) {
    double const a = x(std::chrono::duration<double>(p.start).count());
    double const b = x(p.end ? std::chrono::duration<double>(*p.end).count() : t_max);
    s << R"(<rect x=")" << a << R"(" y=")" << top << R"(" width=")" << std::max(1.0, b - a) << R"(" height=")"
      << height - top - bottom << R"(" fill="#ccc" fill-opacity="0.6"><title>partition )" << p.spec
      << "</title></rect>\n";
  }
  for (double l = l_bottom; l <= l_top * 1.001; l *= 10) {
    s << R"(<line x1=")" << left << R"(" x2=")" << width - right << R"(" y1=")" << y(l) << R"(" y2=")" << y(l)
      << R"(" stroke="#eee"/><text x=")" << left - 5 << R"(" y=")" << y(l) + 4 << R"(" text-anchor="end">)" << l
      << "</text>\n";
  }
  for (int k = 0; k <= 10; ++k) {
    double const t = t_max * k / 10;
    s << R"(<text x=")" << x(t) << R"(" y=")" << height - bottom + 15 << R"(" text-anchor="middle">)"
      << std::round(t * 10) / 10 << "</text>\n";
  }
  for (auto const& p : points) {
    char const* colour = p.type == op_type::ok ? "#2a2" : p.type == op_type::fail ? "#d22" : "#f90";
    s << R"(<circle cx=")" << x(p.t_s) << R"(" cy=")" << y(p.latency_ms) << R"(" r="1.5" fill=")" << colour
      << R"("/>)" << '\n';
  }
  s << R"(<text x=")" << width / 2 << R"(" y="18" text-anchor="middle" font-size="13">)" << title
    << " — op latency (ms, log) over time (s); grey: partitions; green ok, red fail, orange info</text>\n";
  s << R"(<text x=")" << width / 2 << R"(" y=")" << height - 8 << R"(" text-anchor="middle">time (s)</text>)" << '\n';
  s << "</svg>\n";
  return s.str();
}

inline void write_text(std::filesystem::path const& path, std::string const& text) {
  std::ofstream(path) << text;
}

}  // namespace glomers::harness
