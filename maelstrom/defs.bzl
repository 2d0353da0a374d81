"""maelstrom_test: run a node binary under the local Maelstrom as a Bazel test."""

def maelstrom_test(name, node, args, expect_exit = 0, expect_output = "", size = "large", tags = [], **kwargs):
    """A test that runs `maelstrom test --bin <node> <args>` and checks its exit status.

    Args:
      name: the test's name.
      node: the node binary target.
      args: Maelstrom's flags, e.g. the Fly.io line: ["-w", "echo", "--node-count", "1", ...].
      expect_exit: the exit status expected: 0 valid, 1 invalid, 2 unknown, 254 bad flags,
        255 the test broke (a node crashed...).
      expect_output: an extended regular expression the console must show (optional).
      size: the Bazel test size.
      tags: extra tags; "e2e" is always added.
      **kwargs: passed to sh_test.
    """
    native.sh_test(
        name = name,
        size = size,
        srcs = ["//maelstrom:run_test.sh"],
        args = [
            "$(location //maelstrom)",
            "$(location %s)" % node,
            str(expect_exit),
            "'%s'" % expect_output,
        ] + args,
        data = ["//maelstrom", node],
        tags = tags + ["e2e"],
        **kwargs
    )
