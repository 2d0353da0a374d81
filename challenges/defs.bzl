"""The catalog of challenge binaries: each (name, workload) pair becomes //challenges:<name>, a
binary whose main runs glomers::catalog::<name>::server (challenges/<workload>/catalog.hpp), and
the generated header challenges/all.hpp lists every entry, in order, for the simulator and the
benchmarks, and checks that each entry's name is its binary's."""

load("@rules_cc//cc:defs.bzl", "cc_binary", "cc_library")

def challenge_binaries(challenges, deps):
    """Declares one cc_binary per (name, workload) and the library :catalog with challenges/all.hpp."""
    for name, workload in challenges:
        native.genrule(
            name = name + "_main",
            outs = [name + "_main.cpp"],
            cmd = "printf '%s\\n' " + " ".join([
                "'// Generated from the catalog in challenges/BUILD.bazel: the binary %s.'" % name,
                "'#include \"challenges/%s/catalog.hpp\"'" % workload,
                "'#include \"maelstrom/run.hpp\"'",
                "'int main() { return glomers::run<glomers::catalog::%s::server>(); }'" % name,
            ]) + " > $@",
        )
        cc_binary(
            name = name,
            srcs = [name + "_main.cpp"],
            deps = deps,
        )
    workloads = []
    for _, workload in challenges:
        if workload not in workloads:
            workloads.append(workload)
    lines = ["// Generated from the catalog in challenges/BUILD.bazel: every challenge binary.", "#pragma once"]
    lines += ["#include \"challenges/%s/catalog.hpp\"" % w for w in workloads]
    lines.append("namespace glomers::catalog {")
    lines.append("using all = entry_list<%s>;" % ", ".join([n for n, _ in challenges]))
    lines += ["static_assert(%s::name == \"%s\", \"an entry is named as its binary\");" % (n, n) for n, _ in challenges]
    for w in workloads:
        lines.append("using %s_entries = entry_list<%s>;" % (w, ", ".join([n for n, x in challenges if x == w])))
    lines.append("}  // namespace glomers::catalog")
    native.genrule(
        name = "all_hpp",
        outs = ["all.hpp"],
        cmd = "printf '%s\\n' " + " ".join(["'%s'" % l for l in lines]) + " > $@",
    )
    cc_library(
        name = "catalog",
        hdrs = ["all.hpp"],
        deps = deps,
    )
