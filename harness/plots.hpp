// Jepsen's performance graphs as SVG: latency-quantiles.svg (the 0.5, 0.95, 0.99 and 1 quantiles
// of ok op latency in successive time windows, as latency-quantiles.png) and rate.svg (completions
// per second in each window by type, as rate.png), with the nemesis periods shaded. Both read
// only the history, so a stored run draws the same pictures as the run did.
#pragma once

#include "harness/faults.hpp"
#include "harness/history.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace glomers::harness {

// The nemesis periods of a history: a start-partition, kill or pause opens one (at its first
// half), the next stop-partition, start or resume closes it.
inline std::vector<fault_window> nemesis_windows(history const& h) {
  std::vector<fault_window> out;
  for (auto const& o : h) {
    if (o.is_client_op() || o.invocation >= 0) continue;  // the first half of each nemesis op
    if (o.f == "start-partition" || o.f == "kill" || o.f == "pause") {
      std::string spec = o.f == "start-partition" ? std::string() : o.f;
      if (o.value.is_string()) spec = std::string(o.value.as_string());
      if (o.value.is_array()) {
        for (auto const& n : o.value.as_array()) spec += " " + (n.is_string() ? std::string(n.as_string()) : boost::json::serialize(n));
      }
      out.push_back({o.time, std::nullopt, spec});
    } else if ((o.f == "stop-partition" || o.f == "start" || o.f == "resume") && !out.empty() && !out.back().end) {
      out.back().end = o.time;
    }
  }
  return out;
}

// "0.5 s", "2 s": a window width for a title.
inline std::string format_seconds(double s) {
  std::ostringstream out;
  out << std::round(s * 100) / 100 << " s";
  return out.str();
}

namespace detail {

inline double seconds(sim_time t) { return std::chrono::duration<double>(t).count(); }

// A plot area with time (s) across: shaded nemesis periods, axes and the title.
struct time_plot {
  static constexpr double width = 900, height = 400, left = 60, right = 130, top = 30, bottom = 40;
  double t_max;
  std::ostringstream s;

  double x(double t) const { return left + (width - left - right) * t / t_max; }

  void begin(std::string const& title, std::vector<fault_window> const& windows) {
    s << R"(<svg xmlns="http://www.w3.org/2000/svg" width=")" << width << R"(" height=")" << height
      << R"(" font-family="sans-serif" font-size="11"><rect width="100%" height="100%" fill="white"/>)" << '\n';
    for (auto const& w : windows) {
      double const a = x(seconds(w.start)), b = x(w.end ? seconds(*w.end) : t_max);
      s << R"(<rect class="nemesis" x=")" << a << R"(" y=")" << top << R"(" width=")" << std::max(1.0, b - a)
        << R"(" height=")" << height - top - bottom << R"(" fill="#ccc" fill-opacity="0.6"><title>nemesis )" << w.spec
        << "</title></rect>\n";
    }
    for (int k = 0; k <= 10; ++k) {
      double const t = t_max * k / 10;
      s << R"(<text x=")" << x(t) << R"(" y=")" << height - bottom + 15 << R"(" text-anchor="middle">)"
        << std::round(t * 10) / 10 << "</text>\n";
    }
    s << R"(<text x=")" << width / 2 << R"(" y="18" text-anchor="middle" font-size="13">)" << title << "</text>\n"
      << R"(<text x=")" << width / 2 << R"(" y=")" << height - 8 << R"(" text-anchor="middle">time (s)</text>)" << '\n';
  }
  void y_tick(double y, std::string const& label) {
    s << R"(<line x1=")" << left << R"(" x2=")" << width - right << R"(" y1=")" << y << R"(" y2=")" << y
      << R"(" stroke="#eee"/><text x=")" << left - 5 << R"(" y=")" << y + 4 << R"(" text-anchor="end">)" << label << "</text>\n";
  }
  void series(std::vector<std::pair<double, double>> const& pts, std::string const& colour, std::string const& name, int row) {
    // Points joined by lines, broken where a window is empty (a NaN y) rather than bridged.
    for (std::size_t i = 0; i < pts.size();) {
      if (std::isnan(pts[i].second)) {
        ++i;
        continue;
      }
      s << R"(<polyline class="series" fill="none" stroke=")" << colour << R"(" stroke-width="1.5" points=")";
      for (; i < pts.size() && !std::isnan(pts[i].second); ++i) {
        s << pts[i].first << ',' << pts[i].second << ' ';
      }
      s << R"("><title>)" << name << "</title></polyline>\n";
    }
    for (auto const& [px, py] : pts) {
      if (!std::isnan(py)) s << R"(<circle cx=")" << px << R"(" cy=")" << py << R"(" r="2" fill=")" << colour << R"("/>)";
    }
    s << '\n';
    double const ly = top + 14.0 * row;
    s << R"(<line x1=")" << width - right + 10 << R"(" x2=")" << width - right + 30 << R"(" y1=")" << ly << R"(" y2=")" << ly
      << R"(" stroke=")" << colour << R"(" stroke-width="2"/><text x=")" << width - right + 34 << R"(" y=")" << ly + 4
      << R"(">)" << name << "</text>\n";
  }
  std::string end() {
    s << "</svg>\n";
    return s.str();
  }
};

