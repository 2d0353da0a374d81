// messages.svg: a window of a run's message journal as a Lamport diagram, the way Maelstrom draws
// it: one vertical line per participant (clients, nodes, services), time running down, an arrow
// per message from its send to its delivery, labelled with the body type. A message a partition
// dropped ends in a red cross halfway.
#pragma once

#include "harness/network.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace glomers::harness {

inline std::string lamport_svg(harness::journal const& journal, sim_time from, sim_time to,
                               std::size_t max_messages = 400) {
  struct arrow {
    std::string src, dest, type;
    sim_time sent;
    std::optional<sim_time> received;
  };
  std::map<std::int64_t, arrow> arrows;
  for (auto const& e : journal) {
    if (e.kind == journal_entry::send) {
      if (e.time < from || e.time > to || arrows.size() >= max_messages) continue;
      arrows[e.id] = arrow{e.src, e.dest, e.type, e.time, std::nullopt};
    } else if (auto it = arrows.find(e.id); it != arrows.end()) {
      it->second.received = e.time;
    }
  }
  // Columns: clients, then nodes, then services, each in natural order (n2 before n10).
  auto const rank = [](std::string const& id) { return is_client(id) ? 0 : (id.size() > 1 && id[0] == 'n' && std::isdigit(static_cast<unsigned char>(id[1]))) ? 1 : 2; };
  auto const before = [&](std::string const& a, std::string const& b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    if (a.size() != b.size()) return a.size() < b.size();
    return a < b;
  };
  std::vector<std::string> ids;
  for (auto const& [id, a] : arrows) {
    for (auto const* p : {&a.src, &a.dest}) {
      if (std::find(ids.begin(), ids.end(), *p) == ids.end()) ids.push_back(*p);
    }
  }
  std::sort(ids.begin(), ids.end(), before);
  sim_time end = from;
  for (auto const& [id, a] : arrows) end = std::max(end, a.received.value_or(a.sent));
  double const col = 70, top = 50, ms_px = 2.0;
  double const span_ms = std::max(1.0, std::chrono::duration<double, std::milli>(end - from).count());
  double const width = col * static_cast<double>(ids.size() + 1), height = top + span_ms * ms_px + 30;
  auto const x = [&](std::string const& id) {
    return col * (0.5 + static_cast<double>(std::find(ids.begin(), ids.end(), id) - ids.begin()) + 0.5);
  };
  auto const y = [&](sim_time t) { return top + std::chrono::duration<double, std::milli>(t - from).count() * ms_px; };
  std::ostringstream s;
  s << R"(<svg xmlns="http://www.w3.org/2000/svg" width=")" << width << R"(" height=")" << height
    << R"(" font-family="sans-serif" font-size="9"><rect width="100%" height="100%" fill="white"/>)" << '\n';
  s << R"(<defs><marker id="a" markerWidth="6" markerHeight="6" refX="6" refY="3" orient="auto"><path d="M0,0 L6,3 L0,6 z" fill="#369"/></marker></defs>)" << '\n';
  s << R"(<text x="8" y="14" font-size="11">messages from )" << std::chrono::duration<double>(from).count() << " s to "
    << std::chrono::duration<double>(end).count() << " s (" << arrows.size() << " messages; 1 ms = " << ms_px << " px)</text>\n";
  for (auto const& id : ids) {
    s << R"(<text x=")" << x(id) << R"(" y="36" text-anchor="middle" font-size="11">)" << id << "</text>"
      << R"(<line x1=")" << x(id) << R"(" x2=")" << x(id) << R"(" y1="40" y2=")" << height - 10 << R"(" stroke="#bbb"/>)" << '\n';
  }
  for (auto const& [id, a] : arrows) {
    double const x1 = x(a.src), y1 = y(a.sent);
    if (a.received) {
      double const x2 = x(a.dest), y2 = y(*a.received);
      s << R"(<line x1=")" << x1 << R"(" y1=")" << y1 << R"(" x2=")" << x2 << R"(" y2=")" << y2
        << R"svg(" stroke="#369" stroke-width="0.8" marker-end="url(#a)"><title>)svg" << a.src << " → " << a.dest << ": " << a.type
        << "</title></line>" << R"(<text x=")" << (x1 + x2) / 2 << R"(" y=")" << (y1 + y2) / 2 - 2
        << R"(" text-anchor="middle" fill="#369">)" << a.type << "</text>\n";
    } else {
      double const x2 = (x1 + x(a.dest)) / 2, y2 = y1 + 20;
      s << R"(<line x1=")" << x1 << R"(" y1=")" << y1 << R"(" x2=")" << x2 << R"(" y2=")" << y2
        << R"(" stroke="#c22" stroke-width="0.8" stroke-dasharray="3 2"><title>)" << a.src << " → " << a.dest << ": " << a.type
        << " (dropped)</title></line>" << R"(<text x=")" << x2 << R"(" y=")" << y2 + 3
        << R"(" text-anchor="middle" fill="#c22" font-size="11">×</text>)" << '\n';
    }
  }
  s << "</svg>\n";
  return s.str();
}

}  // namespace glomers::harness
