"""node_fuzz_tests: a fixed-seed fuzz test per catalog binary (CI), and one long manual run each."""

# The Maelstrom workload the fuzzer plays against a catalog entry (name, catalog workload).
def fuzz_workload(name, workload):
    if workload == "counter":
        return "pn-counter" if name.startswith("pn_") else "g-counter"
    if workload == "txn":
        return "txn-list-append" if "list_append" in name else "txn-rw-register"
    known = {
        "echo": "echo",
        "unique_ids": "unique-ids",
        "broadcast": "broadcast",
        "kafka": "kafka",
        "lin_kv": "lin-kv",
    }
    if workload not in known:
        fail("tests/fuzz/defs.bzl: no fuzz profile for the catalog's workload %s (%s): add one" % (workload, name))
    return known[workload]

def node_fuzz_tests(catalog, cases = 100, manual_seconds = 300):
    """For each catalog entry (name, workload): <name>_fuzz_test runs `cases` cases with seed 1;
    <name>_fuzz_long (manual) runs for manual_seconds with GLOMERS_SEED or seed 1."""
    for name, workload in catalog:
        label = "//challenges:" + name
        w = fuzz_workload(name, workload)
        common = dict(
            srcs = ["run_fuzz.sh"],
            data = [":fuzz_node", label],
        )
        native.sh_test(
            name = name + "_fuzz_test",
            size = "medium",
            args = ["$(rootpath :fuzz_node)", "$(rootpath %s)" % label, w, "--seed", "1", "--cases", str(cases)],
            **common
        )
        native.sh_test(
            name = name + "_fuzz_long",
            size = "enormous",
            tags = ["manual"],
            args = ["$(rootpath :fuzz_node)", "$(rootpath %s)" % label, w, "--seconds", str(manual_seconds)],
            **common
        )
