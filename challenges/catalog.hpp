// The catalog of challenge binaries. Each entry is one line in glomers::catalog:
//
//   using broadcast_3d = entry<"broadcast_3d", "challenge 3d: star, batched 120 ms, repair 1 s",
//                              broadcast_server, designs::hub_batched>;
//
// that is: the binary's name (//challenges:broadcast_3d), what it is, the server template and
// the design it is instantiated with (none for servers without one, such as echo_server).
// Each workload's entries live in challenges/<workload>/catalog.hpp. The list of binaries is
// CHALLENGES in challenges/catalog.bzl (the fuzzer reads it too); from it Bazel generates each binary's main and the header
// challenges/all.hpp (entry lists for every binary and per workload, each entry checked to carry
// its own name), which the simulator's `sim list` and the design-comparison benchmarks read. So
// a new design is a line here and one line there.
#pragma once

#include "maelstrom/runtime/sim.hpp"

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <string_view>

namespace glomers::catalog {

// A string literal as a template argument.
template <std::size_t N>
struct fixed_string {
  char text[N]{};
  constexpr fixed_string(char const (&s)[N]) { std::copy_n(s, N, text); }
  constexpr std::string_view view() const { return {text, N - 1}; }
};

// One binary: Server<Runtime, Design...> under a name and a line saying what it is.
template <fixed_string Name, fixed_string What, template <class...> class Server, class... Design>
struct entry {
  static constexpr std::string_view name = Name.view();
  static constexpr std::string_view what = What.view();
  template <class Runtime>
  using server = Server<Runtime, Design...>;
};

template <class E>
concept catalog_entry = requires {
  { E::name } -> std::convertible_to<std::string_view>;
  { E::what } -> std::convertible_to<std::string_view>;
  typename E::template server<runtime::sim>;
};

template <catalog_entry... E>
struct entry_list {};

// Calls f.template operator()<E>() for each entry, in order.
template <catalog_entry... E, class F>
void for_each(entry_list<E...>, F&& f) {
  (f.template operator()<E>(), ...);
}

}  // namespace glomers::catalog
