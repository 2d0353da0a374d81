"""node_fuzz_tests: a fixed-seed fuzz test per node binary (CI), and one long manual run each."""

def node_fuzz_tests(binaries, cases = 250, manual_seconds = 300):
    """For each (label, workload): <name>_fuzz_test runs `cases` cases with seed 1;
    <name>_fuzz_long (manual) runs for manual_seconds with GLOMERS_SEED or seed 1."""
    for label, workload in binaries:
        name = label.split(":")[-1]
        common = dict(
            srcs = ["run_fuzz.sh"],
            data = [":fuzz_node", label],
        )
        native.sh_test(
            name = name + "_fuzz_test",
            size = "medium",
            args = ["$(rootpath :fuzz_node)", "$(rootpath %s)" % label, workload, "--seed", "1", "--cases", str(cases)],
            **common
        )
        native.sh_test(
            name = name + "_fuzz_long",
            size = "enormous",
            tags = ["manual"],
            args = ["$(rootpath :fuzz_node)", "$(rootpath %s)" % label, workload, "--seconds", str(manual_seconds)],
            **common
        )