// The end of the history in seconds and the window width: about 60 windows, at least 1 s apiece
// for runs over a minute.
inline std::pair<double, double> time_frame(history const& h) {
  double const t_max = std::max(1.0, h.empty() ? 1.0 : seconds(h.back().time));
  return {t_max, std::max(t_max / 60, std::min(1.0, t_max / 10))};
}

}  // namespace detail

inline std::string latency_quantiles_svg(history const& h, std::string const& title) {
  auto const [t_max, dt] = detail::time_frame(h);
  std::map<std::size_t, std::vector<double>> buckets;  // window -> ok latencies (ms)
  double l_max = 1;
  for (auto const& o : h) {
    if (!o.is_client_op() || o.type != op_type::ok || o.invocation < 0) continue;
    auto const& inv = h[static_cast<std::size_t>(o.invocation)];
    double const l = std::max(0.01, std::chrono::duration<double, std::milli>(o.time - inv.time).count());
    buckets[static_cast<std::size_t>(detail::seconds(o.time) / dt)].push_back(l);
    l_max = std::max(l_max, l);
  }
  detail::time_plot p{t_max, {}};
  double const l_top = std::pow(10.0, std::ceil(std::log10(l_max))), l_bottom = 0.01;
  auto const y = [&](double l) {
    return p.top + (p.height - p.top - p.bottom) *
                       (1 - (std::log10(l) - std::log10(l_bottom)) / (std::log10(l_top) - std::log10(l_bottom)));
  };
  p.begin(title + " — latency quantiles of ok ops (ms, log) per " + format_seconds(dt) + " window; grey: nemesis",
          nemesis_windows(h));
  for (double l = l_bottom; l <= l_top * 1.001; l *= 10) {
    std::ostringstream label;
    label << l;
    p.y_tick(y(l), label.str());
  }
  int row = 0;
  std::size_t last = 0;
  for (auto const& [q, colour] : {std::pair{0.5, "#1f77b4"}, {0.95, "#2ca02c"}, {0.99, "#ff7f0e"}, {1.0, "#d62728"}}) {
    std::vector<std::pair<double, double>> pts;
    for (auto& [b, ls] : buckets) {
      if (!pts.empty() && b > last + 1) pts.emplace_back(0, std::nan(""));  // an empty window: a gap
      last = b;
      std::sort(ls.begin(), ls.end());
      auto const k = static_cast<std::size_t>(std::min<double>(static_cast<double>(ls.size()) - 1,
                                                                std::floor(q * static_cast<double>(ls.size()))));
      pts.emplace_back(p.x((static_cast<double>(b) + 0.5) * dt), y(ls[k]));
    }
    std::ostringstream name;
    name << "q " << q;
    p.series(pts, colour, name.str(), row++);
  }
  return p.end();
}

inline std::string rate_svg(history const& h, std::string const& title) {
  auto const [t_max, dt] = detail::time_frame(h);
  auto const windows = static_cast<std::size_t>(t_max / dt) + 1;
  std::map<op_type, std::vector<double>> counts;
  for (auto t : {op_type::ok, op_type::fail, op_type::info}) counts[t].assign(windows, 0);
  double r_max = 1;
  for (auto const& o : h) {
    if (!o.is_client_op() || o.type == op_type::invoke) continue;
    auto& c = counts[o.type][std::min(windows - 1, static_cast<std::size_t>(detail::seconds(o.time) / dt))];
    r_max = std::max(r_max, (c += 1) / dt);
  }
  detail::time_plot p{t_max, {}};
  auto const y = [&](double r) { return p.top + (p.height - p.top - p.bottom) * (1 - r / (r_max * 1.1)); };
  p.begin(title + " — completions per second per " + format_seconds(dt) + " window; grey: nemesis", nemesis_windows(h));
  for (int k = 0; k <= 5; ++k) {
    std::ostringstream label;
    label << std::round(r_max * 1.1 * k / 5 * 10) / 10;
    p.y_tick(y(r_max * 1.1 * k / 5), label.str());
  }
  int row = 0;
  for (auto const& [t, colour] : {std::pair{op_type::ok, "#2a2"}, {op_type::fail, "#d22"}, {op_type::info, "#f90"}}) {
    std::vector<std::pair<double, double>> pts;
    for (std::size_t b = 0; b < windows; ++b) pts.emplace_back(p.x((static_cast<double>(b) + 0.5) * dt), y(counts[t][b] / dt));
    p.series(pts, colour, std::string(name_of(t)), row++);
  }
  return p.end();
}

}  // namespace glomers::harness
