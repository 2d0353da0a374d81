"""glomers_tests: one small cc_test per name (name.cpp) with the shared Boost.Test main."""

load("@rules_cc//cc:defs.bzl", "cc_test")

def glomers_tests(names, deps, size = "small"):
    """Declares cc_test(name = n, srcs = [n + ".cpp"]) for each name, with deps and test_main."""
    for name in names:
        cc_test(
            name = name,
            size = size,
            srcs = [name + ".cpp"],
            deps = deps + ["//tests/support:test_main"],
        )
