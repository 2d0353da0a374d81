// timeline.html, as Jepsen draws it: one column per process (the nemesis last), time running
// down, each op a box from its invocation to its completion coloured by how it ended (ok green,
// fail pink, info orange; an op never completed runs to the end), its details shown on hover;
// the nemesis periods shaded across every column. Like Jepsen it draws at most op_limit ops.
#pragma once

#include "harness/plots.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <sstream>
#include <string>

namespace glomers::harness {

inline std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// What hovering over an op shows: both halves as Jepsen prints them, and the latency.
inline std::string op_tooltip(op const& inv, op const* done) {
  auto const line = [](op const& o) {
    std::ostringstream s;
    s << (o.is_client_op() ? std::to_string(o.process) : "nemesis") << ' ' << name_of(o.type) << ' ' << o.f << ' '
      << boost::json::serialize(o.value);
    for (auto const& [k, v] : o.extra) s << ' ' << std::string_view(k) << ' ' << boost::json::serialize(v);
    if (!o.error.empty()) s << " error " << o.error;
    s << " at " << std::chrono::duration<double>(o.time).count() << " s";
    return s.str();
  };
  std::string text = line(inv);
  if (done) {
    text += "\n" + line(*done) + "\nlatency " +
            std::to_string(std::chrono::duration<double, std::milli>(done->time - inv.time).count()) + " ms";
  } else {
    text += "\nnever completed";
  }
  return html_escape(text);
}

inline std::string timeline_html(history const& h, std::string const& title, std::size_t op_limit = 10000) {
  std::map<std::int64_t, op const*> done_of;  // invocation index -> completion
  for (auto const& o : h) {
    if (o.invocation >= 0) done_of[o.invocation] = &o;
  }
  // Columns: client processes in order, then the nemesis.
  std::map<std::int64_t, int> column;
  std::size_t drawn = 0;
  for (auto const& o : h) {
    if (o.invocation >= 0 || (o.is_client_op() && o.type != op_type::invoke)) continue;  // invocations only
    if (drawn++ >= op_limit) break;
    column.emplace(o.is_client_op() ? o.process : std::numeric_limits<std::int64_t>::max(), 0);
  }
  int next = 0;
  for (auto& [p, c] : column) c = next++;
  double const t_end = std::max(1.0, h.empty() ? 1.0 : detail::seconds(h.back().time));
  double const px_per_s = std::clamp(20000.0 / t_end, 20.0, 2000.0), col_w = 90, gap = 6, top = 8, left = 60;
  auto const y = [&](sim_time t) { return top + detail::seconds(t) * px_per_s; };
  double const width = left + static_cast<double>(column.size()) * (col_w + gap), height = top + t_end * px_per_s + 20;

  std::ostringstream s;
  s << "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" << html_escape(title) << " timeline</title>\n<style>\n"
    << "body{font-family:sans-serif;font-size:11px;margin:8px}\n"
    << ".plot{position:relative;width:" << width << "px;height:" << height << "px}\n"
    << ".op{position:absolute;width:" << col_w << "px;min-height:2px;overflow:hidden;border-radius:2px;"
    << "box-sizing:border-box;border:1px solid rgba(0,0,0,.25);font-size:9px;white-space:nowrap}\n"
    << ".op:hover{outline:2px solid #000;z-index:2}\n"
    << ".ok{background:#B7FFB7}.fail{background:#FFB7B7}.info{background:#FFEEA8}.pending{background:#ddd}\n"
    << ".nemesis{position:absolute;left:0;background:rgba(128,128,128,.18)}\n"
    << ".heads{position:sticky;top:0;z-index:3;height:20px;background:#fff;width:" << width << "px}\n"
    << ".head{position:absolute;top:3px;width:" << col_w << "px;text-align:center;font-weight:bold}\n"
    << ".tick{position:absolute;left:0;width:" << left - 6 << "px;text-align:right;color:#666}\n"
    << "</style></head><body>\n<h1>" << html_escape(title) << " timeline</h1>\n<p>One column per process; an op runs "
    << "from its invocation (top) to its completion; green ok, pink fail, orange info, grey never completed; grey "
    << "bands: nemesis periods. Hover over an op for its details.";
  if (drawn > op_limit) s << " Only the first " << op_limit << " ops are drawn.";
  // The column heads stay in view while the page scrolls down the run.
  s << "</p>\n<div class=\"heads\">\n";
  for (auto const& [p, c] : column) {
    s << "<div class=\"head\" style=\"left:" << left + c * (col_w + gap) << "px\">"
      << (p == std::numeric_limits<std::int64_t>::max() ? std::string("nemesis") : std::to_string(p)) << "</div>\n";
  }
  s << "</div>\n<div class=\"plot\">\n";
  for (auto const& w : nemesis_windows(h)) {
    double const a = y(w.start), b = w.end ? y(*w.end) : height;
    s << "<div class=\"nemesis\" style=\"top:" << a << "px;height:" << std::max(1.0, b - a) << "px;width:" << width
      << "px\" title=\"nemesis " << html_escape(w.spec) << "\"></div>\n";
  }
  for (int k = 0; k <= static_cast<int>(t_end); k += std::max(1, static_cast<int>(t_end / 20))) {
    s << "<div class=\"tick\" style=\"top:" << y(std::chrono::seconds(k)) - 6 << "px\">" << k << " s</div>\n";
  }
  drawn = 0;
  for (auto const& o : h) {
    if (o.invocation >= 0 || (o.is_client_op() && o.type != op_type::invoke)) continue;
    if (drawn++ >= op_limit) break;
    auto const it = done_of.find(o.index);
    op const* done = it == done_of.end() ? nullptr : it->second;
    auto const col = column.at(o.is_client_op() ? o.process : std::numeric_limits<std::int64_t>::max());
    double const a = y(o.time), b = done ? y(done->time) : height;
    std::string const cls = done ? std::string(name_of(done->type)) : "pending";
    s << "<div class=\"op " << cls << "\" style=\"left:" << left + col * (col_w + gap) << "px;top:" << a
      << "px;height:" << std::max(2.0, b - a) << "px\" title=\"" << op_tooltip(o, done) << "\">" << html_escape(o.f)
      << ' ' << html_escape(boost::json::serialize(done && done->type == op_type::ok ? done->value : o.value)) << "</div>\n";
  }
  s << "</div>\n</body></html>\n";
  return s.str();
}

}  // namespace glomers::harness
