// The pictures drawn from a history alone, written beside latency-raw.svg and messages.svg:
// timeline.html, latency-quantiles.svg and rate.svg. The test writes them once its run is over;
// `maelstrom analyze` draws them again from a stored history.
#pragma once

#include "harness/plots.hpp"
#include "harness/timeline.hpp"

#include <filesystem>
#include <fstream>
#include <string>

namespace glomers::harness {

inline void write_pictures(std::filesystem::path const& dir, history const& h, std::string const& title) {
  std::ofstream(dir / "timeline.html") << timeline_html(h, title);
  std::ofstream(dir / "latency-quantiles.svg") << latency_quantiles_svg(h, title);
  std::ofstream(dir / "rate.svg") << rate_svg(h, title);
}

}  // namespace glomers::harness
