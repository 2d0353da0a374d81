"""glomers_tests: one small cc_test per name (name.cpp) with the shared Boost.Test main."""

load("@rules_cc//cc:defs.bzl", "cc_test")

def glomers_tests(names, deps, size = "small", suffix = "", **kwargs):
    """Declares cc_test(name = n + suffix, srcs = [n + ".cpp"]) for each name, with deps and
    test_main; kwargs (env, tags, data...) go to every test."""
    for name in names:
        cc_test(
            name = name + suffix,
            size = size,
            srcs = [name + ".cpp"],
            deps = deps + ["//tests/support:test_main"],
            **kwargs
        )

def header_self_containment_test(name, hdrs, deps):
    """A compile-only test: each header, included first and alone in a translation unit of its own,
    must compile (it includes what it uses)."""
    srcs = []
    for hdr in hdrs:
        stem = hdr.replace("/", "_").replace(".", "_")
        out = "%s_srcs/%s.cpp" % (name, stem)
        native.genrule(
            name = "%s_%s" % (name, stem),
            outs = [out],
            cmd = "echo '#include \"%s\"' > $@" % (native.package_name() + "/" + hdr if native.package_name() else hdr),
            testonly = True,
        )
        srcs.append(out)
    cc_test(
        name = name,
        size = "small",
        srcs = srcs + ["//tests/support:empty_main.cpp"],
        testonly = True,
        deps = deps,
    )
