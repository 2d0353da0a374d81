"""Repository rules that make Debian's Bazel rule packages usable offline with Bazel 4.2.3."""

# The files of rules_cc 0.0.4 that call use_cpp_toolchain(), which Bazel 4.2.3 lacks.
_CALLS_USE_CPP_TOOLCHAIN = [
    "cc/private/rules_impl/cc_flags_supplier.bzl",
    "cc/private/rules_impl/compiler_flag.bzl",
]

def _debian_rules_cc_impl(ctx):
    root = ctx.path(ctx.attr.path)
    if not root.exists:
        fail("%s is missing: apt-get install bazel-rules-cc" % ctx.attr.path)

    # A tree of real directories whose files link to Debian's, so single files can be replaced.
    result = ctx.execute(["cp", "-rs", str(root) + "/.", "."])
    if result.return_code != 0:
        fail("could not mirror %s: %s" % (root, result.stderr))

    # The adapted files ask for the C++ toolchain the way Bazel 4 spells it.
    for rel in _CALLS_USE_CPP_TOOLCHAIN:
        text = ctx.read(ctx.path(ctx.attr.path + "/" + rel))
        text = text.replace(', "use_cpp_toolchain")', ")")
        text = text.replace("use_cpp_toolchain()", '["@bazel_tools//tools/cpp:toolchain_type"]')
        ctx.execute(["rm", rel])
        ctx.file(rel, text, executable = False)

debian_rules_cc = repository_rule(
    implementation = _debian_rules_cc_impl,
    attrs = {"path": attr.string(mandatory = True)},
    local = True,
)
