// The catalog of challenge binaries. Each entry is a struct in glomers::catalog:
//
//   struct broadcast_3d {
//     static constexpr std::string_view name = "broadcast_3d";   // binary //challenges:broadcast_3d
//     static constexpr std::string_view what = "challenge 3d: star, batched 120 ms, repair 1 s";
//     template <class Runtime> using server = broadcast_server<Runtime, designs::hub_batched>;
//   };
//
// Each workload's entries live in challenges/<workload>/catalog.hpp. The list of binaries is
// CHALLENGES in challenges/catalog.bzl; from it Bazel generates each binary's main and the header
// challenges/all.hpp (entry lists for every binary and per workload), which the simulator's
// `sim list` and the design-comparison benchmarks read. So a new design is a struct here and one
// line there.
#pragma once

#include "maelstrom/runtime/sim.hpp"

#include <concepts>
#include <string_view>

namespace glomers::catalog {

template <class E>
concept entry = requires {
  { E::name } -> std::convertible_to<std::string_view>;
  { E::what } -> std::convertible_to<std::string_view>;
  typename E::template server<runtime::sim>;
};

template <entry... E>
struct entry_list {};

// Calls f.template operator()<E>() for each entry, in order.
template <entry... E, class F>
void for_each(entry_list<E...>, F&& f) {
  (f.template operator()<E>(), ...);
}

}  // namespace glomers::catalog
